import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { vietnamToday } from '$lib/domain/time';
import { contextOf } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { field, refuse } from '$lib/server/forms';
import { stash, take } from '$lib/server/show-once';
import { unitChoices } from '$lib/server/unit-choices';
import { parseAccess } from '$lib/server/user-admin';
import * as userCommands from '$lib/server/user-commands';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const DONE = [
	'created',
	'updated',
	'disabled',
	'enabled',
	'reset',
	'session_revoked',
	'sessions_revoked'
] as const;
type Done = (typeof DONE)[number];
const CONFIRMS = ['disable', 'reset'] as const;

const pathOf = (id: string) => `/admin/users/${id}`;

/** Admins only; the user of the URL or 404. */
async function guarded(event: RequestEvent<{ id: string }>) {
	const admin = requireUser(event, { role: 'admin' });
	const db = getDb();
	const target = await users.byId(db, event.params.id);
	if (!target) error(404, { message: 'not_found' });
	return { admin, db, target, ctx: contextOf(event, admin), self: admin.id === target.id };
}

/** Destructive acts come from their confirmation step, which sends confirm=yes. */
async function confirmed(event: RequestEvent) {
	return field(await event.request.formData(), 'confirm') === 'yes';
}

export const load: PageServerLoad = async (event) => {
	const { admin, db, target, self } = await guarded(event);
	const row = (await users.detail(db, target.id))!;
	const once = take(event.cookies, pathOf(target.id), 'password', admin.id);
	const sessions = await users.activeSessions(db, target.id);
	const doneParam = event.url.searchParams.get('done');
	const confirmParam = event.url.searchParams.get('confirm');
	return {
		target: {
			id: row.id,
			username: row.username,
			displayName: row.displayName,
			role: row.role,
			unitId: row.unitId,
			unitName: row.unitName,
			unitCode: row.unitCode,
			disabledAt: row.disabledAt,
			passwordChangedAt: row.passwordChangedAt,
			createdAt: row.createdAt
		},
		self,
		password: once?.secret ?? null,
		sessions: sessions.map((s) => ({ ...s, current: s.id === event.locals.sessionId })),
		units: await unitChoices(db, { withinId: null, on: vietnamToday(), include: [row.unitId] }),
		done: (DONE.find((d) => d === doneParam) ?? null) as Done | null,
		confirm: self ? null : (CONFIRMS.find((c) => c === confirmParam) ?? null)
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { db, target, ctx, self } = await guarded(event);
		const form = await event.request.formData();
		const values = {
			displayName: field(form, 'displayName').trim().slice(0, 100),
			role: field(form, 'role').slice(0, 20),
			unitId: field(form, 'unitId').slice(0, 60)
		};
		const parsed = await parseAccess(db, values, target.unitId);
		if (!parsed.ok) return refuse('update', parsed.errors, values);
		if (self && parsed.value.role !== target.role) {
			// Demoting oneself could leave the deployment without an administrator.
			return refuse('update', { role: 'admin.users.error.self_role' }, values);
		}
		const next = { ...parsed.value, displayName: parsed.value.displayName || target.username };
		await userCommands.update(db, target, next, ctx);
		redirect(303, `${pathOf(target.id)}?done=updated`);
	},

	disable: async (event) => {
		const { db, target, ctx, self } = await guarded(event);
		if (self)
			return fail(400, {
				action: 'disable' as const,
				message: 'admin.users.error.self_disable' as const
			});
		if (!(await confirmed(event))) {
			return fail(400, {
				action: 'disable' as const,
				message: 'admin.users.error.confirm' as const
			});
		}
		await userCommands.disable(db, target, ctx);
		redirect(303, `${pathOf(target.id)}?done=disabled`);
	},

	enable: async (event) => {
		const { db, target, ctx } = await guarded(event);
		if (target.disabledAt) await userCommands.enable(db, target, ctx);
		redirect(303, `${pathOf(target.id)}?done=enabled`);
	},

	reset: async (event) => {
		const { admin, db, target, ctx, self } = await guarded(event);
		if (self)
			return fail(400, {
				action: 'reset' as const,
				message: 'admin.users.error.self_reset' as const
			});
		if (!(await confirmed(event))) {
			return fail(400, { action: 'reset' as const, message: 'admin.users.error.confirm' as const });
		}
		const password = await userCommands.resetPassword(db, target, ctx);
		stash(event, pathOf(target.id), { kind: 'password', actorId: admin.id, secret: password });
		redirect(303, `${pathOf(target.id)}?done=reset`);
	},

	revokeSession: async (event) => {
		const { db, target, ctx } = await guarded(event);
		const sessionId = field(await event.request.formData(), 'session');
		if (!/^[0-9a-f]{64}$/.test(sessionId)) {
			return fail(400, {
				action: 'revokeSession' as const,
				message: 'admin.users.error.session' as const
			});
		}
		await userCommands.revokeSession(db, target, sessionId, ctx);
		redirect(303, `${pathOf(target.id)}?done=session_revoked`);
	},

	revokeSessions: async (event) => {
		const { db, target, ctx } = await guarded(event);
		await userCommands.revokeSessions(db, target, ctx);
		redirect(303, `${pathOf(target.id)}?done=sessions_revoked`);
	}
};
