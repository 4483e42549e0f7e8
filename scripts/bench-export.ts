/**
 * Export benchmark (npm run bench:export): a province-year of answers (the dataset of
 * `npm run bench`, reused when given), then through the real endpoint of the built server
 *   GET /api/v1/export?format=xlsx|csv&content=responses  for the whole year, with an API token:
 * above 50,000 rows that is a background job; the time runs from the request until the file is
 * downloaded. Meanwhile 200 answers/s are offered to POST /api/v1/responses from 50 kiosks, and
 * their latencies are kept while an export runs. Its last line is
 *   export: rows=N xlsx_s=X csv_s=X rss_mb=X ingest_p99_during_ms=X
 *
 *   tsx scripts/bench-export.ts [--responses 1000000] [--keep] [--reuse DIR]
 *     DIR: a folder kept by `npm run bench -- --keep` or by this script's --keep
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db/index';
import * as apiTokens from '../src/lib/server/api-tokens';
import * as stats from '../src/lib/server/stats';
import { buildBenchApp, startServer } from './bench/app';
import { buildDataset } from './bench/dataset';
import { answerBody, openLoop, pairKiosks, summarize, type LoadResult } from './bench/load';
import { YEAR_FROM, YEAR_TO, type BenchWorld } from './bench/province';
import { percentile } from './bench/views';
import { CliError, parseArgs, run } from './cli';

const KIOSKS = 50;
const OFFERED_RPS = 200;
const WINDOW_SECONDS = 2;
const INGEST_PATH = '/api/v1/responses';

interface Timed {
	seconds: number;
	rows: number;
	bytes: number;
	ingest: LoadResult[];
}

/** Statuses of several load windows, added up. */
function statuses(results: LoadResult[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const r of results) {
		for (const [status, n] of Object.entries(r.statuses)) out[status] = (out[status] ?? 0) + n;
	}
	return out;
}

