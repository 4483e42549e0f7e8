/**
 * Insight benchmark (npm run bench): a province-year of answers, then
 *   (a) dashboard views from the summary tables, timed, against the same views from the raw
 *       responses for a sample of them;
 *   (b) the real response endpoint over HTTP on loopback from 50 kiosks, against a bare
 *       SvelteKit endpoint of the same app built for the run only (scripts/bench/app.ts).
 * Everything lives in a temporary folder, removed at the end unless --keep. Its last line is
 *   bench: views=N p50_ms=… p95_ms=… raw_p95_ms=… speedup=… ingest_rps=… bare_rps=…
 *          ingest_ratio=… p99_at_1000_ms=… rss_mb=…   (one line)
 *
 *   tsx scripts/bench.ts [--responses 5200000] [--views 200] [--raw 10] [--keep]
 *                        [--reuse DIR]   (a folder kept by an earlier --keep run)
 *                        [--cold]        (only the first 50 views with the file out of the page
 *                                         cache, without and with the warm-up; last line
 *   bench-cold: views=50 cold_p95_ms=… during_warm_p95_ms=… warmed_p95_ms=… warm_ms=…)
 *                        [--database postgres://…]  (an empty PostgreSQL database: the SQLite
 *                                         dataset is copied there by db:copy's code, then the
 *                                         views, the kiosks and the server use it)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db/index';
import * as stats from '../src/lib/server/stats';
import { buildBenchApp, startServer, waitForFolds } from './bench/app';
import { timeCold } from './bench/cold';
import { buildDataset } from './bench/dataset';
import type { BenchWorld } from './bench/province';
import {
	answerBody,
	closedLoop,
	openLoop,
	pairKiosks,
	summarize,
	type LoadResult
} from './bench/load';
import { drawViews, percentile, timeViews } from './bench/views';
import { CliError, parseArgs, run } from './cli';
import { copyDatabase } from './db-copy';
import { isPostgresUrl } from '../src/lib/server/db/dialect';

const KIOSKS = 50;
const COLD_VIEWS = 50;
const ROUNDS = 3;
const ROUND_SECONDS = 6;
const OFFERED_RPS = 1000;
const OFFERED_SECONDS = 10;

const BARE_PATH = '/__bench/bare';
const INGEST_PATH = '/api/v1/responses';

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	for (const name of Object.keys(args)) {
		if (!['responses', 'views', 'raw', 'keep', 'reuse', 'cold', 'database'].includes(name)) {
			throw new CliError(`Unknown option --${name}`);
		}
	}
	const target = Number(args.responses ?? 5_200_000);
	const viewCount = Number(args.views ?? 200);
	const rawCount = Number(args.raw ?? 10);
	if (!(target > 0 && viewCount > 0 && rawCount >= 0))
		throw new CliError('Counts must be positive');
	const postgres = args.database === undefined ? null : String(args.database);
	if (postgres !== null && !isPostgresUrl(postgres))
		throw new CliError('--database must be a postgres:// URL (SQLite is the default)');
	if (postgres !== null && args.cold) throw new CliError('--cold is SQLite only');
	const started = performance.now();
	const log = (msg: string) =>
		console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
	// Other work on the machine shows in every timing: say how busy it was.
	const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

	const reuse = typeof args.reuse === 'string' ? args.reuse : null;
	const work = reuse ?? mkdtempSync(join(tmpdir(), 'ykien-bench-'));
	const dbPath = join(work, 'bench.db');
	const cleanUp = () => {
		if (!args.keep && !reuse) rmSync(work, { recursive: true, force: true });
	};
	try {
		// The build first: a broken checkout should fail in a minute, not after the dataset.
		const app = args.cold ? null : buildBenchApp(join(work, `build-${Date.now()}`), log);

		let world: BenchWorld;
		if (reuse) {
			world = JSON.parse(readFileSync(join(work, 'world.json'), 'utf8')) as BenchWorld;
			log(`reusing ${world.responses} answers in ${dbPath}`);
		} else {
			log(`generating a province-year of about ${target} answers in ${dbPath}`);
			world = await buildDataset(dbPath, target, log);
			writeFileSync(join(work, 'world.json'), JSON.stringify(world));
			log(`${world.responses} answers in ${world.units.length + 2} units`);
			const db = openDatabase(dbPath);
			const t = performance.now();
			await stats.rebuild(db, {
				onProgress: (p) => log(`  rebuild ${p.done}/${p.total} ${p.step}`)
			});
			log(`summaries rebuilt in ${((performance.now() - t) / 1000).toFixed(0)} s`);
			await db.destroy();
		}

		if (args.cold) {
			const first = drawViews(world, COLD_VIEWS, 'bench|cold');
			log(`the first ${first.length} dashboard views after eviction; load average ${load()}`);
			const cold = await timeCold(dbPath, first, log);
			cleanUp();
			console.log(
				`bench-cold: views=${first.length} cold_p95_ms=${cold.coldP95.toFixed(1)} ` +
					`during_warm_p95_ms=${cold.duringWarmP95.toFixed(1)} ` +
					`warmed_p95_ms=${cold.warmedP95.toFixed(1)} warm_ms=${cold.warmMs.toFixed(0)}`
			);
			return;
		}

		// On PostgreSQL: the same dataset, copied and checked by db:copy's code.
		let dbUrl = dbPath;
		if (postgres !== null) {
			const t = performance.now();
			log(`copying ${dbPath} to PostgreSQL`);
			const copied = await copyDatabase(dbPath, postgres);
			log(
				`${copied.rows} rows in ${copied.tables} tables copied and checked in ` +
					`${((performance.now() - t) / 1000).toFixed(0)} s`
			);
			dbUrl = postgres;
		}

		// (a) Dashboard views.
		const db = openDatabase(dbUrl);
		const views = drawViews(world, viewCount);
		log(`load average ${load()}`);
		log(
			`timing ${views.length} dashboard views from the summaries, ${rawCount} from raw responses`
		);
		const timings = await timeViews(db, views, rawCount, log);
		const sorted = [...timings.summaryMs].sort((a, b) => a - b);
		const p50 = percentile(sorted, 50);
		const p95 = percentile(sorted, 95);
		const rawSorted = timings.rawSample.map((s) => s.rawMs).sort((a, b) => a - b);
		const rawP95 = percentile(rawSorted, 95);
		const speedup =
			timings.rawSample.reduce((s, x) => s + x.rawMs, 0) /
			Math.max(
				1e-9,
				timings.rawSample.reduce((s, x) => s + x.summaryMs, 0)
			);
		const differ = timings.rawSample.filter((s) => !s.same).length;
		log(
			`views: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`
		);
		for (const s of timings.slowest) log(`  slow: ${s.ms.toFixed(1)} ms ${s.label}`);
		if (differ > 0)
			log(`WARNING: ${differ} sampled views gave different figures from raw responses`);

		// (b) Ingest over HTTP.
		const ks = await pairKiosks(db, world, KIOSKS);
		await db.destroy();
		const server = await startServer(app!, dbUrl, join(work, 'server.log'));
		const bare: LoadResult[] = [];
		const ingest: LoadResult[] = [];
		let offered: LoadResult & { cut: number };
		try {
			log(`server on 127.0.0.1:${server.port}; warming up; load average ${load()}`);
			await closedLoop(server.port, BARE_PATH, ks, (k) => answerBody(world, k), 2);
			await closedLoop(server.port, INGEST_PATH, ks, (k) => answerBody(world, k), 2);
			// Interleaved rounds, so a neighbour's burst of CPU hurts both sides alike.
			for (let round = 0; round < ROUNDS; round++) {
				const b = await closedLoop(
					server.port,
					BARE_PATH,
					ks,
					(k) => answerBody(world, k),
					ROUND_SECONDS
				);
				log(`  bare:   ${summarize(b)}`);
				const i = await closedLoop(
					server.port,
					INGEST_PATH,
					ks,
					(k) => answerBody(world, k),
					ROUND_SECONDS
				);
				log(`  ingest: ${summarize(i)}`);
				bare.push(b);
				ingest.push(i);
			}
			const waited = await waitForFolds(dbUrl);
			log(`  summaries folded after the rounds in ${waited.toFixed(1)} s; then ${OFFERED_RPS}/s`);
			offered = await openLoop(
				server.port,
				INGEST_PATH,
				ks,
				(k) => answerBody(world, k),
				OFFERED_RPS,
				OFFERED_SECONDS
			);
			log(`  ${OFFERED_RPS}/s offered: ${summarize(offered)}`);
		} finally {
			await server.stop();
			for (const k of ks) k.agent.destroy();
		}
		const rate = (rs: LoadResult[]) =>
			rs.reduce((s, r) => s + r.requests, 0) / rs.reduce((s, r) => s + r.seconds, 0);
		const failed = [...ingest, offered]
			.flatMap((r) => Object.entries(r.statuses))
			.filter(([status]) => status !== '201' && status !== 'cut')
			.reduce((s, [, n]) => s + n, 0);
		if (failed > 0) {
			log(`WARNING: ${failed} ingest requests did not answer 201; see ${join(work, 'server.log')}`);
		}
		if (offered.cut > 0) {
			log(
				`WARNING: the server did not keep up with ${OFFERED_RPS}/s: ${offered.cut} requests were ` +
					'cut after waiting, so p99 is a lower bound'
			);
		}
		const ingestRps = rate(ingest);
		const bareRps = rate(bare);
		const p99 = percentile(
			[...offered.latencies].sort((a, b) => a - b),
			99
		);
		const line = [
			`database=${postgres === null ? 'sqlite' : 'postgres'}`,
			`views=${views.length}`,
			`p50_ms=${p50.toFixed(1)}`,
			`p95_ms=${p95.toFixed(1)}`,
			`raw_p95_ms=${rawP95.toFixed(0)}`,
			`speedup=${speedup.toFixed(0)}`,
			`ingest_rps=${ingestRps.toFixed(0)}`,
			`bare_rps=${bareRps.toFixed(0)}`,
			`ingest_ratio=${(ingestRps / bareRps).toFixed(2)}`,
			`p99_at_${OFFERED_RPS}_ms=${p99.toFixed(1)}`,
			`rss_mb=${server.peakRssMb().toFixed(0)}`
		].join(' ');
		log(`load average ${load()}`);
		cleanUp();
		console.log(`bench: ${line}`);
	} catch (e) {
		cleanUp();
		throw e;
	}
});
