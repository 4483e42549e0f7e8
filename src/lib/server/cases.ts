import type { DbOrTx } from './db';
import type { CaseStatus } from './db/schema';
import * as audit from './audit';
import { newId, nowIso } from './ids';
import { definitionOf } from './surveys';
import * as units from './units';
import type { Localized, SurveyDefinition } from '../domain/survey';
import { foldForSearch, normalizeText } from '../domain/text';
import { addDays, vietnamMidnight } from '../domain/time';
import { followUpDeadline, type WorkCalendar } from '../domain/work-calendar';

// Follow-up cases ("Phản hồi người dân"): a low rating left with a phone number and consent.
// An office leader calls the resident back, notes what was done and closes the case within the
// deadline, so that a negative answer leads somewhere (DOMAIN.md, "feedback theatre").

export const CASE_STATUSES: CaseStatus[] = ['new', 'contacted', 'resolved'];
export const STATUS_FILTERS = ['open', 'all', 'new', 'contacted', 'resolved'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
/** What a manager can do to the status; reopening takes a resolved case back to 'contacted'. */
export type StatusMove = 'contacted' | 'resolved' | 'reopen';
export const MAX_NOTE_LENGTH = 2000;
/** Expired numbers are looked for at most this often (the list load triggers it). */
export const ERASE_INTERVAL_MS = 60 * 60 * 1000;
export const ERASE_META_KEY = 'follow_up_phones_erased_at';
/** Bound parameters per `in` list, as overview.ts: well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

type Actor = { id: string; username: string };
export interface AuditContext {
	actor: Actor;
	ip?: string | null;
	requestId?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Deadlines count working days: Monday to Friday, less the days off and plus the weekend days
// worked that an administrator entered (work-calendar.ts).

/**
 * After the working calendar changed on `date` (a day added or removed): the open cases whose
 * deadline is still their default under the calendar before the change get their default under
 * the new one, each with a line in its history and in the audit log. A deadline a leader set by hand is left alone.
 * Only cases received before that day, with a deadline on or after it, can be concerned.
 * Returns how many moved.
 */
export async function refitDeadlines(
	tx: DbOrTx,
	change: { date: string; before: WorkCalendar; after: WorkCalendar },
	ctx: AuditContext,
	now = new Date()
): Promise<number> {
	const open = await tx
		.selectFrom('followUpCases')
		.select(['id', 'createdAt', 'deadline'])
		.where('status', '!=', 'resolved')
		.where('deadline', '>=', change.date)
		.where('createdAt', '<', vietnamMidnight(change.date).toISOString())
		.execute();
	let moved = 0;
	for (const c of open) {
		if (c.deadline !== followUpDeadline(c.createdAt, change.before)) continue;
		const deadline = followUpDeadline(c.createdAt, change.after);
		if (deadline === c.deadline) continue;
		await tx
			.updateTable('followUpCases')
			.set({ deadline, updatedAt: nowIso(now) })
			.where('id', '=', c.id)
			.execute();
		await deadlineNote(tx, c.id, { from: c.deadline, to: deadline, reason: 'calendar' }, ctx, now);
		moved++;
	}
	return moved;
}

/** A deadline change: a line of the case history and of the audit log. */
async function deadlineNote(
	tx: DbOrTx,
	caseId: string,
	move: { from: string; to: string; reason: 'hand' | 'calendar' },
	ctx: AuditContext,
	now: Date
): Promise<void> {
	await tx
		.insertInto('followUpNotes')
		.values({
			id: newId(),
			caseId,
			userId: ctx.actor.id,
			body: '',
			statusTo: null,
			deadlineFrom: move.from,
			deadlineTo: move.to,
			deadlineReason: move.reason,
			createdAt: nowIso(now)
		})
		.execute();
	await audit.record(
		tx,
		{
			...ctx,
			action: 'case.deadline',
			targetType: 'follow_up_case',
			targetId: caseId,
			detail: move
		},
		now
	);
}

/** Overdue: the deadline day has passed (Vietnam time) and the case is not resolved. */
export function isOverdue(c: { deadline: string; status: CaseStatus }, today: string): boolean {
	return c.status !== 'resolved' && c.deadline < today;
}

export interface DueState {
	overdue: boolean;
	dueToday: boolean;
	/** Working days left, or elapsed since the deadline when overdue (0 on the weekend after). */
	days: number;
}

/** What the deadline means today, for the list and the case page. */
export function dueState(
	c: { deadline: string; status: CaseStatus },
	today: string,
	calendar: WorkCalendar
): DueState {
	const overdue = isOverdue(c, today);
	return {
		overdue,
		dueToday: !overdue && c.deadline === today,
		days: Math.abs(calendar.daysLeft(today, c.deadline))
	};
}

// ---------------------------------------------------------------------------------------------
// Phone numbers (Decree 13/2023/NĐ-CP: kept only with consent, only as long as promised).

/** '0912345678' -> '09xx xxx 678': enough to match a call log, not enough to call. */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	if (digits.length < 6) return 'xxx';
	return `${digits.slice(0, 2)}xx xxx ${digits.slice(-3)}`;
}

