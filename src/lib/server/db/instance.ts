import { env } from '$env/dynamic/private';
import { startHousekeeping } from '../housekeeping';
import { ingest } from '../ingest';
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
		// Held phone ratings and expired phone numbers (housekeeping.ts).
		startHousekeeping(opened);
	}
	return db;
}

export function getDb(): Db {
	if (!db) throw new Error('Database not initialised: initDatabase() runs in hooks.server init');
	return db;
}
