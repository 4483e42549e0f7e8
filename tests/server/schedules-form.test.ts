import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index';
import * as alerts from '../../src/lib/server/jobs/alerts';
import * as schedules from '../../src/lib/server/jobs/schedules';
import * as users from '../../src/lib/server/users';
import { smallTree, testDb } from './helpers';

async function person(
	db: Db,
	username: string,
	role: 'admin' | 'manager' | 'viewer',
	unitId?: string
) {
	const u = await users.create(db, { username, role, unitId, password: 'x-long-password-1' });
	const session: SessionUser = {
		id: u.id,
		username: u.username,
		displayName: u.displayName,
		role,
		unitId: u.unitId
	};
	return session;
}

describe('report subscriptions', () => {
	it('checks the subscriber, unit, address and period, each beside its field', async () => {
		const db = await testDb();
		const { p, d, c1, p2 } = await smallTree(db);
		const manager = await person(db, 'quanly', 'manager', d.id);
		const viewer = await person(db, 'canbo', 'viewer', c1.id);
		const outsider = await person(db, 'ngoai', 'viewer', p2.id);
		const good = {
			user: viewer.id,
			email: 'can.bo@tanbinh.gov.vn',
			template: 'results',
			unit: c1.id,
			basis: 'cutoff',
			kind: 'quarter'
		};
		const errorsOf = async (change: Partial<typeof good>) => {
			const r = await schedules.parseSubscription(db, manager, { ...good, ...change });
			return r.ok ? null : r.errors;
		};
		expect(await errorsOf({})).toBeNull();
		expect(await errorsOf({ unit: p.id })).toEqual({ unit: 'admin.schedules.err.unit' });
		expect(await errorsOf({ user: outsider.id })).toEqual({ user: 'admin.schedules.err.user' });
		// A viewer of the commune may not read the district's figures.
		expect(await errorsOf({ unit: d.id })).toEqual({ user: 'admin.schedules.err.user_unit' });
		expect(await errorsOf({ email: 'can.bo@' })).toEqual({ email: 'admin.schedules.err.email' });
		expect(await errorsOf({ kind: 'week' })).toEqual({ kind: 'admin.schedules.err.kind' });
		expect(await errorsOf({ template: 'x', basis: 'y' })).toEqual({
			template: 'admin.schedules.err.template',
			basis: 'admin.schedules.err.basis'
		});

		const parsed = await schedules.parseSubscription(db, manager, good);
		if (!parsed.ok) throw new Error('expected a valid subscription');
		const id = await schedules.subscribe(db, parsed.value, manager);
		expect(id).toBeTruthy();
		expect(await errorsOf({})).toEqual({ user: 'admin.schedules.err.duplicate' });
		expect(await schedules.subscribe(db, parsed.value, manager)).toBeNull();

		const audit = await db
			.selectFrom('auditLog')
			.select(['action', 'targetId', 'detail'])
			.execute();
		expect(audit.map((a) => [a.action, a.targetId])).toEqual([['report_schedule.subscribe', id]]);
		// The address is not copied into the audit log.
		expect(audit[0].detail).not.toContain('can.bo@');
	});

	it('lists and removes within the caller’s subtree only, a page at a time', async () => {
		const db = await testDb();
		const { d, c1, c2, p2 } = await smallTree(db);
		const admin = await person(db, 'quantri', 'admin');
		const manager = await person(db, 'quanly', 'manager', d.id);
		const other = await person(db, 'quanly2', 'manager', p2.id);
		const ids: string[] = [];
		for (const [unit, kind] of [
			[c1.id, 'month'],
			[c2.id, 'quarter'],
			[p2.id, 'year']
		] as const) {
			const id = await schedules.subscribe(
				db,
				{
					userId: admin.id,
					email: null,
					template: 'results',
					unitId: unit,
					basis: 'calendar',
					kind
				},
				admin
			);
			ids.push(id!);
		}
		expect((await schedules.list(db, null, { limit: 2, offset: 0 })).total).toBe(3);
		const mine = await schedules.list(db, d.id, { limit: 1, offset: 1 });
		expect(mine.total).toBe(2);
		expect(mine.rows).toHaveLength(1);
		expect(await schedules.unsubscribe(db, ids[0], other)).toBe(false);
		expect(await schedules.unsubscribe(db, ids[0], manager)).toBe(true);
		expect(await schedules.unsubscribe(db, ids[0], manager)).toBe(false);
		expect(
			(await schedules.list(db, d.id, { limit: 10, offset: 0 })).rows.map((r) => r.kind)
		).toEqual(['quarter']);
	});

	it('sets a unit’s alert threshold within the subtree, checks it, and takes it back to the default', async () => {
		const db = await testDb();
		const { d, c1, p2 } = await smallTree(db);
		const manager = await person(db, 'quanly', 'manager', d.id);
		const other = await person(db, 'quanly2', 'manager', p2.id);
		const raw = {
			unit: c1.id,
			minAnswers: '6',
			unhappyPercent: '40',
			windowMinutes: '30',
			emails: 'A@tanbinh.gov.vn\nb@tanbinh.gov.vn'
		};
		const errorsOf = async (change: Partial<typeof raw>, actor = manager) => {
			const r = await alerts.parseThreshold(db, actor, { ...raw, ...change });
			return r.ok ? null : r.errors;
		};
		expect(await errorsOf({ unhappyPercent: '101' })).toEqual({
			unhappyPercent: 'admin.alerts.err.percent'
		});
		expect(await errorsOf({ minAnswers: '2.5', windowMinutes: '121' })).toEqual({
			minAnswers: 'admin.alerts.err.min_answers',
			windowMinutes: 'admin.alerts.err.window'
		});
		expect(await errorsOf({ emails: 'a@tanbinh.gov.vn, khong-phai-email' })).toEqual({
			emails: 'admin.alerts.err.emails'
		});
		expect(await errorsOf({}, other)).toEqual({ unit: 'admin.alerts.err.unit' });
		const parsed = await alerts.parseThreshold(db, manager, raw);
		if (!parsed.ok) throw new Error('expected a valid threshold');
		expect(parsed.value.emails).toEqual(['a@tanbinh.gov.vn', 'b@tanbinh.gov.vn']);
		await alerts.setThreshold(db, parsed.value, manager);
		expect(await alerts.thresholdOf(db, c1.id)).toEqual({
			minAnswers: 6,
			unhappyPercent: 40,
			windowMinutes: 30,
			emails: ['a@tanbinh.gov.vn', 'b@tanbinh.gov.vn'],
			custom: true
		});
		expect(await alerts.resetThreshold(db, c1.id, other)).toBe(false);
		expect(await alerts.resetThreshold(db, c1.id, manager)).toBe(true);
		expect(await alerts.resetThreshold(db, c1.id, manager)).toBe(false);
		expect((await alerts.thresholdOf(db, c1.id)).custom).toBe(false);
	});
});
