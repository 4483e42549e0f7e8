import type { Cookies, RequestEvent } from '@sveltejs/kit';
import * as audit from '../audit';
import type { Db } from '../db';
import { invalidateSession, validateSessionToken, type ValidSession } from './sessions';

export const SESSION_COOKIE = 'ykien_session';

export function setSessionCookie(
	event: Pick<RequestEvent, 'cookies' | 'url'>,
	token: string,
	expiresAt: string
): void {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// Browsers drop Secure cookies over plain http on a LAN address; production runs on HTTPS.
		secure: event.url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

export async function readSession(
	db: Db,
	event: Pick<RequestEvent, 'cookies'>
): Promise<ValidSession | null> {
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const valid = await validateSessionToken(db, token);
	if (!valid) clearSessionCookie(event.cookies);
	return valid;
}

export async function signOut(db: Db, event: Pick<RequestEvent, 'cookies' | 'locals'>) {
	if (event.locals.sessionId) await invalidateSession(db, event.locals.sessionId);
	clearSessionCookie(event.cookies);
}

/** Signing out from /logout: the session ended, and its audit line when someone was signed in. */
export async function signOutRecorded(
	db: Db,
	event: Pick<RequestEvent, 'cookies' | 'locals' | 'getClientAddress'>
): Promise<void> {
	const user = event.locals.user;
	await signOut(db, event);
	if (user) {
		await audit.record(db, {
			action: 'auth.sign_out',
			actor: { id: user.id, username: user.username },
			ip: event.getClientAddress(),
			requestId: event.locals.requestId
		});
	}
}
