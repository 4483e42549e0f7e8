import { recorded, type AuditContext } from './audit';
import type { DbOrTx } from './db';

// What the *-commands modules share: the audit row of a command on one thing, and the rename
// that every named thing has (its change and its audit row in one transaction).

/** The audit rows of commands on one kind of thing: `about(id, 'kiosk.revoke', detail?)`. */
export function auditAbout(targetType: string) {
	return (targetId: string, action: string, detail?: Record<string, unknown>) => ({
		action,
		targetType,
		targetId,
		...(detail ? { detail } : {})
	});
}

/** The rename command of a kind of thing, its audit row `<targetType>.rename` {from, to}. */
export function renameCommand(
	targetType: string,
	renameRow: (tx: DbOrTx, id: string, name: string) => Promise<unknown>
) {
	const about = auditAbout(targetType);
	return async (
		db: DbOrTx,
		thing: { id: string; name: string },
		name: string,
		ctx: AuditContext
	): Promise<void> => {
		await recorded(
			db,
			ctx,
			(tx) => renameRow(tx, thing.id, name),
			about(thing.id, `${targetType}.rename`, { from: thing.name, to: name })
		);
	};
}
