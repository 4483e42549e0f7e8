/**
 * Mixed load on loopback against a copy of the demo database (npm run load), as an office sees
 * it on a busy morning: kiosks answering while people read the dashboard and the comments.
 *   npm run build && npm run load [-- --seconds 300] [--kiosks 50] [--browsers 10]
 *                                 [--kiosk-every 5] [--think 2]
 * Needs a build (npm run build) and the demo database (npm run demo once, or DATABASE_URL). The
 * server runs on a copy, so the demo is left as it was. Prints throughput, p50 and p99 per kind
 * and the errors; the last line is
 *   load: seconds=… kiosk_rps=… kiosk_p50_ms=… kiosk_p99_ms=… view_rps=… view_p50_ms=…
 *         view_p99_ms=… exports=… export_p50_ms=… errors=… rss_mb=…   (one line)
 * One person exports the month's answers as XLSX, one export after another, where the build has
 * the export endpoint.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidV7 } from '../src/lib/domain/uuid';
import { SESSION_COOKIE } from '../src/lib/server/auth/cookies';
import { generatePassword } from '../src/lib/server/auth/password';
import { backupDatabase } from '../src/lib/server/backup';
import { openMigrated } from '../src/lib/server/db/index';
import { kioskConfig } from '../src/lib/server/kiosk-config';
import * as kiosks from '../src/lib/server/kiosks';
import * as users from '../src/lib/server/users';
import { freePort } from './bench/app';
import { percentile } from './bench/views';
import { CliError, databaseUrl, parseArgs, run } from './cli';

interface Kind {
	latencies: number[];
	errors: Record<string, number>;
}

const kinds: Record<'kiosk' | 'view' | 'export', Kind> = {
	kiosk: { latencies: [], errors: {} },
	view: { latencies: [], errors: {} },
	export: { latencies: [], errors: {} }
};

function request(
	port: number,
	agent: http.Agent,
	method: string,
	path: string,
	headers: Record<string, string>,
	body?: string
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
		});
		req.on('error', reject);
		req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
		req.end(body);
	});
}

/**
 * A kept-alive connection the server closed as idle just as it was reused resets: the request
 * is sent again once, as browsers do (an answer's UUID makes the resend harmless).
 */
async function once(send: () => Promise<{ status: number }>): Promise<{ status: number }> {
	try {
		return await send();
	} catch (e) {
		if (!/ECONNRESET|socket hang up/.test(String(e))) throw e;
		retries++;
		return send();
	}
}
let retries = 0;

