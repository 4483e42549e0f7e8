import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/lib/server/auth/password';
import {
	createSession,
	generateSessionToken,
	SESSION_IDLE_MS,
	sessionIdOf,
	validateSessionToken
} from '../../src/lib/server/auth/sessions';
import { signIn } from '../../src/lib/server/auth/sign-in';
import type { Db } from '../../src/lib/server/db/index';
import { parseAccess, parseNewUser } from '../../src/lib/server/user-admin';
import * as users from '../../src/lib/server/users';
import { smallTree, testDb } from './helpers';

const PASSWORD = 'Correct-Horse-42';

async function world() {
	const db = await testDb();
	const tree = await smallTree(db);
	const admin = await users.create(db, { username: 'admin', role: 'admin', password: PASSWORD });
	const lan = await users.create(db, {
		username: 'lan.nguyen',
		displayName: 'Nguyễn Thị Lan',
		role: 'manager',
		unitId: tree.c1.id,
		password: PASSWORD
	});
	const binh = await users.create(db, {
		username: 'binh.tran',
		displayName: 'Trần Văn Bình',
		role: 'viewer',
		unitId: tree.c2.id,
		password: PASSWORD
	});
	return { db, ...tree, admin, lan, binh };
}

async function session(db: Db, userId: string, now = new Date()) {
	const token = generateSessionToken();
	await createSession(db, token, userId, { ip: '10.0.0.7', userAgent: 'Chromium test' }, now);
	return token;
}

describe('user administration', () => {
	it('lists users paged, matched without diacritics on name, username and unit', async () => {
		const { db, lan, binh } = await world();
		const all = await users.list(db, { limit: 10, offset: 0 });
		expect(all.total).toBe(3);
		expect(all.rows.map((u) => u.username)).toEqual(['admin', 'binh.tran', 'lan.nguyen']);
		expect(all.rows[2]).toMatchObject({
			unitName: 'Xã Tân Bình',
			unitCode: 'C1',
			lastActiveAt: null
		});
		expect(all.rows[2]).not.toHaveProperty('passwordHash');

		expect(
			(await users.list(db, { query: 'nguyen thi', limit: 10, offset: 0 })).rows.map((u) => u.id)
		).toEqual([lan.id]);
		expect(
			(await users.list(db, { query: 'HOA AN', limit: 10, offset: 0 })).rows.map((u) => u.id)
		).toEqual([binh.id]);
		const page = await users.list(db, { limit: 2, offset: 2 });
		expect(page).toMatchObject({ total: 3 });
		expect(page.rows.map((u) => u.username)).toEqual(['lan.nguyen']);

		await session(db, lan.id, new Date('2026-11-28T03:00:00Z'));
		await session(db, lan.id, new Date('2026-11-28T05:00:00Z'));
		expect((await users.detail(db, lan.id))?.lastActiveAt).toBe('2026-11-28T05:00:00.000Z');
	});

	it('changes role and unit; a manager or viewer keeps a unit', async () => {
		const { db, lan, c2 } = await world();
		await users.update(db, lan.id, { displayName: 'Nguyễn Lan', role: 'viewer', unitId: c2.id });
		expect(await users.byId(db, lan.id)).toMatchObject({
			displayName: 'Nguyễn Lan',
			role: 'viewer',
			unitId: c2.id
		});
		await expect(
			users.update(db, lan.id, { displayName: 'x', role: 'manager', unitId: null })
		).rejects.toThrow(/must be given a unit/);
		await users.update(db, lan.id, { displayName: 'Nguyễn Lan', role: 'admin', unitId: null });
		expect(await users.byId(db, lan.id)).toMatchObject({ role: 'admin', unitId: null });
	});

	it('disabling ends every session at once; enabling lets the password in again', async () => {
		const { db, lan } = await world();
		const token = await session(db, lan.id);
		await users.disable(db, lan.id);
		expect((await users.byId(db, lan.id))?.disabledAt).not.toBeNull();
		expect(
			await db.selectFrom('sessions').selectAll().where('userId', '=', lan.id).execute()
		).toEqual([]);
		expect(await validateSessionToken(db, token)).toBeNull();
		expect(
			(await signIn(db, { username: 'lan.nguyen', password: PASSWORD, ip: '1.1.1.1' })).ok
		).toBe(false);

		await users.enable(db, lan.id);
		expect((await users.byId(db, lan.id))?.disabledAt).toBeNull();
		expect(
			(await signIn(db, { username: 'lan.nguyen', password: PASSWORD, ip: '1.1.1.2' })).ok
		).toBe(true);
	});

	it('resets a password to a generated one and signs the user out everywhere', async () => {
		const { db, lan } = await world();
		await session(db, lan.id);
		await session(db, lan.id);
		const before = await users.byId(db, lan.id);
		const password = await users.resetPassword(db, lan.id, new Date('2026-11-28T08:00:00Z'));
		expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
		const after = (await users.byId(db, lan.id))!;
		expect(after.passwordChangedAt).toBe('2026-11-28T08:00:00.000Z');
		expect(after.passwordHash).not.toBe(before!.passwordHash);
		expect(await verifyPassword(after.passwordHash, password)).toBe(true);
		expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(false);
		expect(await users.activeSessions(db, lan.id)).toEqual([]);
	});

	it('lists open sessions only, and ends one that belongs to the user', async () => {
		const { db, lan, binh } = await world();
		const now = new Date();
		const open = await session(db, lan.id, new Date(now.getTime() - 60_000));
		await session(db, lan.id, new Date(now.getTime() - SESSION_IDLE_MS - 60_000));
		const other = await session(db, binh.id);
		const listed = await users.activeSessions(db, lan.id, now);
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({
			id: sessionIdOf(open),
			ip: '10.0.0.7',
			userAgent: 'Chromium test'
		});

		expect(await users.revokeSession(db, lan.id, sessionIdOf(other))).toBe(false);
		expect(await validateSessionToken(db, other)).not.toBeNull();
		expect(await users.revokeSession(db, lan.id, sessionIdOf(open))).toBe(true);
		expect(await users.activeSessions(db, lan.id, now)).toEqual([]);
	});

	it('changes one’s own password: checks, then ends the other sessions only', async () => {
		const { db, lan } = await world();
		const mine = await session(db, lan.id);
		const phone = await session(db, lan.id);
		const keep = sessionIdOf(mine);
		const change = (current: string, next: string) =>
			users.changePassword(db, lan.id, { current, next, keepSessionId: keep });

		expect(await change('wrong-password-1', 'Brand-New-Pass-7')).toEqual({
			ok: false,
			field: 'current',
			problem: 'wrong'
		});
		expect(await change(PASSWORD, 'short')).toEqual({
			ok: false,
			field: 'next',
			problem: 'too_short'
		});
		expect(await change(PASSWORD, 'my-lan.nguyen-pass')).toMatchObject({
			problem: 'contains_username'
		});
		expect(await change(PASSWORD, PASSWORD)).toEqual({ ok: false, field: 'next', problem: 'same' });
		// Nothing changed while refused.
		expect(await verifyPassword((await users.byId(db, lan.id))!.passwordHash, PASSWORD)).toBe(true);
		expect(await validateSessionToken(db, phone)).not.toBeNull();

		expect(await change(PASSWORD, 'Brand-New-Pass-7')).toEqual({ ok: true, revokedSessions: 1 });
		expect(
			await verifyPassword((await users.byId(db, lan.id))!.passwordHash, 'Brand-New-Pass-7')
		).toBe(true);
		expect(await validateSessionToken(db, mine)).not.toBeNull();
		expect(await validateSessionToken(db, phone)).toBeNull();
	});
});

