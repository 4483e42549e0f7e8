import { setMaxListeners } from 'node:events';
import http from 'node:http';
import type { Db } from '../../src/lib/server/db/index';
import * as kiosks from '../../src/lib/server/kiosks';
import { uuidV7 } from '../../src/lib/domain/uuid';
import { YEAR_TO, type BenchWorld } from './province';
import { percentile } from './views';
import { Rng } from './shape';

/**
 * Kiosks posting answers over HTTP on loopback, each on its own keep-alive connection as a
 * tablet would. Bodies are what the kiosk app sends: mostly a single tap, sometimes the
 * officer and procedure field, reasons after a low rating.
 */

export interface BenchKiosk {
	token: string;
	officers: string[];
	agent: http.Agent;
	/** Next submittedAt (ms). Kiosks keep at least minIntervalSeconds (4 s) between answers. */
	next: number;
	rng: Rng;
}

const SPACING_MS = 20_000;

/** Pairs `count` kiosks of different units, as an administrator would, and returns their tokens. */
export async function pairKiosks(db: Db, w: BenchWorld, count: number): Promise<BenchKiosk[]> {
	const now = new Date();
	// A random start (whole seconds) so that a rerun on a kept database does not collide with
	// the answers of an earlier run at the same instants.
	const start = now.getTime() - 100 * 86_400_000 + Math.floor(Math.random() * 40 * 86_400) * 1000;
	// Units still open at the end of the year (not the communes merged in March).
	const live = w.units.filter((u) => u.until === YEAR_TO);
	const out: BenchKiosk[] = [];
	for (let i = 0; i < count; i++) {
		const unit = live[(i * 7) % live.length];
		const counter = unit.counters[i % unit.counters.length];
		const code = await kiosks.issuePairingCode(db, counter.kioskId, now);
		const paired = await kiosks.pair(db, code, now);
		if (!paired) throw new Error('pairing failed');
		out.push({
			token: paired.token,
			officers: counter.officers.map((o) => o.id),
			agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
			// Replaying from 100 days back leaves room for hours of answers at 20 s apart, within
			// the 120 days the endpoint accepts.
			next: start + i * 1000,
			rng: new Rng(`bench|kiosk|${i}`)
		});
	}
	return out;
}

export function answerBody(w: BenchWorld, k: BenchKiosk): string {
	const r = k.rng;
	const level = 1 + r.weighted([8, 22, 70]);
	const answers: Record<string, unknown> = { satisfaction: level };
	if (r.chance(0.3) && k.officers.length > 0) answers.officer = r.pick(k.officers);
	if (r.chance(0.3)) answers.procedure_field = r.pick(w.fieldIds);
	if (level === 1 && r.chance(0.85))
		answers.reasons = r.chance(0.5) ? ['wait'] : ['wait', 'guidance'];
	const submitted = k.next;
	k.next += SPACING_MS;
	return JSON.stringify({
		// As the kiosk app makes them (src/lib/kiosk/outbox.ts), at the time it sends.
		id: uuidV7(),
		surveyVersionId: w.deskVersionId,
		answers,
		startedAt: new Date(submitted - r.int(3000, 9000)).toISOString(),
		submittedAt: new Date(submitted).toISOString(),
		locale: 'vi'
	});
}

/** Posts one answer; resolves with the HTTP status, or 0 when the connection failed or was cut. */
function post(
	port: number,
	path: string,
	k: BenchKiosk,
	body: string,
	signal?: AbortSignal
): Promise<number> {
	return new Promise((resolve) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path,
				method: 'POST',
				agent: k.agent,
				signal,
				headers: {
					authorization: `Bearer ${k.token}`,
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body)
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			}
		);
		req.on('error', (e) => {
			if (!signal?.aborted) errors.push(String(e));
			resolve(0);
		});
		req.end(body);
	});
}

/** Connection errors seen, for the log (a kiosk would resend). */
export const errors: string[] = [];

export interface LoadResult {
	requests: number;
	seconds: number;
	rps: number;
	statuses: Record<string, number>;
	latencies: number[];
}

/** Every kiosk sends its next answer as soon as the previous one is acknowledged. */
export async function closedLoop(
	port: number,
	path: string,
	ks: BenchKiosk[],
	body: (k: BenchKiosk) => string,
	seconds: number
): Promise<LoadResult> {
	const statuses: Record<string, number> = {};
	const latencies: number[] = [];
	const start = performance.now();
	const end = start + seconds * 1000;
	await Promise.all(
		ks.map(async (k) => {
			while (performance.now() < end) {
				const t = performance.now();
				const status = await post(port, path, k, body(k));
				latencies.push(performance.now() - t);
				statuses[status] = (statuses[status] ?? 0) + 1;
			}
		})
	);
	const took = (performance.now() - start) / 1000;
	return {
		requests: latencies.length,
		seconds: took,
		rps: latencies.length / took,
		statuses,
		latencies
	};
}

/**
 * Offers a fixed rate, whatever the server does: latency counts from when a request was due,
 * so time spent queued behind a slow one is counted too (no coordinated omission). Requests
 * still unanswered `drainSeconds` after the last one was due are cut and counted at the time
 * they had waited, so a server that cannot keep up gives a (lower-bound) p99 and the run ends.
 */
export async function openLoop(
	port: number,
	path: string,
	ks: BenchKiosk[],
	body: (k: BenchKiosk) => string,
	rate: number,
	seconds: number,
	drainSeconds = 15
): Promise<LoadResult & { cut: number }> {
	const statuses: Record<string, number> = {};
	const latencies: number[] = [];
	const total = Math.round(rate * seconds);
	const pending: Promise<void>[] = [];
	const abort = new AbortController();
	// One signal for thousands of requests: not a leak.
	setMaxListeners(0, abort.signal);
	const start = performance.now();
	let sent = 0;
	let cut = 0;
	while (sent < total) {
		const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
		while (sent < due) {
			const scheduled = start + (sent * 1000) / rate;
			const k = ks[sent % ks.length];
			pending.push(
				post(port, path, k, body(k), abort.signal).then((status) => {
					latencies.push(performance.now() - scheduled);
					const key = abort.signal.aborted && status === 0 ? 'cut' : String(status);
					if (key === 'cut') cut++;
					statuses[key] = (statuses[key] ?? 0) + 1;
				})
			);
			sent++;
		}
		await new Promise((r) => setTimeout(r, 1));
	}
	const timer = setTimeout(() => abort.abort(), drainSeconds * 1000);
	await Promise.all(pending);
	clearTimeout(timer);
	const took = (performance.now() - start) / 1000;
	const answered = latencies.length - cut;
	return {
		requests: latencies.length,
		seconds: took,
		rps: answered / took,
		statuses,
		latencies,
		cut
	};
}

export function summarize(r: LoadResult): string {
	const sorted = [...r.latencies].sort((a, b) => a - b);
	return `${r.requests} requests in ${r.seconds.toFixed(1)} s = ${r.rps.toFixed(0)}/s, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, statuses ${JSON.stringify(r.statuses)}`;
}
