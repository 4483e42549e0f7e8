import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import * as audit from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import * as throttle from '$lib/server/auth/throttle';
import { getDb } from '$lib/server/db/instance';
import { field, fieldErrors, PASSWORD_PROBLEM_MESSAGES, type FieldErrors } from '$lib/server/forms';
import * as units from '$lib/server/units';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

// Not trimmed: spaces may be part of a password.
const ChangeSchema = v.object({
	current: v.pipe(
		v.string(),
		v.minLength(1, 'admin.account.error.current_required'),
		v.maxLength(200, 'admin.password.too_long')
	),
	next: v.pipe(
		v.string(),
		v.minLength(1, 'admin.account.error.next_required'),
		v.maxLength(200, 'admin.password.too_long')
	),
	confirm: v.string()
});
type Field = 'current' | 'next' | 'confirm';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const unit = user.unitId ? await units.byId(getDb(), user.unitId) : undefined;
	return {
		account: {
			username: user.username,
			displayName: user.displayName,
			role: user.role,
			unitName: unit ? `${unit.name} (${unit.code})` : null
		},
		done: event.url.searchParams.get('done') === 'password'
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const db = getDb();
		const form = await event.request.formData();
		const raw = {
			current: field(form, 'current'),
			next: field(form, 'next'),
			confirm: field(form, 'confirm')
		};
		// Nothing typed here is ever sent back.
		const refuse = (errors: FieldErrors<Field>) => fail(400, { errors });
		const parsed = v.safeParse(ChangeSchema, raw);
		if (!parsed.success) return refuse(fieldErrors<Field>(parsed.issues));
		if (raw.confirm !== raw.next)
			return refuse({ confirm: 'admin.account.error.confirm_mismatch' });

		// Guessing the current password here counts as failed sign-ins of the account.
		const key = throttle.accountKey(user.username);
		const locked = await throttle.lockedFor(db, key);
		if (locked > 0) {
			return fail(429, {
				errors: { current: 'admin.account.error.throttled' } as FieldErrors<Field>,
				minutes: Math.max(1, Math.ceil(locked / 60))
			});
		}
		const meta = {
			actor: { id: user.id, username: user.username },
			targetType: 'user',
			targetId: user.id,
			ip: event.getClientAddress(),
			requestId: event.locals.requestId
		};
		const result = await users.changePassword(db, user.id, {
			current: raw.current,
			next: raw.next,
			keepSessionId: event.locals.sessionId
		});
		if (!result.ok) {
			if (result.field === 'current') {
				await throttle.recordFailure(db, key, throttle.ACCOUNT_LIMIT);
				await audit.record(db, { action: 'user.change_password_failed', ...meta });
				return refuse({ current: 'admin.account.error.current_wrong' });
			}
			return refuse({
				next:
					result.problem === 'same'
						? 'admin.account.error.same'
						: PASSWORD_PROBLEM_MESSAGES[result.problem]
			});
		}
		await throttle.clear(db, key);
		await audit.record(db, {
			action: 'user.change_password',
			detail: { otherSessionsEnded: result.revokedSessions },
			...meta
		});
		redirect(303, '/admin/account?done=password');
	}
};
