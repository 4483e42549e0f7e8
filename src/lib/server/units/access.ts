import type { DbOrTx } from '../db';
import { isWithin } from './tree';

// Who may change the tree where (the guard checks who may see a unit; this, who may edit it).

/**
 * Whether the user may change a unit's own record (rename, close, add units under it): an admin
 * anywhere; a manager only strictly inside their subtree, never their own root or above it.
 */
export async function mayEditUnit(
	db: DbOrTx,
	user: Pick<SessionUser, 'role' | 'unitId'>,
	unitId: string
): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (user.role !== 'manager' || !user.unitId || user.unitId === unitId) return false;
	return isWithin(db, user.unitId, unitId);
}

/** Whether the user may create a unit under `parentId` (null: at the top, admins only). */
export async function mayCreateUnder(
	db: DbOrTx,
	user: Pick<SessionUser, 'role' | 'unitId'>,
	parentId: string | null
): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (user.role !== 'manager' || !user.unitId || parentId === null) return false;
	return isWithin(db, user.unitId, parentId);
}
