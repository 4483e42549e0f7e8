import { redirect } from '@sveltejs/kit';
import { loadSearchPage } from '$lib/components/paging';
import { contextOf } from '$lib/server/audit';
import { requireUnit, requireUser } from '$lib/server/auth/guard';
import * as counters from '$lib/server/counters';
import { getDb } from '$lib/server/db/instance';
import * as officerCommands from '$lib/server/officer-commands';
import * as officers from '$lib/server/officers';
import { officerRow } from '$lib/server/people-lists';
import { doneParam, parse, refuse, texts } from '$lib/server/forms';
import { OfficerSchema, readPhoto } from '../../shared/people.server';
import type { Actions, PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const unit = await requireUnit(db, user, event.params.id);
	const canManage = user.role !== 'viewer';
	return {
		done: doneParam(event.url, ['created', 'deleted'] as const),
		unitName: unit.name,
		...(await loadSearchPage(
			event.url,
			PER_PAGE,
			(query, range) => officers.list(db, { unitId: unit.id, query, ...range }),
			officerRow
		)),
		canManage,
		counterOptions: canManage ? await counters.options(db, unit.id) : []
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		const unit = await requireUnit(db, user, event.params.id);
		const form = await event.request.formData();
		const values = texts(form, ['fullName', 'title', 'counterId']);
		const parsed = parse(OfficerSchema, values);
		const photo = await readPhoto(form.get('photo'), false);
		const errors = parsed.ok ? {} : { ...parsed.errors };
		if (photo.error) errors.photo = photo.error;
		if (!parsed.ok || photo.error) return refuse('create', errors, values);
		try {
			await officerCommands.create(
				db,
				unit.id,
				{ ...parsed.value, photo: photo.photo },
				contextOf(event, user)
			);
		} catch (e) {
			if (e instanceof officers.OfficerError && e.code === 'counter_elsewhere') {
				return refuse('create', { counterId: 'admin.officers.error.counter_elsewhere' }, values);
			}
			throw e;
		}
		redirect(303, `/admin/units/${unit.id}/officers?done=created`);
	}
};
