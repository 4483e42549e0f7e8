import { describe, expect, it } from 'vitest';
import {
	generatePassword,
	hashPassword,
	passwordProblem,
	verifyPassword
} from '../../src/lib/server/auth/password';
import {
	createSession,
	deleteExpiredSessions,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS,
	sessionIdOf,
	validateSessionToken
} from '../../src/lib/server/auth/sessions';
import { signIn } from '../../src/lib/server/auth/sign-in';
import * as throttle from '../../src/lib/server/auth/throttle';
import * as users from '../../src/lib/server/users';
import { testDb } from './helpers';

const PASSWORD = 'Correct-Horse-42';

async function withUser() {
	const db = await testDb();
	const user = await users.create(db, { username: 'lan', role: 'admin', password: PASSWORD });
	return { db, user };
}

describe('passwords', () => {
	it('hashes with argon2id and verifies', async () => {
		const h = await hashPassword(PASSWORD);
		expect(h.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(h, PASSWORD)).toBe(true);
		expect(await verifyPassword(h, 'correct-horse-42')).toBe(false);
		expect(await verifyPassword('not a hash', PASSWORD)).toBe(false);
	});

	it('judges strength and generates strong ones', () => {
		expect(passwordProblem('short1A', 'lan')).toBe('too_short');
		expect(passwordProblem('lan-is-my-name-1', 'lan')).toBe('contains_username');
		expect(passwordProblem('aaaaaaaaaaaa', 'x')).toBe('too_simple');
		expect(passwordProblem(PASSWORD, 'lan')).toBeNull();
		const generated = generatePassword();
		expect(generated).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
		expect(passwordProblem(generated, 'lan')).toBeNull();
		expect(generatePassword()).not.toBe(generated);
	});
});

describe('sessions (Lucia guide)', () => {
	it('creates, validates, and stores only the hash of the token', async () => {
		const { db, user } = await withUser();
		const token = generateSessionToken();
		await createSession(db, token, user.id);
		const stored = await db.selectFrom('sessions').selectAll().execute();
		expect(stored).toHaveLength(1);
		expect(stored[0].id).toBe(sessionIdOf(token));
		expect(stored[0].id).not.toContain(token);
		const valid = await validateSessionToken(db, token);
		expect(valid?.user.username).toBe('lan');
		expect(await validateSessionToken(db, generateSessionToken())).toBeNull();
		expect(await validateSessionToken(db, 'not a token!')).toBeNull();
	});

	it('expires after the absolute lifetime and after inactivity', async () => {
		const { db, user } = await withUser();
		const t0 = new Date('2026-03-02T01:00:00Z');
		const a = generateSessionToken();
		await createSession(db, a, user.id, {}, t0);
		// active every 11 hours: still valid after 29 days, gone at 30
		let t = t0.getTime();
		while (t + 11 * 3600_000 < t0.getTime() + SESSION_ABSOLUTE_MS) {
			t += 11 * 3600_000;
			expect(await validateSessionToken(db, a, new Date(t))).not.toBeNull();
		}
		expect(
			await validateSessionToken(db, a, new Date(t0.getTime() + SESSION_ABSOLUTE_MS))
		).toBeNull();
		expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);

		const b = generateSessionToken();
		await createSession(db, b, user.id, {}, t0);
		expect(
			await validateSessionToken(db, b, new Date(t0.getTime() + SESSION_IDLE_MS - 1000))
		).not.toBeNull();
		const idleFrom = Date.parse(
			(await db.selectFrom('sessions').select('lastActiveAt').executeTakeFirstOrThrow())
				.lastActiveAt
		);
		expect(await validateSessionToken(db, b, new Date(idleFrom + SESSION_IDLE_MS))).toBeNull();
	});

	it('revokes one session, all sessions of a user, and sessions of a disabled user', async () => {
		const { db, user } = await withUser();
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		for (const token of [a, b, c]) await createSession(db, token, user.id);
		await invalidateSession(db, sessionIdOf(a));
		expect(await validateSessionToken(db, a)).toBeNull();
		expect(await validateSessionToken(db, b)).not.toBeNull();
		await invalidateUserSessions(db, user.id);
		expect(await validateSessionToken(db, b)).toBeNull();
		expect(await validateSessionToken(db, c)).toBeNull();

		const d = generateSessionToken();
		await createSession(db, d, user.id);
		await db.updateTable('users').set({ disabledAt: new Date().toISOString() }).execute();
		expect(await validateSessionToken(db, d)).toBeNull();
	});

	it('sweeps expired sessions', async () => {
		const { db, user } = await withUser();
		await createSession(db, generateSessionToken(), user.id, {}, new Date('2020-01-01T00:00:00Z'));
		await createSession(db, generateSessionToken(), user.id);
		expect(await deleteExpiredSessions(db)).toBe(1);
	});
});

