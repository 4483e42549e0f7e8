import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
	CamelCasePlugin,
	Kysely,
	Migrator,
	SqliteDialect,
	type SqliteDatabase,
	type Transaction
} from 'kysely';
import { migrations } from '../../../../migrations/index';
import { foldForSearch } from '../../domain/text';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import {
	DEFAULT_POOL_SIZE,
	currentSchema,
	engineOf,
	isPostgresUrl,
	postgresDialect
} from './dialect';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything a repository function can run on: the database or an open transaction. */
export type DbOrTx = Kysely<Database>;

export const DEFAULT_DATABASE_URL = 'data/ykien.db';

export interface OpenOptions {
	/**
	 * WAL checkpoints on a worker thread instead of inside the COMMIT that crosses 1,000 pages
	 * (checkpointer.ts). For the long-running server; scripts and tests keep SQLite's default.
	 */
	backgroundCheckpoint?: boolean;
	/**
	 * Answers are written on a thread of their own with its own connection (ingest/), so
	 * SQLite's work and each COMMIT's fsync leave the event loop free. For the server.
	 */
	writerThread?: boolean;
	/** PostgreSQL: connections in this handle's pool (default DATABASE_POOL_SIZE, else 10). */
	poolSize?: number;
}

/**
 * Opens the database named by `url`: a SQLite file path or ':memory:', or a `postgres://` URL
 * (dialect.ts). On PostgreSQL there is no writer thread or checkpointer: the server's pool does
 * everything, and `backgroundCheckpoint`/`writerThread` are SQLite's only.
 */
export function openDatabase(url: string = DEFAULT_DATABASE_URL, opts: OpenOptions = {}): Db {
	if (isPostgresUrl(url)) {
		const size = opts.poolSize ?? (Number(process.env.DATABASE_POOL_SIZE) || DEFAULT_POOL_SIZE);
		const db = new Kysely<Database>({
			dialect: postgresDialect(url, size).dialect,
			plugins: [new CamelCasePlugin()]
		});
		urls.set(db, url);
		return db;
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
	// For SQL that must fold text as the app does (the search_text backfill migration).
	sqlite.function('fold_for_search', { deterministic: true }, (text: unknown) =>
		typeof text === 'string' ? foldForSearch(text) : null
	);
	let checkpointer: Checkpointer | null = null;
	const onClose = new Set<() => void>();
	const onCheckpointerLost = new Set<() => void>();
	const writerThread = opts.writerThread ? { autocheckpoint: true } : null;
	if (opts.backgroundCheckpoint && path !== ':memory:') {
		sqlite.pragma('wal_autocheckpoint = 0');
		if (writerThread) writerThread.autocheckpoint = false;
		checkpointer = startCheckpointer(path, () => {
			// Every connection that writes checkpoints for itself again, or the WAL would grow
			// without end.
			if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
			if (writerThread) writerThread.autocheckpoint = true;
			for (const hook of onCheckpointerLost) hook();
		});
	}
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({
			database: withStatementCache(sqlite, () => {
				for (const hook of onClose) hook();
				checkpointer?.stop();
			})
		}),
		plugins: [new CamelCasePlugin()]
	});
	connections.set(db, {
		sqlite,
		path,
		writerThread,
		checkpointer,
		onClose,
		onCheckpointerLost
	});
	urls.set(db, url);
	return db;
}

const urls = new WeakMap<Db, string>();

/** The URL or path a handle was opened with (a worker thread opens its own handle on it). */
export function urlOf(db: Db): string {
	const found = urls.get(db);
	if (found === undefined) throw new Error('not a handle opened by openDatabase');
	return found;
}

/** The SQLite file under a handle (':memory:' for one in memory); null on PostgreSQL. */
export function filePathOf(db: Db): string | null {
	return engineOf(db) === 'sqlite' ? sqliteOf(db).path : null;
}

export function isPostgres(db: Db): boolean {
	return engineOf(db) === 'postgres';
}

export interface Connection {
	sqlite: SQLite.Database;
	path: string;
	/** Whether the writer thread's connection must checkpoint for itself (no checkpointer). */
	writerThread: { autocheckpoint: boolean } | null;
	checkpointer: Checkpointer | null;
	/** Run when the handle is destroyed, before the connection closes. */
	onClose: Set<() => void>;
	/** Run if the checkpointer thread is lost. */
	onCheckpointerLost: Set<() => void>;
}

const connections = new WeakMap<Db, Connection>();

/**
 * The SQLite connection under a handle, for the one hot path written against it directly
 * (ingest/batch.ts). Use it only while holding Kysely's connection (db.connection().execute)
 * or from a worker with its own connection: Kysely must not be mid-transaction on it.
 */
export function sqliteOf(db: Db): Connection {
	const found = connections.get(db);
	if (!found) throw new Error('not a handle opened by openDatabase');
	return found;
}

/** Prepared statements kept per database: far more than the app's distinct queries. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query it runs, and preparing (parsing and planning the
 * SQL) cost about as much as running the small queries of the response path. The same SQL text
 * gives the same statement here, least recently used dropped first. Safe because Kysely runs one
 * query at a time on the one connection, and SQLite re-prepares a statement by itself after a
 * schema change (a migration).
 *
 * Kysely begins its transactions with a plain BEGIN, which takes the write lock only at the
 * first write. With a second connection writing (the answer writer's thread, ingest/), a
 * transaction that read first and then writes would fail at once with SQLITE_BUSY if the other
 * committed in between; BEGIN IMMEDIATE takes the lock up front, waiting (busy_timeout) for
 * the other's commit instead.
 */
function withStatementCache(sqlite: SQLite.Database, onClose: () => void): SqliteDatabase {
	const cache = new Map<string, SQLite.Statement>();
	return {
		close: () => {
			onClose();
			sqlite.close();
		},
		prepare(query: string) {
			const text = query === 'begin' ? 'begin immediate' : query;
			let stmt = cache.get(text);
			if (stmt) {
				cache.delete(text);
			} else {
				stmt = sqlite.prepare(text);
				if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
			}
			cache.set(text, stmt);
			return stmt;
		}
	};
}

export async function migrateToLatest(db: Db): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		// PostgreSQL: the bookkeeping tables of the schema in use (Kysely otherwise takes a
		// kysely_migration table in any schema of the database for this one's).
		migrationTableSchema: await currentSchema(db)
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
