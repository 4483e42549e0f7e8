import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import { followUpDeadline, WEEKDAYS, WorkCalendar } from '../../src/lib/domain/work-calendar';
import { HOUSEKEEPING_INTERVAL_MS, runHousekeeping } from '../../src/lib/server/housekeeping';
import * as cases from '../../src/lib/server/cases';
import type { Db } from '../../src/lib/server/db/index';
import type { CaseStatus, Role } from '../../src/lib/server/db/schema';
import { newId } from '../../src/lib/server/ids';
import { overview } from '../../src/lib/server/overview';
import * as responses from '../../src/lib/server/responses';
import * as units from '../../src/lib/server/units';
import { publishTemplate, smallTree, testDb } from './helpers';

// Calendar of March 2026 used throughout: Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9,
// Tue 10, Wed 11, Thu 12, Fri 13. Vietnam is UTC+7.

async function world() {
	const db = await testDb();
	const tree = await smallTree(db);
	// The new commune N (under the city P2) took over C1 from 2025-07-01, as in the 2025 reform.
	const n = await units.create(db, {
		code: 'N',
		name: 'Xã Tân Bình mới',
		kind: 'commune',
		parentId: tree.p2.id
	});
	await units.mergeInto(db, tree.c1.id, n.id, '2025-07-01');
	const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
	const person = async (role: Role, unitId: string | null, username: string) => {
		const id = newId();
		const at = '2026-01-01T00:00:00.000Z';
		await db
			.insertInto('users')
			.values({
				id,
				username,
				displayName: username,
				role,
				unitId,
				passwordHash: 'x',
				disabledAt: null,
				passwordChangedAt: at,
				createdAt: at,
				updatedAt: at
			})
			.execute();
		return { id, username, displayName: username, role, unitId } satisfies SessionUser;
	};
	const people = {
		admin: await person('admin', null, 'admin'),
		managerN: await person('manager', n.id, 'manager.n'),
		managerC2: await person('manager', tree.c2.id, 'manager.c2'),
		managerD: await person('manager', tree.d.id, 'manager.d'),
		viewerD: await person('viewer', tree.d.id, 'viewer.d')
	};
	return { db, tree, n, versionId, people };
}

interface CaseSeed {
	unitId: string;
	createdAt: string;
	status?: CaseStatus;
	deadline?: string;
	phone?: string | null;
	eraseAfter?: string | null;
	comment?: string;
	reasons?: string[];
}

/** A desk answer rated 1 with its case, written as the kiosk path would leave them. */
async function addCase(db: Db, versionId: string, seed: CaseSeed): Promise<string> {
	const responseId = randomUUID();
	await db
		.insertInto('responses')
		.values({
			id: responseId,
			surveyVersionId: versionId,
			unitId: seed.unitId,
			counterId: null,
			officerId: null,
			procedureFieldId: null,
			kioskId: null,
			channel: 'kiosk',
			startedAt: null,
			submittedAt: seed.createdAt,
			receivedAt: seed.createdAt,
			durationMs: null,
			localDate: seed.createdAt.slice(0, 10),
			localHour: 9,
			weekday: 1,
			mainLevel: 1,
			mainLevels: 3,
			satisfied: 0,
			locale: 'vi'
		})
		.execute();
	const answers = [{ questionKey: 'satisfaction', seq: 0, valueInt: 1, valueText: null }];
	(seed.reasons ?? []).forEach((r, seq) =>
		answers.push({ questionKey: 'reasons', seq, valueInt: null, valueText: r } as never)
	);
	if (seed.comment) {
		answers.push({
			questionKey: 'comment',
			seq: 0,
			valueInt: null,
			valueText: seed.comment
		} as never);
	}
	await db
		.insertInto('responseAnswers')
		.values(answers.map((a) => ({ ...a, responseId })))
		.execute();
	const id = randomUUID();
	await db
		.insertInto('followUpCases')
		.values({
			id,
			responseId,
			unitId: seed.unitId,
			phone: seed.phone === undefined ? '0912345678' : seed.phone,
			consentAt: seed.createdAt,
			phoneEraseAfter: seed.eraseAfter === undefined ? '2027-03-03T02:00:00.000Z' : seed.eraseAfter,
			status: seed.status ?? 'new',
			deadline: seed.deadline ?? followUpDeadline(seed.createdAt, WEEKDAYS),
			assignedTo: null,
			createdAt: seed.createdAt,
			updatedAt: seed.createdAt,
			resolvedAt: seed.status === 'resolved' ? seed.createdAt : null
		})
		.execute();
	return id;
}

