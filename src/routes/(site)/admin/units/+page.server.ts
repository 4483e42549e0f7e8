import { error, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { vietnamToday } from '$lib/domain/time';
import { contextOf } from '$lib/server/audit';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as unitCommands from '$lib/server/unit-commands';
import * as units from '$lib/server/units';
import { loadPage, queryParam } from '$lib/components/paging';
import { optionalDate, parse, refuse, requiredText, texts } from '$lib/server/forms';
import { TOP_LEVEL, UNIT_ERRORS, holderOptions, statusOf } from './shared/units.server';
import type { Actions, PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const q = queryParam(event.url);
	const withinId = scopeRoot(user);
	const today = vietnamToday();

	// Without a query the scope is shown as a tree (depth first); with one, as a flat list of
	// matches. Both are paged; a stale link past the end shows the last page.
	const found = await loadPage(event.url, PER_PAGE, async (range) => {
		if (q) {
			const matches = await units.search(db, { query: q, withinId, ...range });
			return { total: matches.total, rows: matches.rows.map((unit) => ({ unit, depth: 0 })) };
		}
		return units.treePage(db, { withinId, ...range });
	});

	const names = await units.namesByIds(
		db,
		found.rows.flatMap(({ unit }) => [unit.parentId, unit.successorId].filter((id) => id !== null))
	);

	// Managers add units inside their subtree, admins anywhere; viewers only read.
	const canCreate = user.role !== 'viewer';
	const requestedParent = event.url.searchParams.get('parent') ?? '';
	const parentOptions = canCreate ? await holderOptions(db, withinId, today) : [];
	const allowTop = user.role === 'admin';

	return {
		q,
		page: found.page,
		pages: found.pages,
		total: found.total,
		tree: !q,
		rows: found.rows.map(({ unit: u, depth }) => ({
			id: u.id,
			name: u.name,
			code: u.code,
			kind: u.kind,
			depth,
			validFrom: u.validFrom,
			validTo: u.validTo,
			status: statusOf(u, today),
			successorName: u.successorId ? (names.get(u.successorId) ?? null) : null,
			parentName: u.parentId ? (names.get(u.parentId) ?? null) : null
		})),
		create: canCreate
			? {
					kinds: units.UNIT_KINDS,
					parents: parentOptions,
					allowTop,
					parent: parentOptions.some((o) => o.value === requestedParent) ? requestedParent : ''
				}
			: null
	};
};

const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

const CreateSchema = v.object({
	code: v.pipe(
		v.string(),
		v.trim(),
		v.toUpperCase(),
		v.minLength(1, 'admin.units.error.code_required'),
		v.regex(CODE_PATTERN, 'admin.units.error.code_format')
	),
	name: requiredText(200, 'admin.units.error.name_required', 'admin.units.error.name_too_long'),
	kind: v.picklist(units.UNIT_KINDS, 'admin.units.error.kind_required'),
	parentId: v.pipe(v.string(), v.minLength(1, 'admin.units.error.parent_required')),
	validFrom: optionalDate('admin.units.error.date_invalid')
});

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		const values = texts(await event.request.formData(), [
			'code',
			'name',
			'kind',
			'parentId',
			'validFrom'
		]);
		const parsed = parse(CreateSchema, values);
		if (!parsed.ok) return refuse('create', parsed.errors, values);
		const input = parsed.value;
		const parentId = input.parentId === TOP_LEVEL ? null : input.parentId;

		const parent = parentId ? await units.byId(db, parentId) : null;
		if (parentId && !parent) {
			return refuse('create', { parentId: 'admin.units.error.parent_required' }, values);
		}
		if (!(await units.mayCreateUnder(db, user, parentId))) error(403, { message: 'forbidden' });
		if (parent) {
			const problem = units.parentProblem(parent, input.validFrom ?? vietnamToday());
			if (problem) return refuse('create', { parentId: UNIT_ERRORS[problem].message }, values);
		}
		if (await units.byCode(db, input.code)) {
			return refuse('create', { code: 'admin.units.error.code_taken' }, values);
		}

		const unit = await unitCommands.create(
			db,
			{
				code: input.code,
				name: input.name,
				kind: input.kind,
				parentId,
				validFrom: input.validFrom
			},
			contextOf(event, user)
		);
		redirect(303, `/admin/units/${unit.id}?done=created`);
	}
};
