import type { DbOrTx } from '../db';
import * as units from '../units';
import { addDays } from '../../domain/time';
import { takeFoldLock } from '../db/dialect';
import { foldTable } from './pending';
import { rollupsFresh } from './scopes';
import { chunks, type AnyDb } from './sql-util';
import { Deltas, TABLES, keyColumns, periodsOf, type Grain, type TableSpec } from './tables';
import { upsert } from './write';

/** The rollup tables: rows owned by a scope (a unit and its whole subtree). */
const ROLLUPS = Object.values(TABLES).filter((spec) => spec.owner === 'scopeId');

/**
 * Moves a unit (units.move) and keeps the rollups right, in the caller's transaction.
 *
 * A unit's own rollup rows (scope = the unit) are the sum of its whole subtree, which a move
 * does not change; what changes is which ancestors include it. So the unit's rows are taken
 * off every ancestor it leaves and added to every ancestor it joins (those it keeps, say the
 * province when a commune changes district, are left alone), and stats_parents records the new
 * parent: the rollups match the tree again and the dashboard keeps reading them. The work is
 * proportional to the unit's own rows (seeks by grain, period and scope), not to the data set.
 *
 * Rollups that were already out of date before the move (a unit moved by other means, e.g. a
 * script calling units.move) cannot be corrected this way: then the unit is moved, nothing else
 * is touched, and `rollupsAdjusted: false` tells the caller to say that figures are read from
 * the per-unit rows until `npm run stats:rebuild`.
 */
export async function moveUnit(
	db: DbOrTx,
	unitId: string,
	newParentId: string | null
): Promise<{ rollupsAdjusted: boolean }> {
	const fresh = await rollupsFresh(db);
	const before = await ancestorsOf(db, unitId);
	await units.move(db, unitId, newParentId);
	if (!fresh) return { rollupsAdjusted: false };
	const after = await ancestorsOf(db, unitId);
	const left = before.filter((id) => !after.includes(id));
	const joined = after.filter((id) => !before.includes(id));
	if (left.length + joined.length > 0) {
		const dates = await dateRange(db, unitId);
		// No instance's fold step between this fold and the shift (PostgreSQL; SQLite has one writer).
		await takeFoldLock(db, true);
		for (const spec of ROLLUPS) {
			// Pending rows carry the old ancestors too: fold them in first.
			await foldTable(db, spec);
			if (dates) await shift(db, spec, unitId, dates, left, joined);
		}
	}
	await (db as AnyDb)
		.insertInto('statsParents')
		.values({ unitId, parentId: newParentId ?? '' })
		.onConflict((oc) => oc.column('unitId').doUpdateSet({ parentId: newParentId ?? '' }))
		.execute();
	return { rollupsAdjusted: true };
}

async function ancestorsOf(db: DbOrTx, unitId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('unitClosure')
		.select('ancestorId')
		.where('descendantId', '=', unitId)
		.where('depth', '>', 0)
		.execute();
	return rows.map((r) => r.ancestorId);
}

/** First and last local date with answers anywhere in the unit's subtree, or null. */
async function dateRange(db: DbOrTx, unitId: string): Promise<{ from: string; to: string } | null> {
	const row = await db
		.selectFrom('responses')
		.innerJoin('unitClosure as c', 'c.descendantId', 'responses.unitId')
		.select((eb) => [
			eb.fn.min('responses.localDate').as('from'),
			eb.fn.max('responses.localDate').as('to')
		])
		.where('c.ancestorId', '=', unitId)
		.executeTakeFirst();
	return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

/** Every period of each grain the table keeps that overlaps the date range. */
function periodsIn(spec: TableSpec, range: { from: string; to: string }): Map<Grain, string[]> {
	const out = new Map<Grain, Set<string>>();
	for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
		for (const [grain, period] of periodsOf(d)) {
			if (!spec.grains.includes(grain)) continue;
			let set = out.get(grain);
			if (!set) out.set(grain, (set = new Set()));
			set.add(period);
		}
	}
	return new Map([...out].map(([g, s]) => [g, [...s]]));
}

/** Takes the unit's rows off the `left` scopes and adds them to the `joined` ones. */
async function shift(
	db: DbOrTx,
	spec: TableSpec,
	unitId: string,
	range: { from: string; to: string },
	left: string[],
	joined: string[]
): Promise<void> {
	const keys = keyColumns(spec);
	const scopeAt = keys.indexOf('scopeId');
	const deltas = new Deltas(spec);
	const periodsByGrain = periodsIn(spec, range);
	for (const [grain, periods] of periodsByGrain) {
		for (const part of chunks(periods, 400)) {
			const rows: Record<string, string | number>[] = await (db as AnyDb)
				.selectFrom(spec.name)
				.selectAll()
				.where('grain', '=', grain)
				.where('period', 'in', part)
				.where('scopeId', '=', unitId)
				.execute();
			for (const row of rows) {
				const key = keys.map((k) => row[k]);
				const values = spec.measures.map((m) => Number(row[m]));
				for (const scope of left) {
					key[scopeAt] = scope;
					deltas.add(
						[...key],
						values.map((v) => -v)
					);
				}
				for (const scope of joined) {
					key[scopeAt] = scope;
					deltas.add([...key], values);
				}
			}
		}
	}
	await upsert(db, deltas);
	// Rows of a scope the unit left that counted only the unit's answers are now all zero.
	if (left.length === 0) return;
	for (const [grain, periods] of periodsByGrain) {
		for (const part of chunks(periods, 400)) {
			await (db as AnyDb)
				.deleteFrom(spec.name)
				.where('grain', '=', grain)
				.where('period', 'in', part)
				.where('scopeId', 'in', left)
				.where('responses', '=', 0)
				.execute();
		}
	}
}