const ctxOf = (user: SessionUser): cases.AuditContext => ({
	actor: { id: user.id, username: user.username },
	ip: '127.0.0.1',
	requestId: 'req-1'
});

const baseFilter = (scope: string[] | null, today: string): cases.CaseFilter => ({
	scope,
	status: 'all',
	overdueOnly: false,
	today
});
const PAGE = { limit: 50, offset: 0 };

describe('deadlines and overdue, across weekends', () => {
	it('gives a new case five working days from its Vietnam date', () => {
		// Thursday 10:00 in Vietnam: Fri 6, Mon 9, Tue 10, Wed 11, Thu 12.
		expect(followUpDeadline('2026-03-05T03:00:00.000Z', WEEKDAYS)).toBe('2026-03-12');
		// Friday 23:30 in Vietnam is still Friday: Mon 9 … Fri 13.
		expect(followUpDeadline('2026-03-06T16:30:00.000Z', WEEKDAYS)).toBe('2026-03-13');
		// 17:30 UTC on Friday is 00:30 on Saturday in Vietnam: the weekend adds nothing.
		expect(followUpDeadline('2026-03-06T17:30:00.000Z', WEEKDAYS)).toBe('2026-03-13');
	});

	it('is overdue from the day after the deadline, weekend included, until resolved', () => {
		const c = { deadline: '2026-03-06', status: 'contacted' as const };
		expect(cases.isOverdue(c, '2026-03-06')).toBe(false);
		expect(cases.isOverdue(c, '2026-03-07')).toBe(true);
		expect(cases.isOverdue({ ...c, status: 'new' }, '2026-03-09')).toBe(true);
		expect(cases.isOverdue({ ...c, status: 'resolved' }, '2026-03-09')).toBe(false);
	});

	it('counts working days left and elapsed, skipping Saturday and Sunday', () => {
		expect(WEEKDAYS.daysLeft('2026-03-06', '2026-03-09')).toBe(1); // Fri -> Mon
		expect(WEEKDAYS.daysLeft('2026-03-07', '2026-03-09')).toBe(1); // Sat -> Mon
		expect(WEEKDAYS.daysLeft('2026-03-05', '2026-03-12')).toBe(5);
		expect(WEEKDAYS.daysLeft('2026-03-06', '2026-03-06')).toBe(0);
		expect(WEEKDAYS.daysLeft('2026-03-09', '2026-03-06')).toBe(-1); // Fri passed, Mon
		expect(WEEKDAYS.daysLeft('2026-03-10', '2026-03-06')).toBe(-2);
		// Four whole weeks, Monday to Monday; and from a Sunday to the Saturday after.
		expect(WEEKDAYS.daysLeft('2026-03-02', '2026-03-30')).toBe(20);
		expect(WEEKDAYS.daysLeft('2026-03-08', '2026-03-14')).toBe(5);
		expect(WEEKDAYS.daysLeft('2026-03-08', '2027-03-08')).toBe(261);
		expect(
			cases.dueState({ deadline: '2026-03-06', status: 'new' }, '2026-03-08', WEEKDAYS)
		).toEqual({
			overdue: true,
			dueToday: false,
			days: 0
		});
		expect(
			cases.dueState({ deadline: '2026-03-06', status: 'new' }, '2026-03-06', WEEKDAYS)
		).toEqual({
			overdue: false,
			dueToday: true,
			days: 0
		});
	});

	it('works open default deadlines out again when the calendar changes, not hand-set ones', async () => {
		const { db, tree, versionId, people } = await world();
		const at = (iso: string) => `${iso}T02:00:00.000Z`; // 09:00 in Vietnam
		const unitId = tree.c2.id;
		// Received Friday 13 February 2026, due Friday 20 by Monday-to-Friday.
		const plain = await addCase(db, versionId, { unitId, createdAt: at('2026-02-13') });
		const byHand = await addCase(db, versionId, {
			unitId,
			createdAt: at('2026-02-13'),
			deadline: '2026-02-25'
		});
		const resolved = await addCase(db, versionId, {
			unitId,
			createdAt: at('2026-02-13'),
			status: 'resolved'
		});
		// Received on the 18th, after the day changed: its deadline was made by the new calendar.
		const later = await addCase(db, versionId, { unitId, createdAt: at('2026-02-18') });
		const deadlines = async () =>
			Object.fromEntries(
				(await db.selectFrom('followUpCases').select(['id', 'deadline']).execute()).map((r) => [
					r.id,
					r.deadline
				])
			);
		const ctx = ctxOf(people.admin);
		// Each change a minute apart, so the history reads in order.
		const minute = (m: number) => new Date(Date.parse('2026-02-10T00:00:00Z') + m * 60_000);
		const offOn = (...dates: string[]) => new WorkCalendar(dates.map((d) => [d, 'off'] as const));

		// 17 February off: 16, 18, 19, 20, 23.
		const first = { date: '2026-02-17', before: WEEKDAYS, after: offOn('2026-02-17') };
		expect(await cases.refitDeadlines(db, first, ctx, minute(1))).toBe(1);
		expect(await deadlines()).toEqual({
			[plain]: '2026-02-23',
			[byHand]: '2026-02-25',
			[resolved]: '2026-02-20',
			[later]: '2026-02-25'
		});
		// Then the 16th too: 18, 19, 20, 23, 24. And taking the 16th off again undoes it.
		const both = offOn('2026-02-16', '2026-02-17');
		const second = { date: '2026-02-16', before: first.after, after: both };
		expect(await cases.refitDeadlines(db, second, ctx, minute(2))).toBe(1);
		expect((await deadlines())[plain]).toBe('2026-02-24');
		const undo = { date: '2026-02-16', before: both, after: first.after };
		expect(await cases.refitDeadlines(db, undo, ctx, minute(3))).toBe(1);
		expect((await deadlines())[plain]).toBe('2026-02-23');

		const notes = (await cases.detail(db, plain))!.notes;
		expect(notes.map((n) => [n.deadlineFrom, n.deadlineTo, n.deadlineReason])).toEqual([
			['2026-02-20', '2026-02-23', 'calendar'],
			['2026-02-23', '2026-02-24', 'calendar'],
			['2026-02-24', '2026-02-23', 'calendar']
		]);
		const history = await db
			.selectFrom('auditLog')
			.select(['action', 'detail'])
			.where('targetId', '=', plain)
			.orderBy('at')
			.execute();
		expect(history.map((h) => [h.action, JSON.parse(h.detail ?? '{}')])).toEqual([
			['case.deadline', { from: '2026-02-20', to: '2026-02-23', reason: 'calendar' }],
			['case.deadline', { from: '2026-02-23', to: '2026-02-24', reason: 'calendar' }],
			['case.deadline', { from: '2026-02-24', to: '2026-02-23', reason: 'calendar' }]
		]);
	});

	it('lists overdue cases as the admin home counts them', async () => {
		const { db, tree, versionId } = await world();
		// Received Friday 6 March: due Friday 13 March.
		const friday = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-06T02:00:00.000Z'
		});
		const resolved = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-06T03:00:00.000Z',
			status: 'resolved'
		});
		await addCase(db, versionId, { unitId: tree.c2.id, createdAt: '2026-03-12T02:00:00.000Z' });
		expect((await cases.byId(db, friday))?.deadline).toBe('2026-03-13');

		const overdueOn = async (today: string) =>
			cases.list(db, { ...baseFilter(null, today), status: 'open', overdueOnly: true }, PAGE);
		expect((await overdueOn('2026-03-13')).total).toBe(0);
		const saturday = await overdueOn('2026-03-14');
		expect(saturday.rows.map((r) => r.id)).toEqual([friday]);
		expect((await overview(db, null, '2026-03-14')).overdueCases).toBe(1);
		expect((await overview(db, null, '2026-03-14')).openCases).toBe(2);
		// Resolved cases are never overdue, even with status=all.
		const all = await cases.list(
			db,
			{ ...baseFilter(null, '2026-03-30'), overdueOnly: true },
			PAGE
		);
		expect(all.rows.map((r) => r.id)).not.toContain(resolved);
		expect(all.total).toBe(2);
	});
});

