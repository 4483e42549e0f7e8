import { env } from '$env/dynamic/private';
import { sweep } from '../phone-held';
import { ingest } from '../ingest';
import { DEFAULT_DATABASE_URL, migrateToLatest, openDatabase, type Db } from './index';

// One database handle per server process, opened and migrated at start-up (hooks.server init).
let db: Db | null = null;

/** How often phone ratings left on the second step are looked for (phone-held.ts). */
const SWEEP_INTERVAL_MS = 5 * 60 * 1000;

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
		const sweepHeld = () =>
			sweep(opened).catch((e: unknown) => console.error('phone rating sweep failed', e));
		void sweepHeld();
		setInterval(sweepHeld, SWEEP_INTERVAL_MS).unref();
	}
	return db;
}

export function getDb(): Db {
	if (!db) throw new Error('Database not initialised: initDatabase() runs in hooks.server init');
	return db;
}
