import { env } from '$env/dynamic/private';
import { foldSoon } from '../stats/pending';
import { DEFAULT_DATABASE_URL, migrateToLatest, openDatabase, type Db } from './index';

// One database handle per server process, opened and migrated at start-up (hooks.server init).
let db: Db | null = null;

export async function initDatabase(): Promise<Db> {
	if (!db) {
		db = openDatabase(env.DATABASE_URL || DEFAULT_DATABASE_URL, { backgroundCheckpoint: true });
		await migrateToLatest(db);
		// Summary rows a previous run appended but had not folded yet (stats/pending.ts).
		foldSoon(db);
	}
	return db;
}

export function getDb(): Db {
	if (!db) throw new Error('Database not initialised: initDatabase() runs in hooks.server init');
	return db;
}
