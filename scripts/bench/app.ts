import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/lib/server/db/index';
import { pendingTable } from '../../src/lib/server/stats/pending';
import { snake } from '../../src/lib/server/stats/sql-util';
import { TABLES } from '../../src/lib/server/stats/tables';

/**
 * The app as the benchmark serves it: a copy of this checkout, built in a temporary folder with
 * one extra route, POST /__bench/bare, a JSON endpoint that reads the body and answers like the
 * response endpoint without doing anything. The route exists only in that copy, never in this
 * checkout or its build, and it goes through the same hooks (request id, locale, session
 * cookie, security headers) as the real endpoint, so their ratio measures exactly the work of
 * recording a response.
 */

const BARE_ROUTE = `import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// Benchmark only (scripts/bench/app.ts writes this file into a temporary copy of the app).
export const POST: RequestHandler = async ({ request }) => {
	await request.text();
	return json({ id: '00000000-0000-4000-8000-000000000000', status: 'created' }, { status: 201 });
};
`;

const COPIED = [
	'src',
	'static',
	'migrations',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json'
];

export function buildBenchApp(workDir: string, log: (msg: string) => void): string {
	const root = resolve('.');
	const app = join(workDir, 'app');
	mkdirSync(app, { recursive: true });
	for (const entry of COPIED) cpSync(join(root, entry), join(app, entry), { recursive: true });
	symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
	const route = join(app, 'src/routes/__bench/bare');
	mkdirSync(route, { recursive: true });
	writeFileSync(join(route, '+server.ts'), BARE_ROUTE);
	log(`building the app with the bench-only route in ${app}`);
	const built = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: app,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 10 * 60_000
		}
	);
	if (built.status !== 0) {
		throw new Error(
			`vite build failed:\n${built.stdout.slice(-2000)}\n${built.stderr.slice(-2000)}`
		);
	}
	return app;
}

export async function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.once('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			s.close(() => ok(port));
		});
	});
}

export interface RunningServer {
	port: number;
	process: ChildProcess;
	/** Largest resident set seen so far (MB), sampled from /proc every 100 ms. */
	peakRssMb: () => number;
	stop: () => Promise<void>;
}

function rssMb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
		return kb / 1024;
	} catch {
		return 0;
	}
}

/** Starts the built server on loopback and waits until it answers /healthz. */
export async function startServer(
	app: string,
	databasePath: string,
	logFile: string,
	nodeArgs: string[] = []
): Promise<RunningServer> {
	const port = await freePort();
	const out = openSync(logFile, 'a');
	const child = spawn(process.execPath, [...nodeArgs, 'build'], {
		cwd: app,
		stdio: ['ignore', out, out],
		env: {
			...process.env,
			DATABASE_URL: databasePath,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			NODE_ENV: 'production'
		}
	});
	let peak = 0;
	const sampler = setInterval(() => {
		if (child.pid) peak = Math.max(peak, rssMb(child.pid));
	}, 100);
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not start; see ${logFile}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		port,
		process: child,
		peakRssMb: () => peak,
		stop: async () => {
			clearInterval(sampler);
			if (child.exitCode !== null) return;
			await new Promise<void>((done) => {
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				child.once('exit', () => {
					clearTimeout(timer);
					done();
				});
				child.kill('SIGTERM');
			});
		}
	};
}

/**
 * Waits until the server has folded the pending summary rows the closed-loop rounds left
 * (stats/pending.ts), read through a connection of our own (SQLite or PostgreSQL), so that the fixed-rate
 * run starts from a server at rest instead of one still catching up with a saturation test.
 * Returns the seconds it waited; gives up after `maxSeconds`.
 */
export async function waitForFolds(databaseUrl: string, maxSeconds = 30): Promise<number> {
	const db = openDatabase(databaseUrl, { poolSize: 1 });
	const start = performance.now();
	try {
		const count = sql.raw<{ n: number }>(
			Object.values(TABLES)
				.map((spec) => `SELECT count(*) AS n FROM ${snake(pendingTable(spec))}`)
				.join(' UNION ALL ')
		);
		while (performance.now() - start < maxSeconds * 1000) {
			const { rows } = await count.execute(db);
			if (rows.every((r) => Number(r.n) === 0)) break;
			await new Promise((r) => setTimeout(r, 100));
		}
	} finally {
		await db.destroy();
	}
	return (performance.now() - start) / 1000;
}
