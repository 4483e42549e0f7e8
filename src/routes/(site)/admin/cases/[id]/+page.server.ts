import { FOLLOW_UP_WORKING_DAYS, followUpDeadline } from '$lib/domain/work-calendar';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { addDays, isIsoDate, vietnamToday } from '$lib/domain/time';
import type { MessageKey } from '$lib/i18n';
import { contextOf } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import * as cases from '$lib/server/cases';
import { getDb } from '$lib/server/db/instance';
import { field } from '$lib/server/forms';
import { readCalendar } from '$lib/server/work-calendar';
import { pick } from '../labels';
import type { Actions, PageServerLoad } from './$types';

/** How far ahead a deadline may be moved: a case left open for a year is not being followed up. */
const MAX_DEADLINE_DAYS = 366;

/**
 * The guard of this page: the user must see the case's unit, through the lineage, so a manager of
 * a new commune also handles the cases of the communes merged into it. Unknown ids are 404.
 */
async function caseFor(event: RequestEvent<{ id: string }>, role: 'viewer' | 'manager') {
	const user = requireUser(event, { role });
	const db = getDb();
	const found = await cases.byId(db, event.params.id);
	if (!found) error(404, { message: 'not_found' });
	if (!(await cases.inScope(db, user, found.unitId))) error(403, { message: 'forbidden' });
	return { user, db, found, ctx: contextOf(event, user) };
}

export const load: PageServerLoad = async (event) => {
	const { user, db, found, ctx } = await caseFor(event, 'viewer');
	const now = new Date();
	const today = vietnamToday(now);
	const c = await cases.detail(db, found.id);
	if (!c) error(404, { message: 'not_found' });
	const canManage = user.role !== 'viewer';
	const locale = event.locals.locale;

	// Reporting officers do not call residents: viewers get a masked number, never the digits.
	const kept = cases.phoneKept(c, now);
	let phone: { shown: string; tel: string | null } | null = null;
	if (kept && canManage) {
		phone = { shown: cases.formatPhone(kept), tel: kept.replace(/[^\d+]/g, '') };
		await cases.recordPhoneView(db, c.id, ctx, now);
	} else if (kept) {
		phone = { shown: cases.maskPhone(kept), tel: null };
	}

	const managers = canManage ? await cases.assignableManagers(db, c.unitId) : [];
	const calendar = await readCalendar(db);
	const saved = event.url.searchParams.get('saved');
	return {
		canManage,
		saved: saved && ['status', 'note', 'assign', 'deadline'].includes(saved) ? saved : null,
		today,
		defaultDeadline: followUpDeadline(c.createdAt, calendar),
		workingDays: FOLLOW_UP_WORKING_DAYS,
		maxDeadline: addDays(today, MAX_DEADLINE_DAYS),
		item: {
			id: c.id,
			status: c.status,
			deadline: c.deadline,
			due: cases.dueState(c, today, calendar),
			createdAt: c.createdAt,
			submittedAt: c.submittedAt,
			resolvedAt: c.resolvedAt,
			channel: c.channel,
			unitName: c.unitName,
			unitCode: c.unitCode,
			counterName: c.counterName,
			officerName: c.officerName,
			procedureField: c.procedureField ? pick(c.procedureField, locale) : null,
			assignedTo: c.assignedTo,
			assignedName: c.assignedName,
			rating: c.answers.rating ? pick(c.answers.rating, locale) : null,
			reasons: c.answers.reasons.map((r) => pick(r, locale)),
			comment: c.answers.comment,
			others: c.answers.others.map((o) => ({
				prompt: pick(o.prompt, locale),
				answer: pick(o.answer, locale)
			})),
			phone,
			phoneErased: !kept,
			consentAt: c.consentAt,
			phoneEraseAfter: c.phoneEraseAfter,
			notes: c.notes
		},
		managers: managers.map((m) => ({ id: m.id, name: m.displayName, username: m.username }))
	};
};

type Form = 'status' | 'note' | 'assign' | 'deadline';
type Errors = Partial<Record<'note' | 'assignee' | 'deadline' | 'form', MessageKey>>;

function refuse(
	status: number,
	form: Form,
	errors: Errors,
	values: Partial<Record<'note' | 'assignee' | 'deadline', string>>
) {
	return fail(status, { action: form, errors, values });
}

function text(data: FormData, name: string): string | undefined {
	return typeof data.get(name) === 'string' ? field(data, name) : undefined;
}

const noteText = v.pipe(
	v.string('admin.cases.note_required'),
	v.transform((s) => s.normalize('NFC').trim()),
	v.maxLength(cases.MAX_NOTE_LENGTH, 'admin.cases.note_too_long')
);

const StatusSchema = v.object({
	move: v.picklist(['contacted', 'resolved', 'reopen'], 'admin.cases.move_invalid'),
	seen: v.picklist(cases.CASE_STATUSES, 'admin.cases.move_invalid'),
	note: v.optional(noteText, '')
});