describe('status transitions', () => {
	it('goes new → contacted → resolved with notes, refuses skips, and reopens', async () => {
		const { db, tree, versionId, people } = await world();
		const id = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-03T02:00:00.000Z'
		});
		const ctx = ctxOf(people.managerC2);
		const at = new Date('2026-03-04T03:00:00.000Z');

		expect(
			await cases.changeStatus(
				db,
				{ caseId: id, seen: 'new', move: 'resolved', note: 'Xong' },
				ctx,
				at
			)
		).toEqual({ ok: false, code: 'transition' });
		expect(
			await cases.changeStatus(
				db,
				{ caseId: id, seen: 'new', move: 'contacted', note: '' },
				ctx,
				at
			)
		).toEqual({ ok: true });
		expect((await cases.byId(db, id))?.status).toBe('contacted');

		// A second tab still showing "new" must not move the case again.
		expect(
			await cases.changeStatus(
				db,
				{ caseId: id, seen: 'new', move: 'contacted', note: '' },
				ctx,
				at
			)
		).toEqual({ ok: false, code: 'stale' });
		// Resolving needs the outcome written down; blanks do not count.
		expect(
			await cases.changeStatus(
				db,
				{ caseId: id, seen: 'contacted', move: 'resolved', note: ' \n ' },
				ctx,
				at
			)
		).toEqual({ ok: false, code: 'note_required' });
		expect((await cases.byId(db, id))?.status).toBe('contacted');

		const later = new Date('2026-03-05T04:00:00.000Z');
		expect(
			await cases.changeStatus(
				db,
				{ caseId: id, seen: 'contacted', move: 'resolved', note: 'Đã hướng dẫn bổ sung hồ sơ' },
				ctx,
				later
			)
		).toEqual({ ok: true });
		const resolved = await cases.byId(db, id);
		expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: later.toISOString() });

		expect(
			await cases.changeStatus(
				db,
				{ caseId: id, seen: 'resolved', move: 'reopen', note: '' },
				ctx,
				later
			)
		).toEqual({ ok: true });
		expect(await cases.byId(db, id)).toMatchObject({ status: 'contacted', resolvedAt: null });

		const notes = await db
			.selectFrom('followUpNotes')
			.select(['body', 'statusTo', 'userId'])
			.where('caseId', '=', id)
			.orderBy('createdAt')
			.orderBy('statusTo')
			.execute();
		expect(notes).toEqual([
			{ body: '', statusTo: 'contacted', userId: people.managerC2.id },
			{ body: '', statusTo: 'contacted', userId: people.managerC2.id },
			{ body: 'Đã hướng dẫn bổ sung hồ sơ', statusTo: 'resolved', userId: people.managerC2.id }
		]);
		const log = await db
			.selectFrom('auditLog')
			.select(['action', 'detail', 'targetId', 'username'])
			.where('action', '=', 'case.status')
			.orderBy('at')
			.execute();
		expect(log.map((l) => JSON.parse(l.detail!))).toEqual([
			{ from: 'new', to: 'contacted', note: false },
			{ from: 'contacted', to: 'resolved', note: true },
			{ from: 'resolved', to: 'contacted', note: false }
		]);
		expect(log.every((l) => l.targetId === id && l.username === 'manager.c2')).toBe(true);
	});

	it('adds notes, assigns only to managers of the lineage and moves deadlines, with audit', async () => {
		const { db, tree, versionId, people } = await world();
		const id = await addCase(db, versionId, {
			unitId: tree.c1.id,
			createdAt: '2026-03-03T02:00:00.000Z'
		});
		const ctx = ctxOf(people.admin);
		expect(await cases.addNote(db, { caseId: id, body: '   ' }, ctx)).toEqual({
			ok: false,
			code: 'note_required'
		});
		expect(await cases.addNote(db, { caseId: id, body: 'Gọi lần 1, chưa nghe máy' }, ctx)).toEqual({
			ok: true
		});

		const candidates = (await cases.assignableManagers(db, tree.c1.id)).map((u) => u.username);
		expect(candidates.sort()).toEqual(['manager.d', 'manager.n']);
		expect(await cases.assign(db, { caseId: id, userId: people.managerC2.id }, ctx)).toEqual({
			ok: false,
			code: 'not_assignable'
		});
		expect(await cases.assign(db, { caseId: id, userId: people.managerN.id }, ctx)).toEqual({
			ok: true
		});
		expect((await cases.byId(db, id))?.assignedTo).toBe(people.managerN.id);

		expect(await cases.setDeadline(db, { caseId: id, deadline: '2026-03-20' }, ctx)).toEqual({
			ok: true
		});
		expect((await cases.byId(db, id))?.deadline).toBe('2026-03-20');
		// A line of the case history too, as the case page shows it.
		const lines = (await cases.detail(db, id))!.notes.filter((n) => n.deadlineTo);
		expect(lines).toMatchObject([
			{ deadlineFrom: '2026-03-10', deadlineTo: '2026-03-20', deadlineReason: 'hand', body: '' }
		]);

		const actions = await db
			.selectFrom('auditLog')
			.select(['action', 'detail'])
			.where('targetId', '=', id)
			.orderBy('at')
			.execute();
		expect(actions.map((a) => a.action)).toEqual(['case.note', 'case.assign', 'case.deadline']);
		expect(JSON.parse(actions[2].detail!)).toEqual({
			from: '2026-03-10',
			to: '2026-03-20',
			reason: 'hand'
		});
		// No phone number in the audit trail.
		expect(actions.some((a) => a.detail?.includes('0912345678'))).toBe(false);
	});
});

