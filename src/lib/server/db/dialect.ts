import pg from 'pg';
import { PostgresAdapter, PostgresDialect, sql, type Kysely } from 'kysely';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place. Queries are written once,
 * in the SQL both accept (text keys, ISO text times, 0/1 integers, INSERT … ON CONFLICT,
 * RETURNING); what cannot be (the connection, types, locks, a column type, placeholders of the
 * hand-written hot path) is decided here from the handle's adapter.
 */

export type Engine = 'sqlite' | 'postgres';

export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//.test(url);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function engineOf(db: AnyDb): Engine {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

let parsersSet = false;

/**
 * pg returns bigint (count(*), sum() of integers) and numeric as strings, to keep precision past
 * 2^53. Every such figure here is a count of answers, far below that: numbers, as SQLite gives.
 */
function setTypeParsers(): void {
	if (parsersSet) return;
	parsersSet = true;
	pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
	pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
}

/** Connections per instance when DATABASE_POOL_SIZE is not set. */
export const DEFAULT_POOL_SIZE = 10;

export function postgresDialect(url: string, max = DEFAULT_POOL_SIZE) {
	setTypeParsers();
	const pool = new pg.Pool({ connectionString: url, max });
	// synchronous_commit stays on (PostgreSQL's default, set again on every connection so a
	// server configured otherwise cannot make an acknowledged answer less durable than on
	// SQLite). Queued by pg before any query of the connection.
	pool.on('connect', (client) => {
		client.query('SET synchronous_commit = on').catch(() => {});
	});
	// An idle connection the server dropped (a restart) must not end the process.
	pool.on('error', (e) => console.error('db: idle PostgreSQL connection failed', e.message));
	return { dialect: new PostgresDialect({ pool }), pool };
}

/** The schema new tables go to on PostgreSQL (the first of search_path); none on SQLite. */
export async function currentSchema(db: AnyDb): Promise<string | undefined> {
	if (engineOf(db) === 'sqlite') return undefined;
	const r = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
	return r.rows[0].schema;
}

/** Column type for bytes (officer photos, report files). */
export function binaryType(db: AnyDb): 'blob' | 'bytea' {
	return engineOf(db) === 'postgres' ? 'bytea' : 'blob';
}

/**
 * The hand-written SQL of the hot paths (db/prepared.ts, ingest/batch.ts) uses `?`; PostgreSQL
 * numbers its parameters. None of that SQL has a `?` inside a quoted literal.
 */
export function numbered(text: string): string {
	let n = 0;
	return text.replace(/\?/g, () => `$${++n}`);
}

/**
 * The advisory lock of the summary fold (stats/pending.ts): a fixed class and the schema, so
 * databases sharing a server (the tests' schemas) do not wait for each other.
 */
const FOLD_LOCK_CLASS = 0x796b6965;

/**
 * Whether this transaction may fold pending summary rows. On PostgreSQL several instances fold,
 * one at a time: the one holding this lock until its COMMIT; the others skip a fold step (the
 * rows stay pending, still counted by readers, and are folded at a later step), or with `wait`
 * (a whole fold, a unit move) wait their turn. On SQLite
 * the one connection that writes is alone anyway.
 */
export async function takeFoldLock(tx: AnyDb, wait = false): Promise<boolean> {
	if (engineOf(tx) === 'sqlite') return true;
	const key = sql`${sql.lit(FOLD_LOCK_CLASS)}, hashtext(current_schema())`;
	if (wait) {
		await sql`SELECT pg_advisory_xact_lock(${key})`.execute(tx);
		return true;
	}
	const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${key}) AS ok`.execute(tx);
	return r.rows[0]?.ok === true;
}
