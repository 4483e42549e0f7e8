import { describe, expect, it } from 'vitest';
import { reportPeriod } from '../../src/lib/domain/report-periods';
import { WorkCalendar } from '../../src/lib/domain/work-calendar';
import * as queue from '../../src/lib/server/jobs/queue';
import { dueAt, enqueueDue, reportJobKey } from '../../src/lib/server/jobs/schedules';
import * as users from '../../src/lib/server/users';
import { smallTree, testDb } from './helpers';

const T0 = new Date('2026-03-16T00:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('jobs queue', () => {
	it('makes one job per key, however often it is enqueued', async () => {
		const db = await testDb();
		expect(await queue.enqueue(db, { key: 'k1', kind: 'x', payload: { a: 1 } }, T0)).toBe(true);
		expect(await queue.enqueue(db, { key: 'k1', kind: 'x', payload: { a: 2 } }, T0)).toBe(false);
		const rows = await db.selectFrom('jobs').selectAll().execute();
		expect(rows.map((r) => [r.key, r.payload, r.status])).toEqual([['k1', '{"a":1}', 'queued']]);
	});

	it('gives a job to one worker; a finished job is never claimed again', async () => {
		const db = await testDb();
		await queue.enqueue(db, { key: 'k1', kind: 'x', payload: {} }, T0);
		const a = await queue.claim(db, 'A', {}, T0);
		expect(a?.key).toBe('k1');
		expect(a?.attempts).toBe(1);
		expect(await queue.claim(db, 'B', {}, T0)).toBeNull();
		expect(await queue.finish(db, a!, 'A', { ok: 1 }, later(1000))).toBe(true);
		// Long after any lease would have run out: still nobody may run it.
		expect(await queue.claim(db, 'B', {}, later(24 * 3_600_000))).toBeNull();
		const row = await queue.byKey(db, 'k1');
		expect([row?.status, row?.result, row?.attempts]).toEqual(['done', '{"ok":1}', 1]);
	});

	it('waits for run_after', async () => {
		const db = await testDb();
		await queue.enqueue(
			db,
			{ key: 'k', kind: 'x', payload: {}, runAfter: later(60_000).toISOString() },
			T0
		);
		expect(await queue.claim(db, 'A', {}, later(59_999))).toBeNull();
		expect((await queue.claim(db, 'A', {}, later(60_000)))?.key).toBe('k');
	});

	it('resumes a job whose worker died, once its lease has run out; the dead worker cannot finish it', async () => {
		const db = await testDb();
		await queue.enqueue(db, { key: 'k', kind: 'x', payload: {} }, T0);
		const dead = await queue.claim(db, 'A', { leaseMs: 60_000 }, T0);
		expect(await queue.claim(db, 'B', {}, later(59_000))).toBeNull();
		const resumed = await queue.claim(db, 'B', {}, later(61_000));
		expect([resumed?.claimedBy, resumed?.attempts]).toEqual(['B', 2]);
		expect(await queue.finish(db, dead!, 'A', null, later(62_000))).toBe(false);
		expect(await queue.finish(db, resumed!, 'B', null, later(62_000))).toBe(true);
		expect((await queue.byKey(db, 'k'))?.status).toBe('done');
	});

	it('retries a failed attempt later, and gives up after MAX_ATTEMPTS', async () => {
		const db = await testDb();
		await queue.enqueue(db, { key: 'k', kind: 'x', payload: {} }, T0);
		let now = T0;
		for (let i = 1; i <= queue.MAX_ATTEMPTS; i++) {
			const job = await queue.claim(db, 'A', {}, now);
			expect(job?.attempts).toBe(i);
			await queue.retry(db, job!, 'A', 'server down', now);
			expect(await queue.claim(db, 'A', {}, now)).toBeNull();
			now = new Date(now.getTime() + queue.RETRY_MS * i);
		}
		const row = await queue.byKey(db, 'k');
		expect([row?.status, row?.error]).toEqual(['failed', 'server down']);
		expect(await queue.claim(db, 'A', {}, later(365 * 86_400_000))).toBeNull();
	});
});

