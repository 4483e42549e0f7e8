import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { addDays, vietnamToday } from '$lib/domain/time';
import { pageCount, pageParam } from '$lib/components/paging';
import { contextOf } from '$lib/server/audit';
import { canAccessUnit, requireUnit, requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as unitCommands from '$lib/server/unit-commands';
import * as units from '$lib/server/units';
import {
	doneParam,
	parse,
	refuse,
	requiredDate,
	requiredText,
	texts,
	type FieldErrors
} from '$lib/server/forms';
import { TOP_LEVEL, UNIT_ERRORS, holderOptions, statusOf } from '../shared/units.server';
import type { Actions, PageServerLoad } from './$types';

const PER_PAGE = 25;
const DONE = ['created', 'renamed', 'closed', 'moved', 'moved_stale', 'merged'] as const;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const unit = await requireUnit(db, user, event.params.id);
	const today = vietnamToday();

	const related = async (id: string | null) => {
		const other = id ? await units.byId(db, id) : undefined;
		return other
			? { id: other.id, name: other.name, link: await canAccessUnit(db, user, other.id) }
			: null;
	};
	const preds = await units.predecessors(db, unit.id);
	const predecessors = await Promise.all(
		preds.map(async (p) => ({
			id: p.id,
			name: p.name,
			code: p.code,
			// The merger took effect the day after the predecessor's last day.
			mergedOn: p.validTo ? addDays(p.validTo, 1) : null,
			link: await canAccessUnit(db, user, p.id)
		}))
	);

	const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const childPage = (page: number) =>
		units.childrenPage(db, unit.id, { query: q, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	let page = pageParam(event.url);
	let kids = await childPage(page);
	const pages = pageCount(kids.total, PER_PAGE);
	if (page > pages) {
		page = pages;
		kids = await childPage(page);
	}
	// The search box appears where it helps: many units under this one, or a search under way.
	const searchable = Boolean(q) || kids.total > 10;

	const isAdmin = user.role === 'admin';
	const mayEdit = await units.mayEditUnit(db, user, unit.id);
	const open = units.parentProblem(unit, today) === null;
	const subtree = new Set(await units.subtreeIds(db, unit.id));
	const moveTargets =
		isAdmin && open
			? (await holderOptions(db, null, today, subtree)).filter((o) => o.value !== unit.parentId)
			: [];
	const mergeTargets =
		isAdmin && !unit.successorId ? await holderOptions(db, null, today, subtree) : [];

	return {
		done: doneParam(event.url, DONE),
		unit: {
			id: unit.id,
			name: unit.name,
			code: unit.code,
			kind: unit.kind,
			validFrom: unit.validFrom,
			validTo: unit.validTo,
			status: statusOf(unit, today),
			isTop: unit.parentId === null
		},
		today,
		parent: await related(unit.parentId),
		successor: await related(unit.successorId),
		predecessors,
		children: {
			q,
			searchable,
			page,
			pages,
			total: kids.total,
			rows: kids.rows.map((c) => ({
				id: c.id,
				name: c.name,
				code: c.code,
				kind: c.kind,
				validFrom: c.validFrom,
				validTo: c.validTo,
				status: statusOf(c, today)
			}))
		},
		can: {
			edit: mayEdit,
			close: mayEdit && !unit.successorId,
			addChild: open && (await units.mayCreateUnder(db, user, unit.id)),
			move: isAdmin && open,
			merge: isAdmin && !unit.successorId,
			// A manager looking at their own unit: say why there are no forms.
			ownRoot: user.role === 'manager' && user.unitId === unit.id
		},
		moveTargets,
		mergeTargets
	};
};

/** The unit of the URL for an action, after the role check; 404 for an unknown id. */
async function unitFor(event: RequestEvent<{ id: string }>, role: 'manager' | 'admin') {
	const user = requireUser(event, { role });
	const db = getDb();
	const unit = await units.byId(db, event.params.id);
	if (!unit) error(404, { message: 'not_found' });
	return { user, db, unit };
}

/** The unit of the URL for a rename or a close: a manager who may edit it, or 403. */
async function editableUnitFor(event: RequestEvent<{ id: string }>) {
	const found = await unitFor(event, 'manager');
	if (!(await units.mayEditUnit(found.db, found.user, found.unit.id))) {
		error(403, { message: 'forbidden' });
	}
	return found;
}

/** A refusal of the units module, shown next to the field it concerns. */
function unitRefusal(form: string, e: unknown, values: Record<string, string>, dateField: string) {
	if (!(e instanceof units.UnitError) || !UNIT_ERRORS[e.code]) throw e;
	if (form === 'merge' && e.code === 'cycle') {
		return refuse(form, { successorId: 'admin.units.error.merge_cycle' }, values);
	}
	const { field, message } = UNIT_ERRORS[e.code];
	const errors: FieldErrors = { [field === 'date' ? dateField : field]: message };
	return refuse(form, errors, values);
}

const RenameSchema = v.object({
	name: requiredText(200, 'admin.units.error.name_required', 'admin.units.error.name_too_long')
});
const CloseSchema = v.object({
	validTo: requiredDate('admin.units.error.date_required', 'admin.units.error.date_invalid')
});
const MoveSchema = v.object({
	parentId: v.pipe(v.string(), v.minLength(1, 'admin.units.error.parent_required'))
});
const MergeSchema = v.object({
	successorId: v.pipe(v.string(), v.minLength(1, 'admin.units.error.successor_required')),
	effectiveDate: requiredDate('admin.units.error.date_required', 'admin.units.error.date_invalid'),
	confirm: v.literal('yes', 'admin.units.error.confirm_merge')
});

export const actions: Actions = {
	rename: async (event) => {
		const { user, db, unit } = await editableUnitFor(event);
		const values = texts(await event.request.formData(), ['name']);
		const parsed = parse(RenameSchema, values);
		if (!parsed.ok) return refuse('rename', parsed.errors, values);
		await unitCommands.rename(db, unit, parsed.value.name, contextOf(event, user));
		redirect(303, `/admin/units/${unit.id}?done=renamed`);
	},

	close: async (event) => {
		const { user, db, unit } = await editableUnitFor(event);
		const values = texts(await event.request.formData(), ['validTo']);
		const parsed = parse(CloseSchema, values);
		if (!parsed.ok) return refuse('close', parsed.errors, values);
		try {
			await unitCommands.close(db, unit, parsed.value.validTo, contextOf(event, user));
		} catch (e) {
			return unitRefusal('close', e, values, 'validTo');
		}
		redirect(303, `/admin/units/${unit.id}?done=closed`);
	},

	move: async (event) => {
		const { user, db, unit } = await unitFor(event, 'admin');
		const values = texts(await event.request.formData(), ['parentId']);
		const parsed = parse(MoveSchema, values);
		if (!parsed.ok) return refuse('move', parsed.errors, values);
		const parentId = parsed.value.parentId === TOP_LEVEL ? null : parsed.value.parentId;
		if (parentId) {
			const parent = await units.byId(db, parentId);
			if (!parent) return refuse('move', { parentId: 'admin.units.error.parent_required' }, values);
			// A cycle is the clearer refusal when both apply.
			if (await units.isWithin(db, unit.id, parent.id)) {
				return refuse('move', { parentId: 'admin.units.error.cycle' }, values);
			}
			const problem = units.parentProblem(parent, vietnamToday());
			if (problem) return refuse('move', { parentId: UNIT_ERRORS[problem].message }, values);
		}
		let adjusted: boolean;
		try {
			// The statistics rollups move with the unit, in the same transaction.
			const moved = await unitCommands.move(db, unit, parentId, contextOf(event, user));
			adjusted = moved.rollupsAdjusted;
		} catch (e) {
			return unitRefusal('move', e, values, 'parentId');
		}
		redirect(303, `/admin/units/${unit.id}?done=${adjusted ? 'moved' : 'moved_stale'}`);
	},

	merge: async (event) => {
		const { user, db, unit } = await unitFor(event, 'admin');
		const values = texts(await event.request.formData(), [
			'successorId',
			'effectiveDate',
			'confirm'
		]);
		const parsed = parse(MergeSchema, values);
		if (!parsed.ok) return refuse('merge', parsed.errors, values);
		const { successorId, effectiveDate } = parsed.value;
		if (!(await units.byId(db, successorId))) {
			return refuse('merge', { successorId: 'admin.units.error.successor_required' }, values);
		}
		try {
			await unitCommands.merge(db, unit.id, successorId, effectiveDate, contextOf(event, user));
		} catch (e) {
			return unitRefusal('merge', e, values, 'effectiveDate');
		}
		redirect(303, `/admin/units/${unit.id}?done=merged`);
	}
};
