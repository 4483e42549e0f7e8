import type { DbOrTx } from './db';
import type { UnitOfRow } from './unit-lists';
import { isClosed, unitLabel } from '../domain/unit-names';

/** Names borne by more than one unit (after the 2025 merger, "Xã Tân Bình" old and new). */
export async function repeatedUnitNames(db: DbOrTx): Promise<Set<string>> {
	const rows = await db
		.selectFrom('units')
		.select('name')
		.groupBy('name')
		.having((eb) => eb.fn.countAll(), '>', 1)
		.execute();
	return new Set(rows.map((r) => r.name));
}

/** "Xã Tân Bình (CT-TANBINH)" where another unit bears the same name, else the name alone. */
export async function displayName(db: DbOrTx, unit: { name: string; code: string }) {
	return unitLabel(unit, await repeatedUnitNames(db));
}

/**
 * The unit columns of a list across units (counters, officers): its link, its name told apart
 * from a namesake by its code, and the day it closed if it has closed by `today`.
 */
export async function unitColumns(db: DbOrTx, today: string) {
	// After the 2025 merger old and new communes share names: the code tells them apart.
	const repeated = await repeatedUnitNames(db);
	return (row: UnitOfRow) => ({
		unitId: row.unitId,
		unitName: unitLabel({ name: row.unitName, code: row.unitCode }, repeated),
		unitClosedOn: isClosed(row.unitValidTo, today) ? row.unitValidTo : null
	});
}
