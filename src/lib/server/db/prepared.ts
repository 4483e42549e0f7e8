import type SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { engineOf, numbered } from './dialect';
import { sqliteOf, type Db } from './index';

/**
 * Reads on the answer path (the device's token, the officer and field an answer names) as
 * statements prepared once on the handle's SQLite connection, run synchronously. Through
 * Kysely each cost about 90 µs of building, compiling, renaming and promises on the event loop
 * (profiled under `npm run bench`), several times SQLite's own work. Keep this for the few
 * reads every answer makes; everything else goes through Kysely.
 *
 * The SQL is plain (camelCase names come from AS aliases) so it runs on PostgreSQL too, where
 * this module hands it to the pool with numbered placeholders (a prepared statement there is
 * per connection and the pool's are many: the text is sent each time). A read here during an
 * admin's open transaction on the same connection sees that transaction's snapshot, which is
 * harmless for these lookups.
 */

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/**
 * The statement for `sql` on a SQLite connection, prepared once per connection (the reads here
 * and the answer writer's batch, ingest/batch.ts).
 */
export function statementOn(sqlite: SQLite.Database, sql: string): SQLite.Statement {
	let cache = statements.get(sqlite);
	if (!cache) {
		cache = new Map();
		statements.set(sqlite, cache);
	}
	let stmt = cache.get(sql);
	if (!stmt) {
		stmt = sqlite.prepare(sql);
		cache.set(sql, stmt);
	}
	return stmt;
}

function statement(db: Db, sql: string): SQLite.Statement {
	return statementOn(sqliteOf(db).sqlite, sql);
}

export async function getRow<T>(db: Db, sql: string, ...params: unknown[]): Promise<T | undefined> {
	if (engineOf(db) === 'postgres') return (await pooled<T>(db, sql, params))[0];
	return statement(db, sql).get(...params) as T | undefined;
}

export async function allRows<T>(db: Db, sql: string, ...params: unknown[]): Promise<T[]> {
	if (engineOf(db) === 'postgres') return pooled<T>(db, sql, params);
	return statement(db, sql).all(...params) as T[];
}

async function pooled<T>(db: Db, sql: string, params: unknown[]): Promise<T[]> {
	const result = await db.executeQuery<T>(CompiledQuery.raw(numbered(sql), params));
	return result.rows;
}

/** `?, ?, ?` for an IN list of n values (n ≥ 1). */
export function placeholders(n: number): string {
	return Array(n).fill('?').join(', ');
}
