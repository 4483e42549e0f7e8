import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect, type Transaction } from 'kysely';
import { migrations } from '../../../../migrations/index';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything a repository function can run on: the database or an open transaction. */
export type DbOrTx = Kysely<Database>;

export const DEFAULT_DATABASE_URL = 'data/ykien.db';

/**
 * Opens the database named by `url` (a file path or ':memory:'). PostgreSQL URLs are refused with
 * a clear message until the PostgreSQL dialect lands; every query is written to run there too.
 */
export function openDatabase(url: string = DEFAULT_DATABASE_URL): Db {
	if (/^postgres(ql)?:\/\//.test(url)) {
		throw new Error(
			'DATABASE_URL points to PostgreSQL, which this release does not support yet; use a file path'
		);
	}
	const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SQLite(path);
	sqlite.pragma('journal_mode = WAL');
	// FULL: a commit is fsynced before it is acknowledged, so an acknowledged response survives a
	// power cut (NORMAL in WAL mode can lose the last transactions on power loss).
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	return new Kysely<Database>({
		dialect: new SqliteDialect({ database: sqlite }),
		plugins: [new CamelCasePlugin()]
	});
}

export async function migrateToLatest(db: Db): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations }
	});
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Opens and migrates; the shape every script and test starts from. */
export async function openMigrated(url?: string): Promise<Db> {
	const db = openDatabase(url);
	await migrateToLatest(db);
	return db;
}