/** '0912345678' -> '0912 345 678', as numbers are read out in Vietnam. */
export function formatPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	return digits.length === 10
		? `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`
		: phone;
}

/** A number past its erasure instant is never shown, even before the erase job has run. */
export function phoneKept(
	c: { phone: string | null; phoneEraseAfter: string | null },
	now: Date
): string | null {
	if (!c.phone || !c.phoneEraseAfter) return null;
	return c.phoneEraseAfter > now.toISOString() ? c.phone : null;
}

/**
 * Erases the numbers whose retention has ended and keeps the cases (their figures and notes stay).
 * A number without an erasure date has no documented basis to be kept, so it goes too.
 */
export async function eraseExpiredPhones(db: DbOrTx, now = new Date()): Promise<number> {
	const result = await db
		.updateTable('followUpCases')
		.set({ phone: null })
		.where('phone', 'is not', null)
		.where((eb) =>
			eb.or([eb('phoneEraseAfter', 'is', null), eb('phoneEraseAfter', '<=', now.toISOString())])
		)
		.executeTakeFirst();
	const count = Number(result.numUpdatedRows ?? 0);
	if (count > 0) {
		await audit.record(db, { action: 'case.phones_erased', detail: { count } }, now);
	}
	return count;
}

/**
 * Runs eraseExpiredPhones when it has not run for ERASE_INTERVAL_MS, remembering the last run in
 * app_meta so that every server process shares it. Returns the count erased, or null if skipped.
 * Run by the server's housekeeping every few minutes, and when the cases list is opened.
 */
export async function eraseExpiredPhonesIfDue(
	db: DbOrTx,
	now = new Date()
): Promise<number | null> {
	const last = await db
		.selectFrom('appMeta')
		.select('value')
		.where('key', '=', ERASE_META_KEY)
		.executeTakeFirst();
	if (last && now.getTime() - Date.parse(last.value) < ERASE_INTERVAL_MS) return null;
	const count = await eraseExpiredPhones(db, now);
	await db
		.insertInto('appMeta')
		.values({ key: ERASE_META_KEY, value: now.toISOString() })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value: now.toISOString() }))
		.execute();
	return count;
}

// ---------------------------------------------------------------------------------------------
// Scope. Cases of units merged into a unit belong to its successor's managers too.

/** Unit ids whose cases the user may see; null means every unit (admin). */
export async function scopeUnitIds(db: DbOrTx, user: SessionUser): Promise<string[] | null> {
	if (user.role === 'admin') return null;
	if (!user.unitId) return [];
	return units.lineageIds(db, user.unitId);
}

export async function inScope(db: DbOrTx, user: SessionUser, unitId: string): Promise<boolean> {
	const ids = await scopeUnitIds(db, user);
	return ids === null || ids.includes(unitId);
}

