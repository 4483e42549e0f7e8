import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import { contextOf } from '$lib/server/audit';
import { changeOwnPassword } from '$lib/server/auth/account';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import {
	secret,
	fieldErrors,
	PASSWORD_PROBLEM_MESSAGES,
	type FieldErrors
} from '$lib/server/forms';
import * as units from '$lib/server/units';
import type { Actions, PageServerLoad } from './$types';

// Not trimmed: spaces may be part of a password.
const password = (required: MessageKey) =>
	v.pipe(v.string(), v.minLength(1, required), v.maxLength(200, 'admin.password.too_long'));

const ChangeSchema = v.object({
	current: password('admin.account.error.current_required'),
	next: password('admin.account.error.next_required'),
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
			current: secret(form, 'current'),
			next: secret(form, 'next'),
			confirm: secret(form, 'confirm')
		};
		// Nothing typed here is ever sent back.
		const refuse = (errors: FieldErrors<Field>) => fail(400, { errors });
		const parsed = v.safeParse(ChangeSchema, raw);
		if (!parsed.success) return refuse(fieldErrors<Field>(parsed.issues));
		if (raw.confirm !== raw.next)
			return refuse({ confirm: 'admin.account.error.confirm_mismatch' });

		// Guessing the current password counts as failed sign-ins of the account (auth/account.ts).
		const result = await changeOwnPassword(
			db,
			{ current: raw.current, next: raw.next, keepSessionId: event.locals.sessionId },
			contextOf(event, user)
		);
		if (!result.ok) {
			if (result.problem === 'throttled') {
				return fail(429, {
					errors: { current: 'admin.account.error.throttled' } as FieldErrors<Field>,
					minutes: Math.max(1, Math.ceil(result.lockedSeconds / 60))
				});
			}
			if (result.field === 'current') {
				return refuse({ current: 'admin.account.error.current_wrong' });
			}
			return refuse({
				next:
					result.problem === 'same'
						? 'admin.account.error.same'
						: PASSWORD_PROBLEM_MESSAGES[result.problem]
			});
		}
		redirect(303, '/admin/account?done=password');
	}
};
