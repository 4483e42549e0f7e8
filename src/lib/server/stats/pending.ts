import { sql } from 'kysely';
import type { Db, DbOrTx } from '../db';
import { engineOf, takeFoldLock } from '../db/dialect';
import { TABLES, keyColumns, periodsOf, type Grain, type TableSpec } from './tables';
import { chunks, snake, type AnyOnConflict } from './sql-util';

/**
 * Pending summary rows (migrations/2026_11_29_0200_stats_pending.ts). The answers of a batch
 * are summed in memory at the day grain and appended to `<table>_pending` in the transaction
 * that stores them (ingest/batch.ts); foldSoon() then adds each pending day row into the
 * summary table at the day and at every coarser period the table keeps (week, month, quarter,
 * year), in a later, separate transaction, on the thread that writes the answers (ingest/).
 * Readers (summary.ts) read both, placing each pending day in the period they read, so the
 * figures count every committed answer exactly once, before and after the fold.
 *
 * Why: the summary tables are keyed by (grain, period, owner, …), so one batch from kiosks in
 * 50 units dirtied a page per unit, per table and per grain, about a thousand pages written to
 * the WAL at every COMMIT; appended rows fill a few dozen pages, and days only are a third of
 * the rows of every grain (about 7 per answer in a batch, measured under `npm run bench`). A
 * fold touches the summary pages once for all the batches since the previous one. A fold step
 * adds one table's rows of a slice of owners (OWNERS_PER_STEP), so each step is short (answers
 * wait for it), and steps run FOLD_STEP_MS apart until every table has been folded once since
 * the latest append: within about 8 x FOLD_STEP_MS for a few units; after the bench's
 * saturation rounds (50 busy units), 1.7 s until nothing was pending.
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

/** Which summary row a pending row adds to: its (grain, period), and the target's. */
export type Target = [fromGrain: string, fromPeriod: string, grain: Grain, period: string];

const GRAINS = new Set<string>(['d', 'w', 'm', 'q', 'y']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Where pending rows of these (grain, period) pairs are added: a day row to the day and to
 * every coarser period its table keeps that contains it (week, month, quarter, year); a row at
 * another grain (none are written since answers append days only, but one would be counted)
 * to itself.
 */
export function targets(spec: TableSpec, found: { grain: string; period: string }[]): Target[] {
	const out: Target[] = [];
	for (const { grain, period } of found) {
		if (!GRAINS.has(grain) || !DATE.test(period)) {
			throw new Error(`${pendingTable(spec)} holds a row for ${grain} ${period}`);
		}
		if (grain !== 'd') out.push([grain, period, grain as Grain, period]);
		else {
			for (const [g, p] of periodsOf(period)) {
				if (spec.grains.includes(g)) out.push([grain, period, g, p]);
			}
		}
	}
	return out;
}

/**
 * The fold of one table's pending rows as SQL text (valid on SQLite and PostgreSQL; SQLite
 * needs the WHERE before ON CONFLICT after a join): sum them by key, each at every target
 * period, into the table. `from` is where the pending rows are read: the pending table itself
 * (SQLite, which then deletes them) or `moved`, the rows a PostgreSQL fold deletes in the same
 * statement. In three parts, so a common table can be added after the first and a condition to
 * the WHERE after the second. The targets are written as literals, checked by targets() to be
 * a grain letter and an ISO date, so a fold of many days needs no bound parameters.
 */
export function foldSql(
	spec: TableSpec,
	to: Target[],
	from = snake(pendingTable(spec))
): [withTargets: string, select: string, groupAndAdd: string] {
	const rest = keyColumns(spec).slice(2).map(snake);
	const measures = spec.measures.map(snake);
	const table = snake(spec.name);
	const values = to.map((t) => `(${t.map((v) => `'${v}'`).join(', ')})`).join(', ');
	const keys = ['t.grain', 't.period', ...rest.map((k) => `p.${k}`)];
	return [
		`WITH t (from_grain, from_period, grain, period) AS (VALUES ${values})`,
		` INSERT INTO ${table} (grain, period, ${[...rest, ...measures].join(', ')}) ` +
			`SELECT ${[...keys, ...measures.map((m) => `sum(p.${m})`)].join(', ')} ` +
			`FROM ${from} p JOIN t ON t.from_grain = p.grain AND t.from_period = p.period ` +
			`WHERE true`,
		` GROUP BY ${keys.join(', ')} ` +
			`ON CONFLICT (grain, period, ${rest.join(', ')}) DO UPDATE SET ` +
			measures.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', ')
	];
}

/**
 * Adds one table's pending rows into it and empties them: all of them, or those of `owners`
 * only (a fold step's slice). Run in a transaction, holding the fold lock (takeFoldLock) so no
 * other fold takes the same rows. On SQLite the connection that folds is the only writer
 * meanwhile, so the rows read, added and deleted are the same. On PostgreSQL other instances
 * append pending rows meanwhile, and under READ COMMITTED a later DELETE would drop rows
 * committed after the INSERT read, unfolded: there the rows are deleted and added in one
 * statement (`WITH moved AS (DELETE … RETURNING *) INSERT …`), exactly the rows deleted, and
 * only those of the (grain, period) pairs read first (a pair appended since has no target yet).
 */
