import type { DbOrTx } from '../db';
import * as units from '../units';
import { CHUNK } from './model';

// Scope. Cases of units merged into a unit belong to its successor's managers too.

/** Unit ids whose cases the user may see; null means every unit (admin). */
export async function scopeUnitIds(db: DbOrTx, user: SessionUser): Promise<string[] | null> {
	if (user.role === 'admin') return null;
	if (!user.unitId) return [];
	return units.lineageIds(db, user.unitId);
}

export async function inScope(db: DbOrTx, user: SessionUser, unitId: string): Promise<boolean> {
	const ids = await scopeUnitIds(db, user);
	return ids === null || ids.includes(unitId);
}

/** The units a user may filter the list by, merged ones included (they keep their cases). */
export async function scopeUnits(db: DbOrTx, scope: string[] | null) {
	let q = db.selectFrom('units').select(['id', 'code', 'name', 'successorId']);
	if (scope !== null) q = q.where('id', 'in', scope.length ? scope : ['']);
	return q.orderBy('name').orderBy('code').execute();
}

/**
 * The units whose lineage holds `unitId`: its ancestors, and through every merge the successor's
 * ancestors. The reverse of units.lineageIds, to find who manages a case.
 */
export async function unitsAbove(db: DbOrTx, unitId: string): Promise<string[]> {
	const seen = new Set<string>();
	let frontier = [unitId];
	while (frontier.length > 0) {
		const found: string[] = [];
		for (let i = 0; i < frontier.length; i += CHUNK) {
			const rows = await db
				.selectFrom('unitClosure')
				.select('ancestorId')
				.where('descendantId', 'in', frontier.slice(i, i + CHUNK))
				.execute();
			for (const r of rows) {
				if (!seen.has(r.ancestorId)) {
					seen.add(r.ancestorId);
					found.push(r.ancestorId);
				}
			}
		}
		frontier = [];
		for (let i = 0; i < found.length; i += CHUNK) {
			const rows = await db
				.selectFrom('units')
				.select('successorId')
				.where('id', 'in', found.slice(i, i + CHUNK))
				.where('successorId', 'is not', null)
				.execute();
			for (const r of rows)
				if (r.successorId && !seen.has(r.successorId)) frontier.push(r.successorId);
		}
	}
	return [...seen];
}

/** Active managers whose scope holds the case's unit: the people a case can be assigned to. */
export async function assignableManagers(db: DbOrTx, unitId: string) {
	const above = await unitsAbove(db, unitId);
	return db
		.selectFrom('users')
		.select(['id', 'username', 'displayName'])
		.where('role', '=', 'manager')
		.where('disabledAt', 'is', null)
		.where('unitId', 'in', above)
		.orderBy('displayName')
		.orderBy('username')
		.execute();
}