describe('erasing phone numbers', () => {
	it('erases numbers past their date, and undated ones, and keeps the cases', async () => {
		const { db, tree, versionId } = await world();
		const now = new Date('2026-03-10T00:00:00.000Z');
		const expired = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2025-03-09T00:00:00.000Z',
			status: 'resolved',
			eraseAfter: '2026-03-09T23:59:59.000Z'
		});
		const undated = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-03T02:00:00.000Z',
			eraseAfter: null
		});
		const kept = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-03T03:00:00.000Z',
			eraseAfter: '2026-03-10T00:00:01.000Z'
		});

		// Past its date a number is hidden at once, before any job has run.
		const before = (await cases.byId(db, expired))!;
		expect(before.phone).toBe('0912345678');
		expect(cases.phoneKept(before, now)).toBeNull();
		expect(cases.phoneKept((await cases.byId(db, kept))!, now)).toBe('0912345678');

		expect(await cases.eraseExpiredPhones(db, now)).toBe(2);
		const rows = await db
			.selectFrom('followUpCases')
			.select(['id', 'phone', 'status'])
			.orderBy('createdAt')
			.execute();
		expect(rows).toEqual([
			{ id: expired, phone: null, status: 'resolved' },
			{ id: undated, phone: null, status: 'new' },
			{ id: kept, phone: '0912345678', status: 'new' }
		]);
		const log = await db.selectFrom('auditLog').select(['action', 'detail', 'userId']).execute();
		expect(log).toEqual([{ action: 'case.phones_erased', detail: '{"count":2}', userId: null }]);
		expect(await cases.eraseExpiredPhones(db, now)).toBe(0);
	});

	it("is erased by the server's housekeeping, with nobody opening the list", async () => {
		const { db, tree, versionId } = await world();
		const id = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2025-03-01T00:00:00.000Z',
			eraseAfter: '2026-03-01T00:00:00.000Z'
		});
		const t0 = new Date('2026-03-10T00:00:00.000Z');
		expect(await runHousekeeping(db, t0)).toMatchObject({ recorded: 0, erased: 1 });
		expect((await cases.byId(db, id))?.phone).toBeNull();
		// Five minutes later (the next run): within the hour, the erasure is not run again.
		const t1 = new Date(t0.getTime() + HOUSEKEEPING_INTERVAL_MS);
		expect(await runHousekeeping(db, t1)).toMatchObject({ recorded: 0, erased: null });
	});

	it('runs from the list at most once an hour', async () => {
		const { db, tree, versionId } = await world();
		const t0 = new Date('2026-03-10T00:00:00.000Z');
		await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2025-03-01T00:00:00.000Z',
			eraseAfter: '2026-03-01T00:00:00.000Z'
		});
		expect(await cases.eraseExpiredPhonesIfDue(db, t0)).toBe(1);
		const soon = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2025-03-10T00:10:00.000Z',
			eraseAfter: '2026-03-10T00:10:00.000Z'
		});
		const t1 = new Date(t0.getTime() + 30 * 60_000);
		expect(await cases.eraseExpiredPhonesIfDue(db, t1)).toBeNull();
		expect((await cases.byId(db, soon))?.phone).toBe('0912345678');
		const t2 = new Date(t0.getTime() + cases.ERASE_INTERVAL_MS);
		expect(await cases.eraseExpiredPhonesIfDue(db, t2)).toBe(1);
		expect((await cases.byId(db, soon))?.phone).toBeNull();
	});

	it('masks numbers for readers and formats them for callers', () => {
		expect(cases.maskPhone('0912345678')).toBe('09xx xxx 678');
		expect(cases.maskPhone('0292 3851 234')).toBe('02xx xxx 234');
		expect(cases.maskPhone('123')).toBe('xxx');
		expect(cases.formatPhone('0912345678')).toBe('0912 345 678');
	});
});