export async function foldTable(db: DbOrTx, spec: TableSpec, owners?: string[]): Promise<void> {
	if (owners?.length === 0) return;
	const pending = snake(pendingTable(spec));
	const owner = snake(spec.owner);
	const of = owners ? sql`WHERE ${sql.ref(owner)} IN (${sql.join(owners)})` : sql``;
	const found = await sql<{ grain: string; period: string }>`
		SELECT DISTINCT grain, period FROM ${sql.table(pending)} ${of}`.execute(db);
	if (found.rows.length === 0) return;
	const to = targets(spec, found.rows);
	if (engineOf(db) === 'postgres') {
		const [withTargets, insert, conflict] = foldSql(spec, to, 'moved');
		const pairs = found.rows.map((f) => `('${f.grain}', '${f.period}')`).join(', ');
		const slice = owners ? sql` AND ${sql.ref(owner)} IN (${sql.join(owners)})` : sql``;
		await sql`${sql.raw(withTargets)}, moved AS (DELETE FROM ${sql.table(pending)}
			WHERE (grain, period) IN (${sql.raw(pairs)})${slice} RETURNING *)
			${sql.raw(insert)}${sql.raw(conflict)}`.execute(db);
		return;
	}
	const [withTargets, insert, conflict] = foldSql(spec, to);
	const slice = owners ? sql` AND ${sql.ref(`p.${owner}`)} IN (${sql.join(owners)})` : sql``;
	await sql`${sql.raw(withTargets + insert)}${slice}${sql.raw(conflict)}`.execute(db);
	await sql`DELETE FROM ${sql.table(pending)} ${of}`.execute(db);
}

/**
 * Folds every table's pending rows (tests, the rebuild). Run in a transaction: on PostgreSQL it
 * waits for the fold lock, so no instance's fold step runs meanwhile.
 */
export async function foldAll(db: DbOrTx): Promise<void> {
	await takeFoldLock(db, true);
	for (const spec of Object.values(TABLES)) await foldTable(db, spec);
}

/**
 * Owners (units or scopes) per fold step. A step holds the answer writer while it runs, so it
 * folds a table's pending rows a slice of owners at a time (every key holds its owner, so a
 * slice adds exactly what a whole fold would for those owners): at 1,000 answers/s from 50
 * units, a whole table took up to 40 ms, a slice of this many a few.
 */
export const OWNERS_PER_STEP = 12;

interface FoldState {
	/** The table the next step folds. */
	next: number;
	/** Owners of that table still to fold, in slices, or null before its first step. */
	slices: string[][] | null;
	/** Tables still to fold: every table once after the latest append. */
	left: number;
	ownersPerStep: number;
	timer: ReturnType<typeof setTimeout> | null;
}

const scheduled = new WeakMap<Db, FoldState>();

/** One step: the next slice of owners of the current table, in its own Kysely transaction. */
async function foldStep(db: Db, state: FoldState, specs: TableSpec[]): Promise<void> {
	const spec = specs[state.next];
	if (!state.slices) {
		const rows = await sql<{ owner: string }>`SELECT DISTINCT ${sql.ref(snake(spec.owner))} AS owner
			FROM ${sql.table(snake(pendingTable(spec)))} ORDER BY 1`.execute(db);
		state.slices = chunks(
			rows.rows.map((r) => r.owner),
			state.ownersPerStep
		);
	}
	const slice = state.slices.shift();
	if (slice) {
		await db.transaction().execute(async (tx) => {
			// Another instance folding now: these rows stay pending (still counted) until later.
			if (await takeFoldLock(tx)) await foldTable(tx, spec, slice);
		});
	}
	if (state.slices.length === 0) {
		state.slices = null;
		state.next = (state.next + 1) % specs.length;
		state.left--;
	}
}

/**
 * Schedules the fold of what record() just appended: a slice of one table per step,
 * FOLD_STEP_MS apart, each in a Kysely transaction (so a step is never inside someone else's
 * transaction), until every table has been folded once since the latest append.
 */
export function foldSoon(db: Db, ownersPerStep = OWNERS_PER_STEP): void {
	let s = scheduled.get(db);
	if (!s) {
		s = { next: 0, slices: null, left: 0, ownersPerStep, timer: null };
		scheduled.set(db, s);
	}
	const specs = Object.values(TABLES);
	// Every table once more; the table being folded a slice at a time once more again, since
	// its owners were listed before this append.
	s.left = specs.length + (s.slices ? 1 : 0);
	s.ownersPerStep = ownersPerStep;
	if (s.timer) return;
	const state = s;
	const step = () => {
		foldStep(db, state, specs)
			.catch((e: unknown) => {
				// A database closed under a pending timer (tests, shutdown) keeps its pending rows
				// for the next start; anything else is worth a line in the log.
				if (!/destroyed/.test(String(e))) console.error('stats: fold failed', e);
				// On to the next table: its rows are still counted by readers, and folded later.
				state.slices = null;
				state.next = (state.next + 1) % specs.length;
				state.left--;
			})
			.finally(() => {
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
