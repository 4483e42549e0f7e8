import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import * as responses from '../../src/lib/server/responses';
import * as calendar from '../../src/lib/server/work-calendar';
import { publishTemplate, smallTree, testDb } from './helpers';

// 2026-02-13 is a Friday; Tết Bính Ngọ is Tuesday 2026-02-17. 2026-02-28 is a Saturday.
const TET = ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'];

const values = (date: string, kind: string, name = 'Tết Nguyên đán') => ({ date, kind, name });

describe('the working calendar an administrator keeps', () => {
	it('refuses what is not a valid, meaningful and new exception, field by field', async () => {
		const db = await testDb();
		const refused = async (v: calendar.DayValues) => {
			const parsed = await calendar.parseDay(db, v);
			return parsed.ok ? 'accepted' : parsed.errors;
		};
		expect(await refused(values('2026-02-30', 'off'))).toEqual({ date: 'admin.calendar.err_date' });
		expect(await refused(values('17/02/2026', 'off'))).toEqual({ date: 'admin.calendar.err_date' });
		expect(await refused(values('1999-02-17', 'off'))).toEqual({ date: 'admin.calendar.err_year' });
		expect(await refused(values('2026-02-17', 'holiday'))).toEqual({
			kind: 'admin.calendar.err_kind'
		});
		expect(await refused(values('2026-02-17', 'off', '   '))).toEqual({
			name: 'admin.calendar.err_name'
		});
		// A Saturday off, or a Tuesday worked, would change nothing.
		expect(await refused(values('2026-02-28', 'off'))).toEqual({
			date: 'admin.calendar.err_off_weekend'
		});
		expect(await refused(values('2026-02-17', 'work'))).toEqual({
			date: 'admin.calendar.err_work_weekday'
		});
		const ok = await calendar.parseDay(db, values('2026-02-17', 'off', '  Tết Nguyên đán '));
		expect(ok).toEqual({
			ok: true,
			value: { date: '2026-02-17', kind: 'off', name: 'Tết Nguyên đán' }
		});
		expect(await calendar.add(db, { date: '2026-02-17', kind: 'off', name: 'Tết' }, null)).toBe(
			true
		);
		expect(await refused(values('2026-02-17', 'off'))).toEqual({
			date: 'admin.calendar.err_taken'
		});
		expect(await calendar.add(db, { date: '2026-02-17', kind: 'off', name: 'Tết' }, null)).toBe(
			false
		);
	});

	it('lists a year in date order, knows its years, and removes a day', async () => {
		const db = await testDb();
		await calendar.add(db, { date: '2026-02-28', kind: 'work', name: 'Làm bù' }, null);
		await calendar.add(db, { date: '2026-02-17', kind: 'off', name: 'Tết' }, null);
		await calendar.add(db, { date: '2027-02-08', kind: 'off', name: 'Tết' }, null);
		const year = await calendar.listYear(db, 2026);
		expect(year.map((d) => [d.date, d.kind, d.name])).toEqual([
			['2026-02-17', 'off', 'Tết'],
			['2026-02-28', 'work', 'Làm bù']
		]);
		expect(await calendar.yearsWithDays(db)).toEqual([2027, 2026]);
		expect((await calendar.remove(db, '2026-02-17'))?.name).toBe('Tết');
		expect(await calendar.remove(db, '2026-02-17')).toBeUndefined();
		expect(await calendar.remove(db, "2026-02-17' OR 1=1")).toBeUndefined();
		expect((await calendar.listYear(db, 2026)).map((d) => d.date)).toEqual(['2026-02-28']);
	});

	it('gives a case received before Tết a deadline after the break', async () => {
		const db = await testDb();
		const tree = await smallTree(db);
		const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
		const friday = new Date('2026-02-13T02:00:00.000Z'); // 09:00 in Vietnam
		const place: responses.Place = {
			channel: 'kiosk',
			unitId: tree.c2.id,
			counterId: null,
			kioskId: null,
			// Two answers from one place at the same time: no minimum interval between them.
			settings: { ...DEFAULT_KIOSK_SETTINGS, minIntervalSeconds: 0 }
		};
		const deadlineOf = async () => {
			const id = randomUUID();
			const answers = { satisfaction: 1, phone: '0987654321' };
			const body = { id, surveyVersionId: versionId, answers, phoneConsent: true };
			const result = await responses.record(
				db,
				place,
				{ ...body, submittedAt: friday.toISOString() },
				friday
			);
			expect(result).toMatchObject({ ok: true, status: 201 });
			const c = await db
				.selectFrom('followUpCases')
				.select('deadline')
				.where('responseId', '=', id)
				.executeTakeFirstOrThrow();
			return c.deadline;
		};
		// Nothing entered: Monday to Friday, so Friday the 20th.
		expect(await deadlineOf()).toBe('2026-02-20');
		for (const date of TET) await calendar.add(db, { date, kind: 'off', name: 'Tết' }, null);
		// Mon 23 … Fri 27: the five days of the break do not count, from the next answer on.
		expect(await deadlineOf()).toBe('2026-02-27');
		expect((await calendar.readCalendar(db)).add('2026-02-13', 5)).toBe('2026-02-27');
	});
});