describe('scope', () => {
	it('gives a successor’s managers the cases of the units merged into it', async () => {
		const { db, tree, n, versionId, people } = await world();
		const inC1 = await addCase(db, versionId, {
			unitId: tree.c1.id,
			createdAt: '2025-05-05T02:00:00.000Z'
		});
		const inN = await addCase(db, versionId, {
			unitId: n.id,
			createdAt: '2026-03-03T02:00:00.000Z'
		});
		const inC2 = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-04T02:00:00.000Z'
		});
		const today = '2026-03-05';
		const listed = async (user: SessionUser) => {
			const scope = await cases.scopeUnitIds(db, user);
			const found = await cases.list(db, baseFilter(scope, today), PAGE);
			return found.rows.map((r) => r.id).sort();
		};
		expect(await listed(people.managerN)).toEqual([inC1, inN].sort());
		expect(await listed(people.managerC2)).toEqual([inC2]);
		expect(await listed(people.viewerD)).toEqual([inC1, inC2].sort());
		expect(await listed(people.admin)).toEqual([inC1, inN, inC2].sort());
		expect(await listed({ ...people.managerC2, unitId: null })).toEqual([]);

		expect(await cases.inScope(db, people.managerN, tree.c1.id)).toBe(true);
		expect(await cases.inScope(db, people.managerC2, tree.c1.id)).toBe(false);
		expect(await cases.inScope(db, people.managerN, tree.c2.id)).toBe(false);
		expect((await cases.unitsAbove(db, tree.c1.id)).sort()).toEqual(
			[tree.c1.id, tree.d.id, tree.p.id, n.id, tree.p2.id].sort()
		);

		// Filtering by the new commune includes its predecessor; the scope still applies.
		const scopeN = await cases.scopeUnitIds(db, people.managerN);
		const byUnit = await cases.list(db, { ...baseFilter(scopeN, today), unitId: n.id }, PAGE);
		expect(byUnit.rows.map((r) => r.id).sort()).toEqual([inC1, inN].sort());
		const options = (await cases.scopeUnits(db, scopeN)).map((u) => u.code).sort();
		expect(options).toEqual(['C1', 'N']);
	});

	it('filters by status and receipt dates in Vietnam time, and pages', async () => {
		const { db, tree, versionId } = await world();
		// 16:59 UTC on 3 March is 23:59 on 3 March in Vietnam; 17:00 UTC is already 4 March.
		const late3 = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-03T16:59:00.000Z'
		});
		const early4 = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-03T17:00:00.000Z',
			status: 'contacted'
		});
		const f = baseFilter(null, '2026-03-05');
		expect((await cases.list(db, { ...f, to: '2026-03-03' }, PAGE)).rows.map((r) => r.id)).toEqual([
			late3
		]);
		expect(
			(await cases.list(db, { ...f, from: '2026-03-04' }, PAGE)).rows.map((r) => r.id)
		).toEqual([early4]);
		expect(
			(await cases.list(db, { ...f, status: 'contacted' }, PAGE)).rows.map((r) => r.id)
		).toEqual([early4]);
		const first = await cases.list(db, f, { limit: 1, offset: 0 });
		const second = await cases.list(db, f, { limit: 1, offset: 1 });
		expect(first.total).toBe(2);
		// Status "all" lists the newest first.
		expect([first.rows[0].id, second.rows[0].id]).toEqual([early4, late3]);
	});
});

