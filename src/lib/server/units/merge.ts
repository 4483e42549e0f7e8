import type { DbOrTx } from '../db';
import { nowIso } from '../ids';
import { lineageIds } from './lineage';
import { parentProblem, UnitError } from './model';
import { byId } from './tree';

// A unit's end: closed on a day, or merged into a successor that carries its history from then
// (the 2025 mergers of communes and provinces).

/**
 * Folds a unit into its successor from `effectiveDate`: the unit stays (its responses keep
 * pointing to it) but its validity ends the day before, and figures for the successor include it.
 */
export async function mergeInto(
	db: DbOrTx,
	unitId: string,
	successorId: string,
	effectiveDate: string
): Promise<void> {
	if (unitId === successorId) throw new UnitError('self', 'A unit cannot succeed itself');
	if ((await lineageIds(db, unitId)).includes(successorId)) {
		throw new UnitError('cycle', 'The successor is already a predecessor of this unit');
	}
	const lastDay = new Date(`${effectiveDate}T00:00:00Z`);
	lastDay.setUTCDate(lastDay.getUTCDate() - 1);
	await db
		.updateTable('units')
		.set({ successorId, validTo: lastDay.toISOString().slice(0, 10), updatedAt: nowIso() })
		.where('id', '=', unitId)
		.execute();
}

/**
 * Ends a unit's validity on `validTo` (its last day, 'YYYY-MM-DD'). The unit and its history
 * stay; a merged unit's end date is set by its merger and is not changed here.
 */
export async function close(db: DbOrTx, unitId: string, validTo: string, now = new Date()) {
	const unit = await byId(db, unitId);
	if (!unit) throw new UnitError('not_found', 'No such unit');
	if (unit.successorId) throw new UnitError('merged', 'A merged unit keeps the end of its merger');
	if (unit.validFrom && validTo < unit.validFrom) {
		throw new UnitError('before_start', 'A unit cannot end before it starts');
	}
	await refuseOutlivingChildren(db, unitId, validTo);
	await db
		.updateTable('units')
		.set({ validTo, updatedAt: nowIso(now) })
		.where('id', '=', unitId)
		.execute();
}

/** A unit outliving its parent would hang from nothing in the reports of later periods. */
async function refuseOutlivingChildren(db: DbOrTx, unitId: string, lastDay: string) {
	const outliving = await db
		.selectFrom('units')
		.select('id')
		.where('parentId', '=', unitId)
		.where('successorId', 'is', null)
		.where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', lastDay)]))
		.executeTakeFirst();
	if (outliving) {
		throw new UnitError('open_children', 'Close, move or merge the units under it first');
	}
}

/**
 * mergeInto with the checks an administrator's form needs: the unit is not merged already, the
 * successor is not merged or ended by then, and the merger comes after the unit started.
 */
export async function merge(
	db: DbOrTx,
	unitId: string,
	successorId: string,
	effectiveDate: string
): Promise<void> {
	const [unit, successor] = await Promise.all([byId(db, unitId), byId(db, successorId)]);
	if (!unit || !successor) throw new UnitError('not_found', 'No such unit');
	if (unitId === successorId) throw new UnitError('self', 'A unit cannot succeed itself');
	if (unit.successorId) throw new UnitError('already_merged', 'This unit is merged already');
	if ((await lineageIds(db, unitId)).includes(successorId)) {
		throw new UnitError('cycle', 'The successor lies under this unit or is its predecessor');
	}
	if (unit.validFrom && effectiveDate <= unit.validFrom) {
		throw new UnitError('before_start', 'A unit cannot be merged before it starts');
	}
	const problem = parentProblem(successor, effectiveDate);
	if (problem) throw new UnitError('successor_closed', 'The successor has ended or merged by then');
	const lastDay = new Date(`${effectiveDate}T00:00:00Z`);
	lastDay.setUTCDate(lastDay.getUTCDate() - 1);
	await refuseOutlivingChildren(db, unitId, lastDay.toISOString().slice(0, 10));
	await mergeInto(db, unitId, successorId, effectiveDate);
}
