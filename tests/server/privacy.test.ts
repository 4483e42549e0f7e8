import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import { ERASED_MARK } from '../../src/lib/domain/phone-text';
import * as cases from '../../src/lib/server/cases';
import * as kiosks from '../../src/lib/server/kiosks';
import * as privacy from '../../src/lib/server/privacy';
import * as responses from '../../src/lib/server/responses';
import * as users from '../../src/lib/server/users';
import { publishTemplate, smallTree, testDb } from './helpers';

const NOW = new Date('2026-03-03T02:00:00.000Z');
let ctx: cases.AuditContext;

async function setup() {
	const db = await testDb();
	const tree = await smallTree(db);
	const admin = await users.create(db, {
		username: 'privacy.admin',
		role: 'admin',
		password: 'Mot-mat-khau-dai-12'
	});
	ctx = { actor: { id: admin.id, username: admin.username }, ip: '127.0.0.1', requestId: 'r1' };
	const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
	const { kiosk } = await kiosks.create(db, { unitId: tree.c1.id, name: 'K' }, NOW);
	const place: responses.Place = {
		channel: 'kiosk',
		unitId: tree.c1.id,
		counterId: null,
		kioskId: kiosk.id,
		settings: { ...DEFAULT_KIOSK_SETTINGS, minIntervalSeconds: 0 }
	};
	const low = async (phone: string, comment: string, seconds: number) => {
		const id = randomUUID();
		const r = await responses.record(
			db,
			place,
			{
				id,
				surveyVersionId: versionId,
				answers: { satisfaction: 1, comment, phone },
				phoneConsent: true,
				submittedAt: new Date(NOW.getTime() + seconds * 1000).toISOString()
			},
			NOW
		);
		expect(r.ok).toBe(true);
		return db
			.selectFrom('followUpCases')
			.select('id')
			.where('responseId', '=', id)
			.executeTakeFirstOrThrow();
	};
	return { db, low };
}

describe("a resident's phone number on request", () => {
	it('finds it in cases, notes and comments, and erases it everywhere with counts only in the audit', async () => {
		const { db, low } = await setup();
		const a = await low('0912 345 678', 'Gọi tôi ở số 0912.345.678 nhé', 0);
		await low('+84912345678', 'Chờ lâu', 10);
		const other = await low('0987 654 321', 'Số 0912345679 không phải của tôi', 20);
		await cases.addNote(db, { caseId: a.id, body: 'Đã gọi 0912 345 678, hẹn gọi lại.' }, ctx, NOW);
		await cases.addNote(db, { caseId: other.id, body: 'Gọi 0987654321 được.' }, ctx, NOW);

		const held = await privacy.find(db, '0912345678', ctx);
		expect(held.cases).toHaveLength(2);
		expect(held.notes).toBe(1);
		expect(held.comments).toBe(1);

		expect(await privacy.erase(db, '0912345678', ctx)).toEqual({ cases: 2, notes: 1, comments: 1 });
		// Sorted here: SQLite puts NULL first, PostgreSQL last.
		const phones = await db.selectFrom('followUpCases').select('phone').execute();
		expect(phones.map((p) => p.phone ?? '').sort()).toEqual(['', '', '0987654321']);
		const notes = await db.selectFrom('followUpNotes').select('body').orderBy('body').execute();
		expect(notes.map((n) => n.body)).toEqual([
			'Gọi 0987654321 được.',
			`Đã gọi ${ERASED_MARK}, hẹn gọi lại.`
		]);
		const comments = await db
			.selectFrom('responseAnswers')
			.select(['valueText', 'searchText'])
			.where('questionKey', '=', 'comment')
			.orderBy('valueText')
			.execute();
		expect(comments.map((c) => c.valueText)).toEqual([
			'Chờ lâu',
			`Gọi tôi ở số ${ERASED_MARK} nhé`,
			'Số 0912345679 không phải của tôi'
		]);
		expect(comments.some((c) => c.searchText?.includes('0912345678'))).toBe(false);

		// The audit says what was done, never the number, in any form.
		const rows = await db
			.selectFrom('auditLog')
			.select(['action', 'detail'])
			.where('action', 'like', 'privacy.%')
			.orderBy('at')
			.execute();
		expect(rows.map((r) => r.action)).toEqual(['privacy.phone_search', 'privacy.phone_erased']);
		expect(JSON.parse(rows[1].detail!)).toEqual({ cases: 2, notes: 1, comments: 1 });
		for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/345|5678/);

		expect(await privacy.find(db, '0912345678', ctx)).toEqual({ cases: [], notes: 0, comments: 0 });
	});

	it('shows the retention runs: the last one and those that erased numbers', async () => {
		const { db, low } = await setup();
		await low('0912345678', 'x', 0);
		expect(await privacy.retention(db)).toEqual({ lastRun: null, runs: [] });
		// Consent covers 12 months: a year and a day later the number is past its retention.
		const later = new Date(NOW.getTime() + 367 * 86_400_000);
		expect(await cases.eraseExpiredPhonesIfDue(db, later)).toBe(1);
		const seen = await privacy.retention(db);
		expect(seen.lastRun).toBe(later.toISOString());
		expect(seen.runs).toEqual([{ at: later.toISOString(), erased: 1 }]);
	});
});