describe('sign-in and throttling', () => {
	const ip = '203.0.113.7';

	it('opens a session for the right password and audits both outcomes', async () => {
		const { db } = await withUser();
		const bad = await signIn(db, { username: 'lan', password: 'nope', ip });
		expect(bad).toEqual({ ok: false, reason: 'invalid' });
		const good = await signIn(db, { username: ' LAN ', password: PASSWORD, ip });
		expect(good.ok).toBe(true);
		if (good.ok) expect((await validateSessionToken(db, good.token))?.user.username).toBe('lan');
		const log = await db
			.selectFrom('auditLog')
			.select(['action', 'username'])
			.orderBy('at')
			.execute();
		expect(log.map((l) => l.action)).toEqual(['auth.sign_in_failed', 'auth.sign_in']);
		expect(JSON.stringify(log)).not.toContain(PASSWORD);
	});

	it('answers an unknown user exactly like a wrong password', async () => {
		const { db } = await withUser();
		expect(await signIn(db, { username: 'ghost', password: PASSWORD, ip })).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('locks an account after 5 failures, even for the right password, for 15 minutes', async () => {
		const { db } = await withUser();
		for (let i = 0; i < throttle.ACCOUNT_LIMIT; i++) {
			expect((await signIn(db, { username: 'lan', password: 'wrong', ip })).ok).toBe(false);
		}
		const locked = await signIn(db, { username: 'lan', password: PASSWORD, ip: '198.51.100.1' });
		expect(locked.ok).toBe(false);
		if (!locked.ok) expect(locked.reason).toBe('throttled');
		if (!locked.ok && locked.reason === 'throttled') {
			expect(locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
			expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
		}
		const later = new Date(Date.now() + throttle.LOCK_MS + 1000);
		expect(await throttle.lockedFor(db, throttle.accountKey('lan'), later)).toBe(0);
	});

	it('locks an address after 20 failures across accounts', async () => {
		const { db } = await withUser();
		for (let i = 0; i < throttle.ADDRESS_LIMIT; i++) {
			await signIn(db, { username: `user${i}`, password: 'wrong', ip });
		}
		const r = await signIn(db, { username: 'lan', password: PASSWORD, ip });
		expect(r.ok ? 'ok' : r.reason).toBe('throttled');
		const elsewhere = await signIn(db, { username: 'lan', password: PASSWORD, ip: '198.51.100.2' });
		expect(elsewhere.ok).toBe(true);
	});

	it('forgets failures older than the window', async () => {
		const { db } = await withUser();
		const key = throttle.accountKey('lan');
		const t0 = new Date('2026-01-05T02:00:00Z');
		for (let i = 0; i < 4; i++) await throttle.recordFailure(db, key, 5, t0);
		const after = new Date(t0.getTime() + throttle.THROTTLE_WINDOW_MS + 1);
		await throttle.recordFailure(db, key, 5, after);
		expect(await throttle.lockedFor(db, key, after)).toBe(0);
		const row = await db.selectFrom('loginThrottle').selectAll().executeTakeFirstOrThrow();
		expect(row.failures).toBe(1);
	});
});
