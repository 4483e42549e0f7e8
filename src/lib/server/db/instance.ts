import { env } from '$env/dynamic/private';
import { startExportRunner } from '../exports/runner';
import { startHousekeeping } from '../housekeeping';
import { startJobs } from '../jobs';
import { exitWhenUnhealthy, ingest } from '../ingest';
import { DEFAULT_DATABASE_URL, migrateToLatest, openDatabase, type Db } from './index';

// One database handle per server process, opened and migrated at start-up (hooks.server init).
let db: Db | null = null;

export async function initDatabase(): Promise<Db> {
	if (!db) {
		const opened = openDatabase(env.DATABASE_URL || DEFAULT_DATABASE_URL, {
			backgroundCheckpoint: true,
			writerThread: true
		});
		db = opened;
		await migrateToLatest(opened);
		// Summary rows a previous run appended but had not folded yet (stats/pending.ts) are
		// folded by the answer writer's thread as it starts.
		ingest(opened).start();
		// A failed WAL flush: exit to be restarted (systemd Restart=on-failure), unless told to
		// stay up refusing answers with 503 for an operator to look at first.
		if (env.EXIT_ON_WRITE_FAILURE !== '0') exitWhenUnhealthy(opened);
		// Held phone ratings and expired phone numbers (housekeeping.ts).
		startHousekeeping(opened);
		// Large exports: queued jobs, and those a restart interrupted (exports/runner.ts).
		startExportRunner(opened);
		// Scheduled reports, alerts and their e-mails (jobs/runner.ts).
		startJobs(opened);
	}
	return db;
}

export function getDb(): Db {
	if (!db) throw new Error('Database not initialised: initDatabase() runs in hooks.server init');
	return db;
}