const NoteSchema = v.object({
	note: v.pipe(noteText, v.minLength(1, 'admin.cases.note_required'))
});

const AssignSchema = v.object({
	assignee: v.pipe(v.string('admin.cases.assignee_invalid'), v.maxLength(100))
});

const DeadlineSchema = v.object({
	deadline: v.pipe(
		v.string('admin.cases.deadline_required'),
		v.trim(),
		v.minLength(1, 'admin.cases.deadline_required'),
		v.check(isIsoDate, 'admin.cases.date_invalid')
	)
});

/** The first message per field, as the login form reports them. */
function issuesToErrors(issues: v.BaseIssue<unknown>[]): Errors {
	const errors: Errors = {};
	for (const issue of issues) {
		const key = issue.path?.[0]?.key;
		const field = key === 'note' || key === 'assignee' || key === 'deadline' ? key : 'form';
		if (!errors[field]) errors[field] = issue.message as MessageKey;
	}
	return errors;
}

const FAILURES: Record<string, MessageKey> = {
	stale: 'admin.cases.stale',
	transition: 'admin.cases.stale',
	not_found: 'admin.cases.stale',
	not_assignable: 'admin.cases.assignee_invalid'
};

// Each action checks the role and the case's scope itself before reading the form, so a viewer
// or a manager of another unit gets 403 whatever they send.
export const actions: Actions = {
	status: async (event) => {
		const { db, found, ctx } = await caseFor(event, 'manager');
		const data = await event.request.formData();
		const values = { note: (text(data, 'note') ?? '').slice(0, cases.MAX_NOTE_LENGTH + 100) };
		const parsed = v.safeParse(StatusSchema, {
			move: text(data, 'move'),
			seen: text(data, 'seen'),
			note: text(data, 'note')
		});
		if (!parsed.success) return refuse(400, 'status', issuesToErrors(parsed.issues), values);
		const result = await cases.changeStatus(db, { caseId: found.id, ...parsed.output }, ctx);
		if (!result.ok) {
			if (result.code === 'note_required') {
				return refuse(400, 'status', { note: 'admin.cases.note_required_resolve' }, values);
			}
			return refuse(409, 'status', { form: FAILURES[result.code] }, values);
		}
		redirect(303, `/admin/cases/${found.id}?saved=status`);
	},

	note: async (event) => {
		const { db, found, ctx } = await caseFor(event, 'manager');
		const data = await event.request.formData();
		const values = { note: (text(data, 'note') ?? '').slice(0, cases.MAX_NOTE_LENGTH + 100) };
		const parsed = v.safeParse(NoteSchema, { note: text(data, 'note') });
		if (!parsed.success) return refuse(400, 'note', issuesToErrors(parsed.issues), values);
		const result = await cases.addNote(db, { caseId: found.id, body: parsed.output.note }, ctx);
		if (!result.ok) return refuse(400, 'note', { note: 'admin.cases.note_required' }, values);
		redirect(303, `/admin/cases/${found.id}?saved=note`);
	},

	assign: async (event) => {
		const { db, found, ctx } = await caseFor(event, 'manager');
		const data = await event.request.formData();
		const values = { assignee: (text(data, 'assignee') ?? '').slice(0, 100) };
		const parsed = v.safeParse(AssignSchema, { assignee: text(data, 'assignee') });
		if (!parsed.success) return refuse(400, 'assign', issuesToErrors(parsed.issues), values);
		const result = await cases.assign(
			db,
			{ caseId: found.id, userId: parsed.output.assignee || null },
			ctx
		);
		if (!result.ok) {
			const field = result.code === 'not_assignable' ? 'assignee' : 'form';
			return refuse(400, 'assign', { [field]: FAILURES[result.code] }, values);
		}
		redirect(303, `/admin/cases/${found.id}?saved=assign`);
	},

	deadline: async (event) => {
		const { db, found, ctx } = await caseFor(event, 'manager');
		const data = await event.request.formData();
		const values = { deadline: (text(data, 'deadline') ?? '').slice(0, 20) };
		const parsed = v.safeParse(DeadlineSchema, { deadline: text(data, 'deadline') });
		if (!parsed.success) return refuse(400, 'deadline', issuesToErrors(parsed.issues), values);
		const today = vietnamToday();
		const deadline = parsed.output.deadline;
		if (deadline < today) {
			return refuse(400, 'deadline', { deadline: 'admin.cases.deadline_past' }, values);
		}
		if (deadline > addDays(today, MAX_DEADLINE_DAYS)) {
			return refuse(400, 'deadline', { deadline: 'admin.cases.deadline_far' }, values);
		}
		const result = await cases.setDeadline(db, { caseId: found.id, deadline }, ctx);
		if (!result.ok) return refuse(409, 'deadline', { form: FAILURES[result.code] }, values);
		redirect(303, `/admin/cases/${found.id}?saved=deadline`);
	}
};
