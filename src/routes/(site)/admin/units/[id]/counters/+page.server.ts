import { redirect } from '@sveltejs/kit';
import { loadSearchPage } from '$lib/components/paging';
import { contextOf } from '$lib/server/audit';
import { requireUnit, requireUser } from '$lib/server/auth/guard';
import * as counterCommands from '$lib/server/counter-commands';
import * as counters from '$lib/server/counters';
import { getDb } from '$lib/server/db/instance';
import { counterRow } from '$lib/server/people-lists';
import { doneParam, parse, refuse, texts } from '$lib/server/forms';
import { CounterSchema } from '../../shared/people.server';
import type { Actions, PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const unit = await requireUnit(db, user, event.params.id);
	return {
		done: doneParam(event.url, ['created', 'deleted'] as const),
		unitName: unit.name,
		...(await loadSearchPage(
			event.url,
			PER_PAGE,
			(query, range) => counters.list(db, { unitId: unit.id, query, ...range }),
			counterRow
		)),
		// Counters belong to the unit's own desk: its managers run them, root included.
		canManage: user.role !== 'viewer'
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		const unit = await requireUnit(db, user, event.params.id);
		const values = texts(await event.request.formData(), ['number', 'name']);
		const parsed = parse(CounterSchema, values);
		if (!parsed.ok) return refuse('create', parsed.errors, values);
		try {
			await counterCommands.create(db, unit.id, parsed.value, contextOf(event, user));
		} catch (e) {
			if (e instanceof counters.CounterError && e.code === 'number_taken') {
				return refuse('create', { number: 'admin.counters.error.number_taken' }, values);
			}
			throw e;
		}
		redirect(303, `/admin/units/${unit.id}/counters?done=created`);
	}
};