/** The units a user may filter the list by, merged ones included (they keep their cases). */
export async function scopeUnits(db: DbOrTx, scope: string[] | null) {
	let q = db.selectFrom('units').select(['id', 'code', 'name', 'successorId']);
	if (scope !== null) q = q.where('id', 'in', scope.length ? scope : ['']);
	return q.orderBy('name').orderBy('code').execute();
}

/**
 * The units whose lineage holds `unitId`: its ancestors, and through every merge the successor's
 * ancestors. The reverse of units.lineageIds, to find who manages a case.
 */
export async function unitsAbove(db: DbOrTx, unitId: string): Promise<string[]> {
	const seen = new Set<string>();
	let frontier = [unitId];
	while (frontier.length > 0) {
		const found: string[] = [];
		for (let i = 0; i < frontier.length; i += CHUNK) {
			const rows = await db
				.selectFrom('unitClosure')
				.select('ancestorId')
				.where('descendantId', 'in', frontier.slice(i, i + CHUNK))
				.execute();
			for (const r of rows) {
				if (!seen.has(r.ancestorId)) {
					seen.add(r.ancestorId);
					found.push(r.ancestorId);
				}
			}
		}
		frontier = [];
		for (let i = 0; i < found.length; i += CHUNK) {
			const rows = await db
				.selectFrom('units')
				.select('successorId')
				.where('id', 'in', found.slice(i, i + CHUNK))
				.where('successorId', 'is not', null)
				.execute();
			for (const r of rows)
				if (r.successorId && !seen.has(r.successorId)) frontier.push(r.successorId);
		}
	}
	return [...seen];
}

/** Active managers whose scope holds the case's unit: the people a case can be assigned to. */
export async function assignableManagers(db: DbOrTx, unitId: string) {
	const above = await unitsAbove(db, unitId);
	return db
		.selectFrom('users')
		.select(['id', 'username', 'displayName'])
		.where('role', '=', 'manager')
		.where('disabledAt', 'is', null)
		.where('unitId', 'in', above)
		.orderBy('displayName')
		.orderBy('username')
		.execute();
}

// ---------------------------------------------------------------------------------------------
// The list.

export interface CaseFilter {
	/** From scopeUnitIds: null = all units. */
	scope: string[] | null;
	status: StatusFilter;
	overdueOnly: boolean;
	/** A unit in scope; its lineage is listed. */
	unitId?: string | null;
	/** Local dates of receipt, both included. */
	from?: string | null;
	to?: string | null;
	/** Searched in the comments, diacritics ignored. */
	q?: string | null;
	today: string;
}

async function filtered(db: DbOrTx, f: CaseFilter) {
	let q = db.selectFrom('followUpCases');
	// An empty scope (a user without a unit) matches nothing: ids are UUIDs, never ''.
	if (f.scope !== null) q = q.where('followUpCases.unitId', 'in', f.scope.length ? f.scope : ['']);
	if (f.unitId) {
		q = q.where('followUpCases.unitId', 'in', await units.lineageIds(db, f.unitId));
	}
	if (f.status === 'open' || f.overdueOnly) q = q.where('followUpCases.status', '!=', 'resolved');
	if (f.status !== 'open' && f.status !== 'all') q = q.where('followUpCases.status', '=', f.status);
	if (f.overdueOnly) q = q.where('followUpCases.deadline', '<', f.today);
	if (f.from) q = q.where('followUpCases.createdAt', '>=', vietnamMidnight(f.from).toISOString());
	if (f.to) {
		q = q.where('followUpCases.createdAt', '<', vietnamMidnight(addDays(f.to, 1)).toISOString());
	}
	return q;
}

/** Open work comes by deadline, oldest first; everything else newest first. */
function byDeadline(f: CaseFilter): boolean {
	return f.overdueOnly || f.status === 'open' || f.status === 'new' || f.status === 'contacted';
}

export interface CaseListItem {
	id: string;
	status: CaseStatus;
	deadline: string;
	createdAt: string;
	unitName: string;
	counterName: string | null;
	assignedName: string | null;
	rating: Localized | null;
	reasons: Localized[];
	comment: string | null;
}

