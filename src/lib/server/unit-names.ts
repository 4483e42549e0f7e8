import type { DbOrTx } from './db';
import { unitLabel } from '../domain/unit-names';

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
