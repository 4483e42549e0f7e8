import { recorded, type AuditContext } from './audit';
import type { DbOrTx } from './db';
import type { Role, User } from './db/schema';
import * as users from './users';

// What an administrator does to an account (/admin/users): each command writes its change and
// its audit row in one transaction. The checks of the form come first (user-admin.ts).

type Target = Pick<User, 'id' | 'username' | 'role' | 'unitId'>;

const about = (target: Target, action: string, detail?: Record<string, unknown>) => ({
	action,
	targetType: 'user',
	targetId: target.id,
	detail: { username: target.username, ...detail }
});

/** Creates the account; throws users.UserError('username_taken') with nothing written. */
export function create(
	db: DbOrTx,
	input: users.CreateUserInput & { password: string },
	passwordSource: 'typed' | 'generated',
	ctx: AuditContext
): Promise<User> {
	return recorded(
		db,
		ctx,
		(tx) => users.create(tx, input),
		(user) => ({
			action: 'user.create',
			targetType: 'user',
			targetId: user.id,
			detail: { username: user.username, role: user.role, unitId: user.unitId, passwordSource }
		})
	);
}

export function update(
	db: DbOrTx,
	target: Target,
	next: { displayName: string; role: Role; unitId: string | null },
	ctx: AuditContext
): Promise<void> {
	return recorded(
		db,
		ctx,
		(tx) => users.update(tx, target.id, next),
		about(target, 'user.update', {
			from: { role: target.role, unitId: target.unitId },
			to: { role: next.role, unitId: next.unitId }
		})
	);
}

export function disable(db: DbOrTx, target: Target, ctx: AuditContext): Promise<void> {
	return recorded(db, ctx, (tx) => users.disable(tx, target.id), about(target, 'user.disable'));
}

export function enable(db: DbOrTx, target: Target, ctx: AuditContext): Promise<void> {
	return recorded(db, ctx, (tx) => users.enable(tx, target.id), about(target, 'user.enable'));
}

/** A new generated password, shown once to the administrator. */
export function resetPassword(db: DbOrTx, target: Target, ctx: AuditContext): Promise<string> {
	return recorded(
		db,
		ctx,
		(tx) => users.resetPassword(tx, target.id),
		about(target, 'user.reset_password')
	);
}

/** Ends one session of the user; the audit row only when there was one to end. */
export function revokeSession(
	db: DbOrTx,
	target: Target,
	sessionId: string,
	ctx: AuditContext
): Promise<boolean> {
	return recorded(
		db,
		ctx,
		(tx) => users.revokeSession(tx, target.id, sessionId),
		(revoked) => (revoked ? about(target, 'user.revoke_session') : null)
	);
}

export function revokeSessions(db: DbOrTx, target: Target, ctx: AuditContext): Promise<number> {
	return recorded(
		db,
		ctx,
		(tx) => users.revokeSessions(tx, target.id),
		(count) => about(target, 'user.revoke_sessions', { count })
	);
}