export async function list(
	db: DbOrTx,
	f: CaseFilter,
	page: { limit: number; offset: number }
): Promise<{ rows: CaseListItem[]; total: number }> {
	const needle = f.q ? foldForSearch(f.q) : '';
	let ids: string[];
	let total: number;
	if (needle) {
		// Comments are free text in response_answers, folded here: portable SQL has no accent-blind
		// LIKE. The filtered cases come first, then their comments by primary key in chunks, so the
		// database never scans every answer; a province has a few thousand cases a year.
		// TODO(search): a folded comment column filled by responses.record would let SQL page it.
		let q = (await filtered(db, f)).select(['followUpCases.id', 'followUpCases.responseId']);
		q = byDeadline(f)
			? q.orderBy('followUpCases.deadline').orderBy('followUpCases.createdAt')
			: q.orderBy('followUpCases.createdAt', 'desc');
		const candidates = await q.orderBy('followUpCases.id').execute();
		const matching = await commentsMatching(
			db,
			candidates.map((c) => c.responseId),
			needle
		);
		const matched = candidates.filter((c) => matching.has(c.responseId)).map((c) => c.id);
		total = matched.length;
		ids = matched.slice(page.offset, page.offset + page.limit);
	} else {
		const count = await (
			await filtered(db, f)
		)
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.executeTakeFirst();
		total = Number(count?.n ?? 0);
		let q = (await filtered(db, f)).select('followUpCases.id');
		q = byDeadline(f)
			? q.orderBy('followUpCases.deadline').orderBy('followUpCases.createdAt')
			: q.orderBy('followUpCases.createdAt', 'desc');
		const rows = await q
			.orderBy('followUpCases.id')
			.limit(page.limit)
			.offset(page.offset)
			.execute();
		ids = rows.map((r) => r.id);
	}
	return { rows: await listItems(db, ids), total };
}

/**
 * Response ids among `responseIds` whose free-text answers contain the folded `needle`. An answer
 * counts when its key is a text question in any survey version: keys are stable across versions
 * (survey.ts), so looking up each response's own version would cost a query for nothing.
 */
async function commentsMatching(
	db: DbOrTx,
	responseIds: string[],
	needle: string
): Promise<Set<string>> {
	const keys = await textQuestionKeys(db);
	const found = new Set<string>();
	for (let i = 0; i < responseIds.length; i += CHUNK) {
		const rows = await db
			.selectFrom('responseAnswers')
			.select(['responseId', 'valueText'])
			.where('responseId', 'in', responseIds.slice(i, i + CHUNK))
			.where('questionKey', 'in', keys)
			.where('valueText', 'is not', null)
			.execute();
		for (const r of rows) {
			if (foldForSearch(r.valueText ?? '').includes(needle)) found.add(r.responseId);
		}
	}
	return found;
}