async function timed(
	kind: Kind,
	ok: (status: number) => boolean,
	send: () => Promise<{ status: number }>
) {
	const t = performance.now();
	let outcome: string;
	try {
		const { status } = await once(send);
		outcome = ok(status) ? 'ok' : String(status);
	} catch (e) {
		outcome = e instanceof Error ? e.message : String(e);
	}
	kind.latencies.push(performance.now() - t);
	if (outcome !== 'ok') kind.errors[outcome] = (kind.errors[outcome] ?? 0) + 1;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	const known = ['seconds', 'kiosks', 'browsers', 'kiosk-every', 'think'];
	for (const name of Object.keys(args)) {
		if (!known.includes(name)) throw new CliError(`Unknown option --${name}`);
	}
	const seconds = Number(args.seconds ?? 300);
	const kioskCount = Number(args.kiosks ?? 50);
	const browserCount = Number(args.browsers ?? 10);
	const kioskEveryMs = Number(args['kiosk-every'] ?? 5) * 1000;
	const thinkMs = Number(args.think ?? 2) * 1000;
	if (![seconds, kioskCount, browserCount, kioskEveryMs, thinkMs].every((n) => n >= 0)) {
		throw new CliError('Every option takes a number of at least 0');
	}
	if (!existsSync('build/index.js')) throw new CliError('No build: run npm run build first');
	const source = databaseUrl();
	if (!existsSync(source)) {
		throw new CliError(`No database at ${source}: run npm run demo once, or set DATABASE_URL`);
	}
	const work = mkdtempSync(join(tmpdir(), 'ykien-load-'));
	const log = (msg: string) => console.log(`[load] ${msg}`);
	try {
		const dbPath = join(work, 'load.db');
		log(`copying ${source}`);
		await backupDatabase(source, dbPath);

		// Kiosks of open units with a survey in force, paired as the tablets would be.
		const db = await openMigrated(dbPath);
		const now = new Date();
		const rows = await db
			.selectFrom('kiosks')
			.innerJoin('units', 'units.id', 'kiosks.unitId')
			.selectAll('kiosks')
			.where('kiosks.revokedAt', 'is', null)
			.where('units.validTo', 'is', null)
			.execute();
		const fleet: { token: string; body: () => string; agent: http.Agent }[] = [];
		const eligible: typeof rows = [];
		for (const kiosk of rows) {
			if ((await kioskConfig(db, kiosk, now)).survey) eligible.push(kiosk);
		}
		if (eligible.length === 0) throw new CliError('No kiosk of an open unit has a survey in force');
		for (let i = 0; fleet.length < kioskCount && i < kioskCount * 2; i++) {
			// The demo's own kiosks first, then more at the same counters.
			const kiosk =
				i < eligible.length
					? eligible[i]
					: (
							await kiosks.create(
								db,
								{
									unitId: eligible[i % eligible.length].unitId,
									counterId: eligible[i % eligible.length].counterId,
									name: `Load ${i}`
								},
								now
							)
						).kiosk;
			const config = await kioskConfig(db, kiosk, now);
			if (!config.survey) continue;
			const code = await kiosks.issuePairingCode(db, kiosk.id, now);
			const paired = await kiosks.pair(db, code, now);
			if (!paired) continue;
			const { versionId, definition } = config.survey;
			let n = 0;
			fleet.push({
				token: paired.token,
				agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
				body: () =>
					JSON.stringify({
						id: uuidV7(),
						surveyVersionId: versionId,
						answers: { [definition.mainQuestion]: 1 + (n++ % 3) },
						submittedAt: new Date().toISOString(),
						locale: 'vi'
					})
			});
		}
		const password = generatePassword();
		const username = `load.${Date.now().toString(36)}`;
		await users.create(db, { username, role: 'admin', displayName: 'Load', password });
		const units = await db
			.selectFrom('units')
			.select('id')
			.where('validTo', 'is', null)
			.orderBy('code')
			.limit(30)
			.execute();
		await db.destroy();

		const port = await freePort();
		const origin = `http://127.0.0.1:${port}`;
		const server = spawn(process.execPath, ['build'], {
			env: { ...process.env, DATABASE_URL: dbPath, PORT: String(port), ORIGIN: origin },
			stdio: ['ignore', 'ignore', 'inherit']
		});
		let peakKb = 0;
		const rss = setInterval(() => {
			try {
				const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
				peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
			} catch {
				// The server has ended.
			}
		}, 1000);
		try {
			const probe = new http.Agent();
			for (let i = 0; ; i++) {
				const up = await request(port, probe, 'GET', '/healthz', {}).then(
					(r) => r.status === 200,
					() => false
				);
				if (up) break;
				if (i > 300) throw new Error('the server did not start');
				await sleep(100);
			}

			// Sign-ins, as people do at nine.
			const cookies: string[] = [];
			for (let i = 0; i < browserCount; i++) {
				const res = await request(
					port,
					probe,
					'POST',
					'/login',
					{ 'content-type': 'application/x-www-form-urlencoded', origin },
					new URLSearchParams({ username, password }).toString()
				);
				const cookie = (res.headers['set-cookie'] ?? [])
					.map((c) => c.split(';')[0])
					.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
				if (!cookie) throw new Error(`sign-in answered ${res.status} without a session`);
				cookies.push(cookie);
			}
			const pages = [
				() => '/admin/stats',
				() => `/admin/stats?unit=${units[Math.floor(Math.random() * units.length)].id}`,
				() => `/admin/stats?period=quarter`,
				() => `/admin/stats?period=year&compare=previous`,
				() => '/admin/comments',
				() => `/admin/comments?page=${1 + Math.floor(Math.random() * 5)}`
			];
			log(
				`${fleet.length} kiosks answering every ${kioskEveryMs / 1000} s, ${browserCount} ` +
					`people reading with ${thinkMs / 1000} s between pages, for ${seconds} s`
			);
			const end = performance.now() + seconds * 1000;
			const kioskLoops = fleet.map(async (k, i) => {
				await sleep((i * kioskEveryMs) / Math.max(1, fleet.length));
				while (performance.now() < end) {
					const started = performance.now();
					// Made once: a resend after a reset carries the same answer (its UUID).
					const body = k.body();
					await timed(
						kinds.kiosk,
						(s) => s === 201 || s === 200,
						() =>
							request(
								port,
								k.agent,
								'POST',
								'/api/v1/responses',
								{ authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
								body
							)
					);
					await sleep(Math.max(0, kioskEveryMs - (performance.now() - started)));
				}
			});
			const browsing = cookies.map(async (cookie, i) => {
				const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
				await sleep((i * thinkMs) / Math.max(1, cookies.length));
				while (performance.now() < end) {
					const path = pages[Math.floor(Math.random() * pages.length)]();
					await timed(
						kinds.view,
						(s) => s === 200,
						() => request(port, agent, 'GET', path, { cookie, accept: 'text/html' })
					);
					await sleep(thinkMs);
				}
			});
			// One person exporting the month's answers as XLSX, one export after another.
			const exporting = (async () => {
				const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
				const path = '/api/v1/export?format=xlsx&content=responses&period=month';
				const probe = await request(port, agent, 'GET', path, { cookie: cookies[0] });
				if (probe.status === 404) {
					log('no export endpoint in this build: no export in the mix');
					return;
				}
				while (performance.now() < end) {
					await timed(
						kinds.export,
						(s) => s === 200,
						() => request(port, agent, 'GET', path, { cookie: cookies[0] })
					);
				}
			})();
			const progress = setInterval(
				() =>
					log(
						`  ${kinds.kiosk.latencies.length} answers, ${kinds.view.latencies.length} pages so far`
					),
				30_000
			);
			await Promise.all([...kioskLoops, ...browsing, exporting]);
			clearInterval(progress);
		} finally {
			clearInterval(rss);
			server.kill('SIGTERM');
			await new Promise((r) => server.once('exit', r));
		}

		const figures = (name: keyof typeof kinds) => {
			const k = kinds[name];
			const sorted = [...k.latencies].sort((a, b) => a - b);
			const errors = Object.values(k.errors).reduce((s, n) => s + n, 0);
			log(
				`${name}: ${sorted.length} requests, ${(sorted.length / seconds).toFixed(1)}/s, ` +
					`p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ` +
					`errors ${errors}${errors ? ` ${JSON.stringify(k.errors)}` : ''}`
			);
			return { sorted, errors };
		};
		if (retries > 0) log(`${retries} requests sent again after a reset kept-alive connection`);
		const kiosk = figures('kiosk');
		const view = figures('view');
		const exported = figures('export');
		console.log(
			`load: seconds=${seconds} kiosk_rps=${(kiosk.sorted.length / seconds).toFixed(1)} ` +
				`kiosk_p50_ms=${percentile(kiosk.sorted, 50).toFixed(1)} ` +
				`kiosk_p99_ms=${percentile(kiosk.sorted, 99).toFixed(1)} ` +
				`view_rps=${(view.sorted.length / seconds).toFixed(1)} ` +
				`view_p50_ms=${percentile(view.sorted, 50).toFixed(1)} ` +
				`view_p99_ms=${percentile(view.sorted, 99).toFixed(1)} ` +
				`exports=${exported.sorted.length} export_p50_ms=${percentile(exported.sorted, 50).toFixed(0)} ` +
				`errors=${kiosk.errors + view.errors + exported.errors} rss_mb=${(peakKb / 1024).toFixed(0)}`
		);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
});