/** One export through the endpoint and, above the threshold, its job; ingest offered meanwhile. */
async function timeExport(
	port: number,
	token: string,
	format: 'xlsx' | 'csv',
	offer: () => Promise<LoadResult>,
	log: (msg: string) => void
): Promise<Timed> {
	const base = `http://127.0.0.1:${port}`;
	const headers = { authorization: `Bearer ${token}` };
	let done = false;
	const ingest: LoadResult[] = [];
	const offering = (async () => {
		while (!done) ingest.push(await offer());
	})();
	const started = performance.now();
	try {
		const query = `format=${format}&content=responses&period=custom&from=${YEAR_FROM}&to=${YEAR_TO}&compare=none`;
		const asked = await fetch(`${base}/api/v1/export?${query}`, { headers });
		let rows = Number(asked.headers.get('x-export-rows') ?? 0);
		let file = asked;
		if (asked.status === 202) {
			const location = asked.headers.get('location')!;
			let lastLog = 0;
			for (;;) {
				await new Promise((r) => setTimeout(r, 500));
				const { job } = await (await fetch(`${base}${location}`, { headers })).json();
				if (performance.now() - lastLog > 10_000) {
					lastLog = performance.now();
					log(`  ${format}: ${job.status} ${job.rowsDone}/${job.rowsTotal}`);
				}
				if (job.status === 'failed') throw new Error(`export job failed: ${job.error}`);
				if (job.status === 'done') {
					rows = job.rowsDone;
					file = await fetch(`${base}${job.file}`, { headers });
					break;
				}
			}
		}
		if (!file.ok || !file.body) throw new Error(`export answered ${file.status}`);
		let bytes = 0;
		for await (const chunk of file.body) bytes += (chunk as Uint8Array).byteLength;
		return { seconds: (performance.now() - started) / 1000, rows, bytes, ingest };
	} finally {
		done = true;
		await offering;
	}
}

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	for (const name of Object.keys(args)) {
		if (!['responses', 'keep', 'reuse'].includes(name)) {
			throw new CliError(`Unknown option --${name}`);
		}
	}
	const target = Number(args.responses ?? 1_000_000);
	if (!(target > 0)) throw new CliError('--responses must be positive');
	const started = performance.now();
	const log = (msg: string) =>
		console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
	const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

	const reuse = typeof args.reuse === 'string' ? args.reuse : null;
	const work = reuse ?? mkdtempSync(join(tmpdir(), 'ykien-bench-export-'));
	const dbPath = join(work, 'bench.db');
	const cleanUp = () => {
		if (!args.keep && !reuse) rmSync(work, { recursive: true, force: true });
	};
	try {
		const app = buildBenchApp(join(work, `build-${Date.now()}`), log);
		let world: BenchWorld;
		if (reuse) {
			world = JSON.parse(readFileSync(join(work, 'world.json'), 'utf8')) as BenchWorld;
			log(`reusing ${world.responses} answers in ${dbPath}`);
		} else {
			log(`generating a province-year of about ${target} answers in ${dbPath}`);
			world = await buildDataset(dbPath, target, log);
			writeFileSync(join(work, 'world.json'), JSON.stringify(world));
			const db = openDatabase(dbPath);
			await stats.rebuild(db);
			await db.destroy();
			log(`${world.responses} answers in ${world.units.length + 2} units`);
		}

		const db = openDatabase(dbPath);
		const ks = await pairKiosks(db, world, KIOSKS);
		const { token } = await apiTokens.issue(db, {
			name: `bench-export-${Date.now()}`,
			role: 'admin',
			unitId: null,
			createdBy: null
		});
		await db.destroy();

		const server = await startServer(app, dbPath, join(work, 'server.log'));
		const results: Record<'xlsx' | 'csv', Timed> = {} as never;
		try {
			log(`server on 127.0.0.1:${server.port}; load average ${load()}`);
			const offer = () =>
				openLoop(
					server.port,
					INGEST_PATH,
					ks,
					(k) => answerBody(world, k),
					OFFERED_RPS,
					WINDOW_SECONDS
				);
			log(`warming up ingest: ${summarize(await offer())}`);
			for (const format of ['xlsx', 'csv'] as const) {
				log(`exporting ${format}; ${OFFERED_RPS} answers/s offered meanwhile`);
				const r = await timeExport(server.port, token, format, offer, log);
				results[format] = r;
				const merged = r.ingest.flatMap((x) => x.latencies).sort((a, b) => a - b);
				log(
					`  ${format}: ${r.rows} rows, ${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${r.seconds.toFixed(1)} s; ` +
						`ingest meanwhile: ${merged.length} answers, p99 ${percentile(merged, 99).toFixed(1)} ms, ` +
						`statuses ${JSON.stringify(statuses(r.ingest))}`
				);
			}
		} finally {
			await server.stop();
			for (const k of ks) k.agent.destroy();
		}
		const during = [...results.xlsx.ingest, ...results.csv.ingest]
			.flatMap((x) => x.latencies)
			.sort((a, b) => a - b);
		const failed = [...results.xlsx.ingest, ...results.csv.ingest]
			.flatMap((r) => Object.entries(r.statuses))
			.filter(([status]) => status !== '201')
			.reduce((s, [, n]) => s + n, 0);
		if (failed > 0) log(`WARNING: ${failed} ingest requests during the exports did not answer 201`);
		log(`load average ${load()}`);
		const line = [
			`rows=${results.xlsx.rows}`,
			`xlsx_s=${results.xlsx.seconds.toFixed(1)}`,
			`csv_s=${results.csv.seconds.toFixed(1)}`,
			`rss_mb=${server.peakRssMb().toFixed(0)}`,
			`ingest_p99_during_ms=${percentile(during, 99).toFixed(1)}`
		].join(' ');
		cleanUp();
		console.log(`export: ${line}`);
	} catch (e) {
		cleanUp();
		throw e;
	}
});
