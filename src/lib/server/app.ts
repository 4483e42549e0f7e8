import { env } from '$env/dynamic/private';
import { filePathOf, type Db } from './db';
import { initDatabase } from './db/instance';
import { startExportRunner } from './exports/runner';
import { startHousekeeping } from './housekeeping';
import { exitWhenUnhealthy, ingest } from './ingest';
import { startJobs } from './jobs';
import { exitOnShutdown } from './shutdown';
import { warmSummaries } from './stats/warm';

/**
 * The server's start, once per process (hooks.server.ts `init`): the database opened and
 * migrated, then the background work, one line each. `dev`: under `vite dev`, where Vite owns
 * the signals. Scripts and tests open their own handle and start only what they need.
 */
export function startApp(opts: { dev: boolean }): Promise<Db> {
	started ??= start(opts);
	return started;
}

let started: Promise<Db> | null = null;

async function start({ dev }: { dev: boolean }): Promise<Db> {
	const db = await initDatabase();
	// Summary rows a previous run appended but had not folded yet (stats/pending.ts) are folded
	// by the answer writer's thread as it starts.
	ingest(db).start();
	// A failed WAL flush: exit to be restarted (systemd Restart=on-failure), unless told to stay
	// up refusing answers with 503 for an operator to look at first.
	if (env.EXIT_ON_WRITE_FAILURE !== '0') exitWhenUnhealthy(db);
	// Held phone ratings and expired phone numbers (housekeeping.ts).
	startHousekeeping(db);
	// Large exports: queued jobs, and those a restart interrupted (exports/runner.ts).
	startExportRunner(db);
	// Scheduled reports, alerts and their e-mails (jobs/runner.ts).
	startJobs(db);
	// adapter-node's SIGTERM: requests in flight finish, the writer commits, exit 0 (shutdown.ts).
	if (!dev) exitOnShutdown(db);
	// The first dashboards after a restart read warm pages (stats/warm.ts); not awaited.
	// SQLite only: PostgreSQL keeps its own shared buffers.
	const path = filePathOf(db);
	if (path) {
		void warmSummaries(path, { background: true }).then((warmed) => {
			if (warmed) console.log(`stats: ${warmed.pages} summary pages read in ${warmed.ms} ms`);
		});
	}
	return db;
}