describe('search and answers', () => {
	it('finds comments whatever the diacritics and labels the answers', async () => {
		const { db, tree, versionId } = await world();
		const wait = await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-03T02:00:00.000Z',
			comment: 'Phải chờ rất lâu ở quầy đất đai',
			reasons: ['wait', 'guidance']
		});
		await addCase(db, versionId, {
			unitId: tree.c2.id,
			createdAt: '2026-03-03T03:00:00.000Z',
			comment: 'Cán bộ hướng dẫn chưa rõ',
			reasons: ['guidance']
		});
		const f = baseFilter(null, '2026-03-05');
		const search = async (q: string) =>
			(await cases.list(db, { ...f, q }, PAGE)).rows.map((r) => r.id);
		expect(await search('cho rat lau')).toEqual([wait]);
		expect(await search('CHỜ RẤT LÂU')).toEqual([wait]);
		expect(await search('dat dai')).toEqual([wait]);
		// A reason's code is an answer too, but not a comment: it is not searched.
		expect(await search('wait')).toEqual([]);
		expect((await search('huong dan')).length).toBe(1);
		expect((await cases.list(db, { ...f, q: 'chờ', status: 'resolved' }, PAGE)).total).toBe(0);

		const row = (await cases.list(db, { ...f, q: 'rat lau' }, PAGE)).rows[0];
		expect(row.rating).toEqual({ vi: 'Không hài lòng', en: 'Dissatisfied' });
		expect(row.reasons.map((r) => r.vi)).toEqual(['Phải chờ lâu', 'Hướng dẫn chưa rõ ràng']);
		expect(row.comment).toBe('Phải chờ rất lâu ở quầy đất đai');
		expect(row.unitName).toBe('Xã Hòa An');
	});

	it('opens a case made by a kiosk answer with a phone number and consent', async () => {
		const { db, tree, versionId } = await world();
		const now = new Date('2026-03-06T02:00:00.000Z'); // Friday 09:00 in Vietnam
		const place: responses.Place = {
			channel: 'kiosk',
			unitId: tree.c2.id,
			counterId: null,
			kioskId: null,
			settings: { ...DEFAULT_KIOSK_SETTINGS }
		};
		const id = randomUUID();
		const result = await responses.record(
			db,
			place,
			{
				id,
				surveyVersionId: versionId,
				answers: {
					satisfaction: 1,
					reasons: ['late'],
					comment: 'Trễ hẹn hai lần',
					phone: '0987654321'
				},
				phoneConsent: true,
				submittedAt: now.toISOString()
			},
			now
		);
		expect(result).toMatchObject({ ok: true, status: 201 });
		const c = await db
			.selectFrom('followUpCases')
			.select('id')
			.where('responseId', '=', id)
			.executeTakeFirstOrThrow();
		const detail = await cases.detail(db, c.id);
		expect(detail).toMatchObject({
			status: 'new',
			deadline: '2026-03-13',
			phone: '0987654321',
			unitName: 'Xã Hòa An',
			channel: 'kiosk'
		});
		expect(detail?.answers.reasons).toEqual([
			{ vi: 'Trả kết quả trễ hẹn', en: 'Result returned late' }
		]);
		expect(detail?.answers.comment).toBe('Trễ hẹn hai lần');
		expect(cases.dueState(detail!, '2026-03-09', WEEKDAYS)).toEqual({
			overdue: false,
			dueToday: false,
			days: 4
		});
	});
});
