import { env } from '$env/dynamic/private';
import { DEFAULT_DATABASE_URL, migrateToLatest, openDatabase, type Db } from './index';

// One database handle per server process, opened and migrated at start-up (app.ts, called by
// hooks.server init, starts the background work on it).
let db: Db | null = null;

export async function initDatabase(): Promise<Db> {
	if (!db) {
		const opened = openDatabase(env.DATABASE_URL || DEFAULT_DATABASE_URL, {
			backgroundCheckpoint: true,
			writerThread: true
		});
		db = opened;
		await migrateToLatest(opened);
	}
	return db;
}

export function getDb(): Db {
	if (!db) throw new Error('Database not initialised: initDatabase() runs in hooks.server init');
	return db;
}
