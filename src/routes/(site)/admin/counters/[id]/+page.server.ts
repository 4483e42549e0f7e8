import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { contextOf } from '$lib/server/audit';
import { canAccessUnit, requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import * as counterCommands from '$lib/server/counter-commands';
import * as counters from '$lib/server/counters';
import { getDb } from '$lib/server/db/instance';
import * as unitNames from '$lib/server/unit-names';
import * as units from '$lib/server/units';
import * as webLinks from '$lib/server/web-links';
import { doneParam, parse, refuse, texts } from '$lib/server/forms';
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
		unit: {
			id: unit.id,
			// The code too where the name repeats (the old and the new "Xã Tân Bình" after 2025).
			name: await unitNames.displayName(db, unit),
			link: await canAccessUnit(db, user, unit.id)
		},
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
			await counterCommands.update(db, counter, parsed.value, contextOf(event, user));
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
				...contextOf(event, user),
				targetType: 'counter',
				targetId: counter.id
			}
		);
		redirect(303, `/admin/counters/${counter.id}?done=phone_link`);
	},

	deactivate: async (event) => {
		const { user, db, counter } = await counterFor(event);
		await counterCommands.setActive(db, counter.id, false, contextOf(event, user));
		redirect(303, `/admin/counters/${counter.id}?done=deactivated`);
	},

	activate: async (event) => {
		const { user, db, counter } = await counterFor(event);
		await counterCommands.setActive(db, counter.id, true, contextOf(event, user));
		redirect(303, `/admin/counters/${counter.id}?done=activated`);
	},

	delete: async (event) => {
		const { user, db, counter } = await counterFor(event);
		const values = texts(await event.request.formData(), ['confirm']);
		const parsed = parse(DeleteSchema, values);
		if (!parsed.ok) return refuse('delete', parsed.errors, values);
		try {
			await counterCommands.remove(db, counter, contextOf(event, user));
		} catch (e) {
			if (e instanceof counters.CounterError && e.code === 'in_use') {
				return refuse('delete', { confirm: 'admin.counters.error.in_use' }, values);
			}
			throw e;
		}
		redirect(303, `/admin/units/${counter.unitId}/counters?done=deleted`);
	}
};