async function listItems(db: DbOrTx, ids: string[]): Promise<CaseListItem[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('followUpCases')
		.innerJoin('units', 'units.id', 'followUpCases.unitId')
		.innerJoin('responses', 'responses.id', 'followUpCases.responseId')
		.leftJoin('counters', 'counters.id', 'responses.counterId')
		.leftJoin('users', 'users.id', 'followUpCases.assignedTo')
		.select([
			'followUpCases.id',
			'followUpCases.status',
			'followUpCases.deadline',
			'followUpCases.createdAt',
			'followUpCases.responseId',
			'units.name as unitName',
			'counters.name as counterName',
			'users.displayName as assignedName'
		])
		.where('followUpCases.id', 'in', ids)
		.execute();
	const answers = await describeResponses(
		db,
		rows.map((r) => r.responseId)
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return ids.flatMap((id) => {
		const r = byId.get(id);
		if (!r) return [];
		const a = answers.get(r.responseId);
		return [
			{
				id: r.id,
				status: r.status,
				deadline: r.deadline,
				createdAt: r.createdAt,
				unitName: r.unitName,
				counterName: r.counterName,
				assignedName: r.assignedName,
				rating: a?.rating ?? null,
				reasons: a?.reasons ?? [],
				comment: a?.comment ?? null
			}
		];
	});
}

// ---------------------------------------------------------------------------------------------
// Answers of the response behind a case, labelled from its survey version.

export interface DescribedResponse {
	rating: Localized | null;
	reasons: Localized[];
	comment: string | null;
	/** Other answered questions (SIPAS criteria, single choices), in survey order. */
	others: { prompt: Localized; answer: Localized }[];
}

/**
 * Keys of the free-text questions of every survey version (a few dozen versions at most), so the
 * comment search reads comments only, not officer ids or reason codes.
 */
async function textQuestionKeys(db: DbOrTx): Promise<string[]> {
	const rows = await db.selectFrom('surveyVersions').select(['id', 'definition']).execute();
	const keys = new Set<string>();
	for (const r of rows) {
		for (const q of definitionOf(r.id, r.definition).questions) {
			if (q.type === 'text') keys.add(q.key);
		}
	}
	// A list that is never empty keeps the `in` valid SQL everywhere.
	return keys.size > 0 ? [...keys] : [''];
}

async function definitions(db: DbOrTx, versionIds: string[]) {
	const unique = [...new Set(versionIds)];
	const out = new Map<string, SurveyDefinition>();
	if (unique.length === 0) return out;
	const rows = await db
		.selectFrom('surveyVersions')
		.select(['id', 'definition'])
		.where('id', 'in', unique)
		.execute();
	for (const r of rows) out.set(r.id, definitionOf(r.id, r.definition));
	return out;
}

export async function describeResponses(
	db: DbOrTx,
	responseIds: string[]
): Promise<Map<string, DescribedResponse>> {
	const out = new Map<string, DescribedResponse>();
	if (responseIds.length === 0) return out;
	const responses = await db
		.selectFrom('responses')
		.select(['id', 'surveyVersionId'])
		.where('id', 'in', responseIds)
		.execute();
	const answers = await db
		.selectFrom('responseAnswers')
		.selectAll()
		.where('responseId', 'in', responseIds)
		.orderBy('responseId')
		.orderBy('questionKey')
		.orderBy('seq')
		.execute();
	const defs = await definitions(
		db,
		responses.map((r) => r.surveyVersionId)
	);
	for (const r of responses) {
		const def = defs.get(r.surveyVersionId);
		const mine = answers.filter((a) => a.responseId === r.id);
		const described: DescribedResponse = { rating: null, reasons: [], comment: null, others: [] };
		for (const q of def?.questions ?? []) {
			const values = mine.filter((a) => a.questionKey === q.key);
			if (values.length === 0) continue;
			if (q.type === 'rating') {
				const level = q.levels.find((l) => l.value === values[0].valueInt)?.label;
				if (!level) continue;
				if (q.key === def!.mainQuestion) described.rating = level;
				else described.others.push({ prompt: q.prompt, answer: level });
			} else if (q.type === 'multi_choice' || q.type === 'single_choice') {
				const labels = values.map(
					(v) => q.options.find((o) => o.value === v.valueText)?.label ?? { vi: v.valueText ?? '' }
				);
				if (q.type === 'multi_choice') described.reasons.push(...labels);
				else described.others.push({ prompt: q.prompt, answer: labels[0] });
			} else if (q.type === 'text' && values[0].valueText) {
				described.comment = described.comment
					? `${described.comment}\n${values[0].valueText}`
					: values[0].valueText;
			} else if (q.type === 'nps' && values[0].valueInt !== null) {
				described.others.push({ prompt: q.prompt, answer: { vi: String(values[0].valueInt) } });
			}
		}
		out.set(r.id, described);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// One case.

export async function byId(db: DbOrTx, id: string) {
	return db.selectFrom('followUpCases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Everything the case page shows, except the phone number, which the caller may mask. */
export async function detail(db: DbOrTx, id: string) {
	const c = await db
		.selectFrom('followUpCases')
		.innerJoin('responses', 'responses.id', 'followUpCases.responseId')
		.innerJoin('units', 'units.id', 'followUpCases.unitId')
		.leftJoin('counters', 'counters.id', 'responses.counterId')
		.leftJoin('officers', 'officers.id', 'responses.officerId')
		.leftJoin('procedureFields', 'procedureFields.id', 'responses.procedureFieldId')
		.leftJoin('users', 'users.id', 'followUpCases.assignedTo')
		.select([
			'followUpCases.id',
			'followUpCases.responseId',
			'followUpCases.unitId',
			'followUpCases.phone',
			'followUpCases.consentAt',
			'followUpCases.phoneEraseAfter',
			'followUpCases.status',
			'followUpCases.deadline',
			'followUpCases.assignedTo',
			'followUpCases.createdAt',
			'followUpCases.resolvedAt',
			'responses.submittedAt',
			'responses.channel',
			'units.name as unitName',
			'units.code as unitCode',
			'counters.name as counterName',
			'officers.fullName as officerName',
			'procedureFields.nameVi as fieldVi',
			'procedureFields.nameEn as fieldEn',
			'users.displayName as assignedName'
		])
		.where('followUpCases.id', '=', id)
		.executeTakeFirst();
	if (!c) return undefined;
	const [answers, notes] = await Promise.all([
		describeResponses(db, [c.responseId]),
		db
			.selectFrom('followUpNotes')
			.leftJoin('users', 'users.id', 'followUpNotes.userId')
			.select([
				'followUpNotes.id',
				'followUpNotes.body',
				'followUpNotes.statusTo',
				'followUpNotes.deadlineFrom',
				'followUpNotes.deadlineTo',
				'followUpNotes.deadlineReason',
				'followUpNotes.createdAt',
				'users.displayName as author'
			])
			.where('followUpNotes.caseId', '=', id)
			.orderBy('followUpNotes.createdAt')
			.orderBy('followUpNotes.id')
			.execute()
	]);
	return {
		...c,
		procedureField: c.fieldVi ? ({ vi: c.fieldVi, en: c.fieldEn ?? undefined } as Localized) : null,
		answers: answers.get(c.responseId) ?? { rating: null, reasons: [], comment: null, others: [] },
		notes
	};
}

/**
 * Records that a user saw a resident's number, at most once an hour per user and case: the
 * page reloads after every form, and one line per visit is enough to answer "who saw it".
 */
export async function recordPhoneView(
	db: DbOrTx,
	caseId: string,
	ctx: AuditContext,
	now = new Date()
): Promise<boolean> {
	const recent = await db
		.selectFrom('auditLog')
		.select('id')
		.where('action', '=', 'case.view_phone')
		.where('targetId', '=', caseId)
		.where('userId', '=', ctx.actor.id)
		.where('at', '>', new Date(now.getTime() - 60 * 60 * 1000).toISOString())
		.executeTakeFirst();
	if (recent) return false;
	await audit.record(
		db,
		{ ...ctx, action: 'case.view_phone', targetType: 'follow_up_case', targetId: caseId },
		now
	);
	return true;
}

export type ChangeResult =
	{ ok: true } | { ok: false; code: 'not_found' | 'stale' | 'transition' | 'note_required' };

const MOVES: Record<StatusMove, { from: CaseStatus; to: CaseStatus }> = {
	contacted: { from: 'new', to: 'contacted' },
	resolved: { from: 'contacted', to: 'resolved' },
	reopen: { from: 'resolved', to: 'contacted' }
};

/**
 * Moves a case along new → contacted → resolved (or reopens it), with the note that explains it.
 * `seen` is the status the user's page showed: if someone else moved the case meanwhile, nothing
 * happens. Resolving needs a note: what was done for the resident is the point of the case.
 */
export async function changeStatus(
	db: DbOrTx,
	input: { caseId: string; seen: CaseStatus; move: StatusMove; note: string },
	ctx: AuditContext,
	now = new Date()
): Promise<ChangeResult> {
	const note = normalizeText(input.note);
	if (input.move === 'resolved' && !note) return { ok: false, code: 'note_required' };
	const { from, to } = MOVES[input.move];
	return db.transaction().execute(async (tx) => {
		const c = await byId(tx, input.caseId);
		if (!c) return { ok: false, code: 'not_found' } as const;
		if (c.status !== input.seen) return { ok: false, code: 'stale' } as const;
		if (c.status !== from) return { ok: false, code: 'transition' } as const;
		const result = await tx
			.updateTable('followUpCases')
			.set({
				status: to,
				updatedAt: nowIso(now),
				resolvedAt: to === 'resolved' ? nowIso(now) : null
			})
			.where('id', '=', c.id)
			.where('status', '=', from)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows ?? 0) !== 1) return { ok: false, code: 'stale' } as const;
		// The status change is a line of the case history even without words.
		await tx
			.insertInto('followUpNotes')
			.values({
				id: newId(),
				caseId: c.id,
				userId: ctx.actor.id,
				body: note,
				statusTo: to,
				createdAt: nowIso(now)
			})
			.execute();
		await audit.record(
			tx,
			{
				...ctx,
				action: 'case.status',
				targetType: 'follow_up_case',
				targetId: c.id,
				detail: { from, to, note: note.length > 0 }
			},
			now
		);
		return { ok: true } as const;
	});
}

export async function addNote(
	db: DbOrTx,
	input: { caseId: string; body: string },
	ctx: AuditContext,
	now = new Date()
): Promise<ChangeResult> {
	const body = normalizeText(input.body);
	if (!body) return { ok: false, code: 'note_required' };
	return db.transaction().execute(async (tx) => {
		const c = await byId(tx, input.caseId);
		if (!c) return { ok: false, code: 'not_found' } as const;
		await tx
			.insertInto('followUpNotes')
			.values({
				id: newId(),
				caseId: c.id,
				userId: ctx.actor.id,
				body,
				statusTo: null,
				createdAt: nowIso(now)
			})
			.execute();
		await tx
			.updateTable('followUpCases')
			.set({ updatedAt: nowIso(now) })
			.where('id', '=', c.id)
			.execute();
		await audit.record(
			tx,
			{ ...ctx, action: 'case.note', targetType: 'follow_up_case', targetId: c.id },
			now
		);
		return { ok: true } as const;
	});
}

/** Assigns the case to a manager who may handle it (see assignableManagers), or to nobody. */
export async function assign(
	db: DbOrTx,
	input: { caseId: string; userId: string | null },
	ctx: AuditContext,
	now = new Date()
): Promise<ChangeResult | { ok: false; code: 'not_assignable' }> {
	return db.transaction().execute(async (tx) => {
		const c = await byId(tx, input.caseId);
		if (!c) return { ok: false, code: 'not_found' } as const;
		if (input.userId) {
			const candidates = await assignableManagers(tx, c.unitId);
			if (!candidates.some((u) => u.id === input.userId)) {
				return { ok: false, code: 'not_assignable' } as const;
			}
		}
		await tx
			.updateTable('followUpCases')
			.set({ assignedTo: input.userId, updatedAt: nowIso(now) })
			.where('id', '=', c.id)
			.execute();
		await audit.record(
			tx,
			{
				...ctx,
				action: 'case.assign',
				targetType: 'follow_up_case',
				targetId: c.id,
				detail: { from: c.assignedTo, to: input.userId }
			},
			now
		);
		return { ok: true } as const;
	});
}

/** Moves the deadline; the caller has checked it is a real date not before today. */
export async function setDeadline(
	db: DbOrTx,
	input: { caseId: string; deadline: string },
	ctx: AuditContext,
	now = new Date()
): Promise<ChangeResult> {
	return db.transaction().execute(async (tx) => {
		const c = await byId(tx, input.caseId);
		if (!c) return { ok: false, code: 'not_found' } as const;
		if (c.status === 'resolved') return { ok: false, code: 'transition' } as const;
		await tx
			.updateTable('followUpCases')
			.set({ deadline: input.deadline, updatedAt: nowIso(now) })
			.where('id', '=', c.id)
			.execute();
		await deadlineNote(
			tx,
			c.id,
			{ from: c.deadline, to: input.deadline, reason: 'hand' },
			ctx,
			now
		);
		return { ok: true } as const;
	});
}
