import { error, redirect } from '@sveltejs/kit';
import { pageCount, pageParam } from '$lib/components/paging';
import { contextOf } from '$lib/server/audit';
import { requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import * as counterCommands from '$lib/server/counter-commands';
import * as counters from '$lib/server/counters';
import { getDb } from '$lib/server/db/instance';
import * as units from '$lib/server/units';
import { doneParam, parse, refuse, texts } from '../../shared/forms.server';
import { CounterSchema } from '../../shared/people.server';
import type { Actions, PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const unit = await units.byId(db, event.params.id);
	if (!unit) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, unit.id);
	const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);

	const fetchPage = (page: number) =>
		counters.list(db, {
			unitId: unit.id,
			query: q,
			limit: PER_PAGE,
			offset: (page - 1) * PER_PAGE
		});
	let page = pageParam(event.url);
	let found = await fetchPage(page);
	const pages = pageCount(found.total, PER_PAGE);
	if (page > pages) {
		page = pages;
		found = await fetchPage(page);
	}
	return {
		done: doneParam(event.url, ['created', 'deleted'] as const),
		unitName: unit.name,
		q,
		page,
		pages,
		total: found.total,
		rows: found.rows.map((c) => ({
			id: c.id,
			number: c.number,
			name: c.name,
			active: c.active === 1,
			officerCount: c.officerCount
		})),
		// Counters belong to the unit's own desk: its managers run them, root included.
		canManage: user.role !== 'viewer'
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		const unit = await units.byId(db, event.params.id);
		if (!unit) error(404, { message: 'not_found' });
		await requireUnitAccess(db, user, unit.id);
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
