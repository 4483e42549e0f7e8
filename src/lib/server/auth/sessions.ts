import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { DbOrTx } from '../db';
import type { Session } from '../db/schema';
import { newToken, nowIso } from '../ids';

// Sessions after the Lucia guide (lucia-auth.com): the browser holds a random token, the database
// only its SHA-256 (a leaked table opens no session). Absolute and inactivity expiry both apply.
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** lastActiveAt is written at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export const generateSessionToken = newToken;

export function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: DbOrTx,
	token: string,
	userId: string,
	meta: { ip?: string | null; userAgent?: string | null } = {},
	now = new Date()
): Promise<Session> {
	const session: Session = {
		id: sessionIdOf(token),
		userId,
		createdAt: nowIso(now),
		lastActiveAt: nowIso(now),
		expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
		ip: meta.ip ?? null,
		userAgent: meta.userAgent?.slice(0, 300) ?? null
	};
	await db.insertInto('sessions').values(session).execute();
	return session;
}

export interface ValidSession {
	session: Session;
	user: SessionUser;
}

/** Looks the token up by its hash; expired or idle sessions are deleted and give null. */
export async function validateSessionToken(
	db: DbOrTx,
	token: string,
	now = new Date()
): Promise<ValidSession | null> {
	if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
	const id = sessionIdOf(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.userId')
		.select([
			'sessions.id',
			'sessions.userId',
			'sessions.createdAt',
			'sessions.lastActiveAt',
			'sessions.expiresAt',
			'sessions.ip',
			'sessions.userAgent',
			'users.username',
			'users.displayName',
			'users.role',
			'users.unitId',
			'users.disabledAt'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const t = now.getTime();
	const expired =
		t >= Date.parse(row.expiresAt) || t - Date.parse(row.lastActiveAt) >= SESSION_IDLE_MS;
	if (expired || row.disabledAt) {
		await invalidateSession(db, id);
		return null;
	}
	if (t - Date.parse(row.lastActiveAt) >= TOUCH_INTERVAL_MS) {
		row.lastActiveAt = nowIso(now);
		await db
			.updateTable('sessions')
			.set({ lastActiveAt: row.lastActiveAt })
			.where('id', '=', id)
			.execute();
	}
	return {
		session: {
			id: row.id,
			userId: row.userId,
			createdAt: row.createdAt,
			lastActiveAt: row.lastActiveAt,
			expiresAt: row.expiresAt,
			ip: row.ip,
			userAgent: row.userAgent
		},
		user: {
			id: row.userId,
			username: row.username,
			displayName: row.displayName,
			role: row.role,
			unitId: row.unitId
		}
	};
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs a user out everywhere (password change, disabled account, admin revocation). */
export async function invalidateUserSessions(db: DbOrTx, userId: string): Promise<void> {
	await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: DbOrTx, now = new Date()): Promise<number> {
	const idleCutoff = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
	const result = await db
		.deleteFrom('sessions')
		.where((eb) =>
			eb.or([eb('expiresAt', '<=', nowIso(now)), eb('lastActiveAt', '<=', idleCutoff)])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
