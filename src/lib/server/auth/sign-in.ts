import type { Db } from '../db';
import * as audit from '../audit';
import * as users from '../users';
import { verifyPassword, hashPassword } from './password';
import { createSession, generateSessionToken } from './sessions';
import * as throttle from './throttle';

export type SignInResult =
	| { ok: true; token: string; expiresAt: string; user: SessionUser }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

// Verifying against this when the username is unknown keeps the timing of both failures alike.
let dummyHash: Promise<string> | null = null;

/**
 * Checks the throttle, then the password, then opens a session. Every outcome is audited; the
 * reply never says whether the username exists or the account is disabled.
 */
export async function signIn(
	db: Db,
	input: {
		username: string;
		password: string;
		ip: string;
		userAgent?: string | null;
		requestId?: string;
	}
): Promise<SignInResult> {
	const username = input.username.trim().toLowerCase();
	const keys = [throttle.accountKey(username), throttle.addressKey(input.ip)];
	const locked = Math.max(...(await Promise.all(keys.map((k) => throttle.lockedFor(db, k)))));
	if (locked > 0) {
		await audit.record(db, {
			action: 'auth.sign_in_throttled',
			username,
			ip: input.ip,
			requestId: input.requestId
		});
		return { ok: false, reason: 'throttled', retryAfterSeconds: locked };
	}
	const user = await users.byUsername(db, username);
	dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
	const valid = user
		? await verifyPassword(user.passwordHash, input.password)
		: (await verifyPassword(await dummyHash, input.password), false);
	if (!user || !valid || user.disabledAt) {
		await throttle.recordFailure(db, keys[0], throttle.ACCOUNT_LIMIT);
		await throttle.recordFailure(db, keys[1], throttle.ADDRESS_LIMIT);
		await audit.record(db, {
			action: 'auth.sign_in_failed',
			username,
			actor: user ? { id: user.id, username: user.username } : null,
			detail: { reason: !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'bad_password' },
			ip: input.ip,
			requestId: input.requestId
		});
		return { ok: false, reason: 'invalid' };
	}
	await throttle.clear(db, keys[0]);
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id, {
		ip: input.ip,
		userAgent: input.userAgent
	});
	await audit.record(db, {
		action: 'auth.sign_in',
		actor: { id: user.id, username: user.username },
		ip: input.ip,
		requestId: input.requestId
	});
	return {
		ok: true,
		token,
		expiresAt: session.expiresAt,
		user: {
			id: user.id,
			username: user.username,
			displayName: user.displayName,
			role: user.role,
			unitId: user.unitId
		}
	};
}
