import * as audit from '../audit';
import type { AuditContext } from '../audit';
import type { Db } from '../db';
import * as users from '../users';
import * as throttle from './throttle';

// A signed-in user changing their own password (/admin/account). Guessing the current password
// here counts as failed sign-ins of the account (throttle.ts), and both outcomes are audited.

export type OwnPasswordResult =
	| users.ChangePasswordResult
	| { ok: false; field: 'current'; problem: 'throttled'; lockedSeconds: number };

export async function changeOwnPassword(
	db: Db,
	input: { current: string; next: string; keepSessionId: string | null },
	ctx: AuditContext
): Promise<OwnPasswordResult> {
	const key = throttle.accountKey(ctx.actor.username);
	const locked = await throttle.lockedFor(db, key);
	if (locked > 0)
		return { ok: false, field: 'current', problem: 'throttled', lockedSeconds: locked };
	const row = { ...ctx, targetType: 'user', targetId: ctx.actor.id };
	const result = await users.changePassword(db, ctx.actor.id, input);
	if (!result.ok) {
		if (result.field === 'current') {
			await throttle.recordFailure(db, key, throttle.ACCOUNT_LIMIT);
			await audit.record(db, { action: 'user.change_password_failed', ...row });
		}
		return result;
	}
	await throttle.clear(db, key);
	await audit.record(db, {
		action: 'user.change_password',
		detail: { otherSessionsEnded: result.revokedSessions },
		...row
	});
	return result;
}
