import { redirect } from '@sveltejs/kit';
import { generatePassword } from '$lib/server/auth/password';
import { vietnamToday } from '$lib/domain/time';
import { contextOf } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { refuse, secret, texts } from '$lib/server/forms';
import { stash } from '$lib/server/show-once';
import { unitChoices } from '$lib/server/unit-choices';
import { parseNewUser } from '$lib/server/user-admin';
import * as userCommands from '$lib/server/user-commands';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event, { role: 'admin' });
	return { units: await unitChoices(getDb(), { withinId: null, on: vietnamToday() }) };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireUser(event, { role: 'admin' });
		const db = getDb();
		const form = await event.request.formData();
		const raw = {
			...texts(form, ['username', 'displayName', 'role', 'unitId', 'passwordMode']),
			password: secret(form, 'password')
		};
		// Typed values come back on a refusal; the password never does.
		const values = {
			username: raw.username.trim().slice(0, 40),
			displayName: raw.displayName.trim().slice(0, 100),
			role: raw.role.slice(0, 20),
			unitId: raw.unitId.slice(0, 60),
			passwordMode: raw.passwordMode === 'typed' ? 'typed' : 'generate'
		};
		const parsed = await parseNewUser(db, raw);
		if (!parsed.ok) return refuse('create', parsed.errors, values);

		const input = parsed.value;
		const password = input.password ?? generatePassword();
		let created;
		try {
			created = await userCommands.create(
				db,
				{ ...input, password },
				input.password ? 'typed' : 'generated',
				contextOf(event, admin)
			);
		} catch (e) {
			if (e instanceof users.UserError && e.code === 'username_taken') {
				return refuse('create', { username: 'admin.users.error.username_taken' }, values);
			}
			throw e;
		}
		const path = `/admin/users/${created.id}`;
		if (!input.password) {
			stash(event, path, { kind: 'password', actorId: admin.id, secret: password });
		}
		redirect(303, `${path}?done=created`);
	}
};
