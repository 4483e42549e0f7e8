import { sql } from 'kysely';
import type { Db, DbOrTx } from '../db';
import { TABLES, keyColumns, type TableSpec } from './tables';
import { snake, type AnyOnConflict } from './sql-util';

/**
 * Pending summary rows (migrations/2026_11_29_0200_stats_pending.ts). The answers of a batch
 * are summed in memory and appended to `<table>_pending` in the transaction that stores them
 * (ingest/batch.ts); foldSoon() then adds the pending rows into the summary tables in a later,
 * separate transaction, on the thread that writes the answers (ingest/). Readers (summary.ts) read both, so the figures count every committed answer
 * exactly once, before and after the fold.
 *
 * Why: the summary tables are keyed by (grain, period, owner, …), so one batch from kiosks in
 * 50 units dirtied a page per unit, per table and per grain, about a thousand pages written to
 * the WAL at every COMMIT; appended rows fill a few dozen pages. A fold touches those thousand
 * pages once for all the batches since the previous one. One table per fold step keeps each
 * step short (answers wait for it: about 8 ms at 1,000 answers/s); every table is folded
 * within about FOLD_STEP_MS x 8.
 */

export const FOLD_STEP_MS = 40;

export function pendingTable(spec: TableSpec): string {
	return `${spec.name}Pending`;
}

/**
 * ON CONFLICT for a summary table: a row whose key is already there adds its measures to the
 * stored ones (the fold here, and upsert in write.ts).
 */
export function addMeasures(spec: TableSpec) {
	return (oc: AnyOnConflict) =>
		oc
			.columns(keyColumns(spec))
			.doUpdateSet((eb) =>
				Object.fromEntries(
					spec.measures.map((m) => [m, eb(`${spec.name}.${m}`, '+', eb.ref(`excluded.${m}`))])
				)
			);
}

/**
 * The fold of one table as SQL text, run by foldTable here and by the answer writer's thread
 * (ingest/worker.ts): sum the pending rows by key into the table, then empty them. Valid on
 * SQLite and PostgreSQL alike (SQLite needs the WHERE before ON CONFLICT after a SELECT).
 */
export function foldSql(spec: TableSpec): [insert: string, empty: string] {
	const keys = keyColumns(spec).map(snake);
	const measures = spec.measures.map(snake);
	const table = snake(spec.name);
	const pending = snake(pendingTable(spec));
	return [
		`INSERT INTO ${table} (${[...keys, ...measures].join(', ')}) ` +
			`SELECT ${[...keys, ...measures.map((m) => `sum(${m})`)].join(', ')} FROM ${pending} ` +
			`WHERE true GROUP BY ${keys.join(', ')} ` +
			`ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ` +
			measures.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', '),
		`DELETE FROM ${pending}`
	];
}

/** Adds one table's pending rows into it and empties them. Run in a transaction. */
export async function foldTable(db: DbOrTx, spec: TableSpec): Promise<void> {
	for (const text of foldSql(spec)) await sql.raw(text).execute(db);
}

/** Folds every table's pending rows (tests, the rebuild, a unit move). Run in a transaction. */
export async function foldAll(db: DbOrTx): Promise<void> {
	for (const spec of Object.values(TABLES)) await foldTable(db, spec);
}

interface FoldState {
	/** The table the next step folds. */
	next: number;
	/** Steps still to run: every table once after the latest append. */
	left: number;
	timer: ReturnType<typeof setTimeout> | null;
}

const scheduled = new WeakMap<Db, FoldState>();

/**
 * Schedules the fold of what record() just appended: one table per step, FOLD_STEP_MS apart,
 * each in a Kysely transaction (so a step is never inside someone else's transaction),
 * until every table has been folded once since the latest append.
 */
export function foldSoon(db: Db): void {
	let s = scheduled.get(db);
	if (!s) {
		s = { next: 0, left: 0, timer: null };
		scheduled.set(db, s);
	}
	const specs = Object.values(TABLES);
	s.left = specs.length;
	if (s.timer) return;
	const state = s;
	const step = () => {
		const spec = specs[state.next];
		state.next = (state.next + 1) % specs.length;
		db.transaction()
			.execute((tx) => foldTable(tx, spec))
			.catch((e: unknown) => {
				// A database closed under a pending timer (tests, shutdown) keeps its pending rows
				// for the next start; anything else is worth a line in the log.
				if (!/destroyed/.test(String(e))) console.error('stats: fold failed', e);
			})
			.finally(() => {
				state.left--;
				state.timer = state.left > 0 ? later(step) : null;
			});
	};
	state.timer = later(step);
}

function later(fn: () => void): ReturnType<typeof setTimeout> {
	const timer = setTimeout(fn, FOLD_STEP_MS);
	// Pending rows are safe on disk: a timer must not keep a script or a test runner alive.
	timer.unref?.();
	return timer;
}