describe('report schedules: when a report is due', () => {
	it('is 07:00 Vietnam time on the first working day after the period closes', () => {
		const weekdays = new WorkCalendar();
		// Q1 2026 by the calendar ends on Tuesday 31/3: due Wednesday 1/4 at 07:00 (00:00 UTC).
		const q1 = reportPeriod({ basis: 'calendar', kind: 'quarter', year: 2026, index: 1 });
		expect(dueAt(q1, weekdays).toISOString()).toBe('2026-04-01T00:00:00.000Z');
		// The Decree 09 Q1 ends on Saturday 14/3: due Monday 16/3.
		const cut = reportPeriod({ basis: 'cutoff', kind: 'quarter', year: 2026, index: 1 });
		expect(dueAt(cut, weekdays).toISOString()).toBe('2026-03-16T00:00:00.000Z');
		// January ends on Saturday 31/1; with Monday 2/2 a day off, due Tuesday 3/2.
		const jan = reportPeriod({ basis: 'calendar', kind: 'month', year: 2026, index: 1 });
		expect(dueAt(jan, weekdays).toISOString()).toBe('2026-02-02T00:00:00.000Z');
		expect(dueAt(jan, weekdays.with('2026-02-02', 'off')).toISOString()).toBe(
			'2026-02-03T00:00:00.000Z'
		);
		// 2026 ends on a Thursday; with Friday 1/1 off, due Monday 4/1, or Saturday 2/1 if worked.
		const year = reportPeriod({ basis: 'calendar', kind: 'year', year: 2026 });
		const newYear = weekdays.with('2027-01-01', 'off');
		expect(dueAt(year, newYear).toISOString()).toBe('2027-01-04T00:00:00.000Z');
		expect(dueAt(year, newYear.with('2027-01-02', 'work')).toISOString()).toBe(
			'2027-01-02T00:00:00.000Z'
		);
	});

	it('enqueues each due period once, not before 07:00, and never periods due before the subscription', async () => {
		const db = await testDb();
		const { d } = await smallTree(db);
		const admin = await users.create(db, {
			username: 'admin1',
			role: 'admin',
			password: 'x-long-password-1'
		});
		await db
			.insertInto('reportSubscriptions')
			.values({
				id: 's1',
				userId: admin.id,
				email: null,
				template: 'results',
				unitId: d.id,
				basis: 'cutoff',
				kind: 'quarter',
				createdBy: admin.id,
				createdAt: '2026-03-01T00:00:00.000Z'
			})
			.execute();
		expect(await enqueueDue(db, new Date('2026-03-15T23:59:59.000Z'))).toBe(0);
		expect(await enqueueDue(db, T0)).toBe(1);
		expect(await enqueueDue(db, later(60_000))).toBe(0);
		const jobs = await db.selectFrom('jobs').select(['key', 'runAfter']).execute();
		const q1 = reportPeriod({ basis: 'cutoff', kind: 'quarter', year: 2026, index: 1 });
		expect(jobs).toEqual([
			{
				key: reportJobKey(
					{ template: 'results', unitId: d.id, basis: 'cutoff', kind: 'quarter' },
					q1
				),
				runAfter: '2026-03-16T00:00:00.000Z'
			}
		]);
		// A month subscription made on 16/3 does not back-fill February (due 16/3 at 07:00, before it).
		await db
			.insertInto('reportSubscriptions')
			.values({
				id: 's2',
				userId: admin.id,
				email: null,
				template: 'results',
				unitId: d.id,
				basis: 'cutoff',
				kind: 'month',
				createdBy: admin.id,
				createdAt: '2026-03-16T03:00:00.000Z'
			})
			.execute();
		expect(await enqueueDue(db, new Date('2026-03-16T04:00:00.000Z'))).toBe(0);
	});
});
