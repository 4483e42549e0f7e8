import { recorded, type AuditContext } from './audit';
import { auditAbout, renameCommand } from './command-kit';
import type { DbOrTx } from './db';
import type { Unit } from './db/schema';
import { moveUnit } from './stats/move';
import * as units from './units';

// What an administrator or manager does to the unit tree (/admin/units): each command writes
// its change and its audit row in one transaction. units.UnitError (a cycle, a merged parent,
// children still open...) comes out with nothing written. Not in units/ itself: moving a unit
// moves its statistics too (stats/move.ts), and the statistics read the units.

const about = auditAbout('unit');

export function create(
	db: DbOrTx,
	input: units.CreateUnitInput & { parentId: string | null },
	ctx: AuditContext
): Promise<Unit> {
	return recorded(
		db,
		ctx,
		(tx) => units.create(tx, input),
		(created) =>
			about(created.id, 'unit.create', {
				code: created.code,
				name: created.name,
				kind: created.kind,
				parentId: input.parentId
			})
	);
}

export const rename = renameCommand('unit', units.rename);

/** Ends the unit on `validTo`, its last day. */
export function close(
	db: DbOrTx,
	unit: Pick<Unit, 'id' | 'validTo'>,
	validTo: string,
	ctx: AuditContext
): Promise<void> {
	return recorded(
		db,
		ctx,
		(tx) => units.close(tx, unit.id, validTo),
		about(unit.id, 'unit.close', { validTo, previous: unit.validTo })
	);
}

/**
 * Moves the unit under `parentId` (null: the top) with its statistics rollups, in the same
 * transaction; rollupsAdjusted is false when they were stale and wait for a rebuild.
 */
export function move(
	db: DbOrTx,
	unit: Pick<Unit, 'id' | 'parentId'>,
	parentId: string | null,
	ctx: AuditContext
): Promise<{ rollupsAdjusted: boolean }> {
	return recorded(
		db,
		ctx,
		(tx) => moveUnit(tx, unit.id, parentId),
		about(unit.id, 'unit.move', { from: unit.parentId, to: parentId })
	);
}

/** Merges the unit into `successorId` from `effectiveDate`, with units.merge's checks. */
export function merge(
	db: DbOrTx,
	unitId: string,
	successorId: string,
	effectiveDate: string,
	ctx: AuditContext
): Promise<void> {
	return recorded(
		db,
		ctx,
		(tx) => units.merge(tx, unitId, successorId, effectiveDate),
		about(unitId, 'unit.merge', { successorId, effectiveDate })
	);
}
