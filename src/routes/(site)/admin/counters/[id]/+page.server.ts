import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import * as audit from '$lib/server/audit';
import { canAccessUnit, requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import * as counters from '$lib/server/counters';
import { getDb } from '$lib/server/db/instance';
import * as units from '$lib/server/units';
import * as webLinks from '$lib/server/web-links';
import { auditBy, doneParam, parse, refuse, texts } from '$lib/server/forms';
import { CounterSchema } from '../../units/shared/people.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const counter = await counters.byId(db, event.params.id);
	if (!counter) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, counter.unitId);
	const unit = (await units.byId(db, counter.unitId))!;
	const usage = await counters.usage(db, counter);
	return {
		done: doneParam(event.url, ['updated', 'deactivated', 'activated', 'phone_link'] as const),
		counter: {
			id: counter.id,
			number: counter.number,
			name: counter.name,
			active: counter.active === 1
		},
		unit: { id: unit.id, name: unit.name, link: await canAccessUnit(db, user, unit.id) },
		usage,
		phoneLink: await webLinks.linkPanel(db, event.url.origin, counter.unitId, counter.id),
		// Only a counter nothing refers to may go; the others keep their history.
		deletable: usage.responses === 0 && usage.kiosks === 0 && usage.webLinks === 0,
		canManage: user.role !== 'viewer'
	};
};

/** The counter of the URL for an action, after the guard: managers of its unit and admins. */
async function counterFor(event: RequestEvent<{ id: string }>) {
	const user = requireUser(event, { role: 'manager' });
	const db = getDb();
	const counter = await counters.byId(db, event.params.id);
	if (!counter) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, counter.unitId);
	return { user, db, counter };
}

const DeleteSchema = v.object({
	confirm: v.literal('yes', 'admin.counters.error.confirm_delete')
});

export const actions: Actions = {
	update: async (event) => {
		const { user, db, counter } = await counterFor(event);
		const values = texts(await event.request.formData(), ['number', 'name']);
		const parsed = parse(CounterSchema, values);
		if (!parsed.ok) return refuse('update', parsed.errors, values);
		try {
			await db.transaction().execute(async (tx) => {
				await counters.update(tx, counter.id, parsed.value);
				await audit.record(tx, {
					...auditBy(event, user),
					action: 'counter.update',
					targetType: 'counter',
					targetId: counter.id,
					detail: {
						from: { number: counter.number, name: counter.name },
						to: parsed.value
					}
				});
			});
		} catch (e) {
			if (e instanceof counters.CounterError && e.code === 'number_taken') {
				return refuse('update', { number: 'admin.counters.error.number_taken' }, values);
			}
			throw e;
		}
		redirect(303, `/admin/counters/${counter.id}?done=updated`);
	},

	phoneLink: async (event) => {
		const { user, db, counter } = await counterFor(event);
		await webLinks.createLink(
			db,
			{ unitId: counter.unitId, counterId: counter.id },
			{
				...auditBy(event, user),
				targetType: 'counter',
				targetId: counter.id
			}
		);
		redirect(303, `/admin/counters/${counter.id}?done=phone_link`);
	},

	deactivate: async (event) => {
		const { user, db, counter } = await counterFor(event);
		await setActive(event, user, db, counter.id, false);
		redirect(303, `/admin/counters/${counter.id}?done=deactivated`);
	},

	activate: async (event) => {
		const { user, db, counter } = await counterFor(event);
		await setActive(event, user, db, counter.id, true);
		redirect(303, `/admin/counters/${counter.id}?done=activated`);
	},

	delete: async (event) => {
		const { user, db, counter } = await counterFor(event);
		const values = texts(await event.request.formData(), ['confirm']);
		const parsed = parse(DeleteSchema, values);
		if (!parsed.ok) return refuse('delete', parsed.errors, values);
		try {
			await db.transaction().execute(async (tx) => {
				await counters.remove(tx, counter.id);
				await audit.record(tx, {
					...auditBy(event, user),
					action: 'counter.delete',
					targetType: 'counter',
					targetId: counter.id,
					detail: { unitId: counter.unitId, number: counter.number, name: counter.name }
				});
			});
		} catch (e) {
			if (e instanceof counters.CounterError && e.code === 'in_use') {
				return refuse('delete', { confirm: 'admin.counters.error.in_use' }, values);
			}
			throw e;
		}
		redirect(303, `/admin/units/${counter.unitId}/counters?done=deleted`);
	}
};

async function setActive(
	event: RequestEvent,
	user: SessionUser,
	db: ReturnType<typeof getDb>,
	id: string,
	active: boolean
) {
	await db.transaction().execute(async (tx) => {
		await counters.setActive(tx, id, active);
		await audit.record(tx, {
			...auditBy(event, user),
			action: active ? 'counter.activate' : 'counter.deactivate',
			targetType: 'counter',
			targetId: id
		});
	});
}
