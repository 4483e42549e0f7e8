import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { initials } from '$lib/domain/text';
import { contextOf } from '$lib/server/audit';
import { canAccessUnit, requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import * as counters from '$lib/server/counters';
import { getDb } from '$lib/server/db/instance';
import * as officerCommands from '$lib/server/officer-commands';
import * as officers from '$lib/server/officers';
import * as unitNames from '$lib/server/unit-names';
import * as units from '$lib/server/units';
import { doneParam, parse, refuse, texts } from '$lib/server/forms';
import { OfficerSchema, readPhoto } from '../../units/shared/people.server';
import type { Actions, PageServerLoad } from './$types';

const DONE = ['updated', 'photo', 'photo_removed', 'deactivated', 'activated'] as const;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const officer = await officers.byId(db, event.params.id);
	if (!officer) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, officer.unitId);
	const unit = (await units.byId(db, officer.unitId))!;
	const counter = officer.counterId ? await counters.byId(db, officer.counterId) : undefined;
	const responses = await officers.responseCount(db, officer);
	const canManage = user.role !== 'viewer';
	return {
		done: doneParam(event.url, DONE),
		officer: {
			id: officer.id,
			fullName: officer.fullName,
			initials: initials(officer.fullName),
			title: officer.title,
			counterId: officer.counterId,
			hasPhoto: officer.hasPhoto,
			updatedAt: officer.updatedAt,
			active: officer.active === 1
		},
		counter: counter ? { number: counter.number, name: counter.name } : null,
		unit: {
			id: unit.id,
			// The code too where the name repeats (the old and the new "Xã Tân Bình" after 2025).
			name: await unitNames.displayName(db, unit),
			link: await canAccessUnit(db, user, unit.id)
		},
		responses,
		// An officer residents have named keeps their history: deactivate instead.
		deletable: responses === 0,
		canManage,
		counterOptions: canManage ? await counters.options(db, unit.id, officer.counterId) : []
	};
};

/** The officer of the URL for an action, after the guard: managers of their unit and admins. */
async function officerFor(event: RequestEvent<{ id: string }>) {
	const user = requireUser(event, { role: 'manager' });
	const db = getDb();
	const officer = await officers.byId(db, event.params.id);
	if (!officer) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, officer.unitId);
	return { user, db, officer };
}

const DeleteSchema = v.object({
	confirm: v.literal('yes', 'admin.officers.error.confirm_delete')
});

export const actions: Actions = {
	update: async (event) => {
		const { user, db, officer } = await officerFor(event);
		const values = texts(await event.request.formData(), ['fullName', 'title', 'counterId']);
		const parsed = parse(OfficerSchema, values);
		if (!parsed.ok) return refuse('update', parsed.errors, values);
		try {
			await officerCommands.update(db, officer, parsed.value, contextOf(event, user));
		} catch (e) {
			if (e instanceof officers.OfficerError && e.code === 'counter_elsewhere') {
				return refuse('update', { counterId: 'admin.officers.error.counter_elsewhere' }, values);
			}
			throw e;
		}
		redirect(303, `/admin/officers/${officer.id}?done=updated`);
	},

	photo: async (event) => {
		const { user, db, officer } = await officerFor(event);
		const { photo, error: problem } = await readPhoto(
			(await event.request.formData()).get('photo'),
			true
		);
		if (problem || !photo) {
			return refuse('photo', { photo: problem ?? 'admin.officers.error.photo_required' }, {});
		}
		await officerCommands.setPhoto(db, officer.id, photo, contextOf(event, user));
		redirect(303, `/admin/officers/${officer.id}?done=photo`);
	},

	removePhoto: async (event) => {
		const { user, db, officer } = await officerFor(event);
		await officerCommands.setPhoto(db, officer.id, null, contextOf(event, user));
		redirect(303, `/admin/officers/${officer.id}?done=photo_removed`);
	},

	deactivate: async (event) => {
		const { user, db, officer } = await officerFor(event);
		await officerCommands.setActive(db, officer.id, false, contextOf(event, user));
		redirect(303, `/admin/officers/${officer.id}?done=deactivated`);
	},

	activate: async (event) => {
		const { user, db, officer } = await officerFor(event);
		await officerCommands.setActive(db, officer.id, true, contextOf(event, user));
		redirect(303, `/admin/officers/${officer.id}?done=activated`);
	},

	delete: async (event) => {
		const { user, db, officer } = await officerFor(event);
		const values = texts(await event.request.formData(), ['confirm']);
		const parsed = parse(DeleteSchema, values);
		if (!parsed.ok) return refuse('delete', parsed.errors, values);
		try {
			await officerCommands.remove(db, officer, contextOf(event, user));
		} catch (e) {
			if (e instanceof officers.OfficerError && e.code === 'in_use') {
				return refuse('delete', { confirm: 'admin.officers.error.in_use' }, values);
			}
			throw e;
		}
		redirect(303, `/admin/units/${officer.unitId}/officers?done=deleted`);
	}
};