describe('user forms', () => {
	it('requires an in-force unit for managers and viewers, drops it for admins', async () => {
		const { db, c1, c2 } = await world();
		expect(await parseAccess(db, { displayName: ' Lan ', role: 'manager', unitId: c1.id })).toEqual(
			{
				ok: true,
				value: { displayName: 'Lan', role: 'manager', unitId: c1.id }
			}
		);
		expect(await parseAccess(db, { displayName: '', role: 'viewer', unitId: '' })).toEqual({
			ok: false,
			errors: { unitId: 'admin.users.error.unit_required' }
		});
		expect(await parseAccess(db, { displayName: '', role: 'admin', unitId: c1.id })).toMatchObject({
			ok: true,
			value: { unitId: null }
		});
		expect(await parseAccess(db, { displayName: '', role: 'owner', unitId: c1.id })).toEqual({
			ok: false,
			errors: { role: 'admin.users.error.role_required' }
		});
		await db.updateTable('units').set({ validTo: '2020-12-31' }).where('id', '=', c2.id).execute();
		expect(await parseAccess(db, { displayName: '', role: 'viewer', unitId: c2.id })).toEqual({
			ok: false,
			errors: { unitId: 'admin.users.error.unit_invalid' }
		});
		// …unless the user is already there: saving a name change must not fail on it.
		expect(
			(await parseAccess(db, { displayName: '', role: 'viewer', unitId: c2.id }, c2.id)).ok
		).toBe(true);
	});

	it('checks a new user: username, typed password strength, or a generated one', async () => {
		const { db, c1 } = await world();
		const base = { displayName: 'Lê Hoa', role: 'manager', unitId: c1.id, password: '' };
		expect(
			await parseNewUser(db, { ...base, username: ' Hoa.Le ', passwordMode: 'generate' })
		).toEqual({
			ok: true,
			value: {
				username: 'hoa.le',
				displayName: 'Lê Hoa',
				role: 'manager',
				unitId: c1.id,
				password: null
			}
		});
		expect(
			await parseNewUser(db, {
				...base,
				username: 'h',
				passwordMode: 'typed',
				password: 'abcabcabcabc'
			})
		).toEqual({
			ok: false,
			errors: {
				username: 'admin.users.error.username_invalid',
				password: 'admin.password.too_simple'
			}
		});
		expect(
			await parseNewUser(db, { ...base, unitId: '', username: 'hoa.le', passwordMode: 'typed' })
		).toEqual({
			ok: false,
			errors: {
				unitId: 'admin.users.error.unit_required',
				password: 'admin.users.error.password_required'
			}
		});
		expect(
			await parseNewUser(db, {
				...base,
				username: 'hoa.le',
				passwordMode: 'typed',
				password: 'Hoa-Le-Strong-9'
			})
		).toMatchObject({ ok: true, value: { password: 'Hoa-Le-Strong-9' } });
	});
});
