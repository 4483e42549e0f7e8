import type { Cookies } from '@sveltejs/kit';

// A secret that must be shown exactly once after a form redirects (303) to the page that shows
// it: a kiosk's pairing code, a generated password, an API token. Only its hash is stored, so it
// travels to that page in a short-lived HttpOnly cookie limited to the page's path, and the
// page's load deletes it on first read. A reload or a later visit no longer shows it.

const COOKIE = 'ykien_once';
const MAX_AGE_SECONDS = 5 * 60;

export type OnceKind = 'pairing_code' | 'password' | 'api_token';

interface Payload {
	kind: OnceKind;
	/** Who caused it: another account signed in on the same browser must not see it. */
	actorId: string;
	secret: string;
	/** When it stops being usable (a pairing code), for the page to say. */
	until?: string;
	/** What it belongs to (an API token's label), for the page to say. */
	label?: string;
}

export function stash(event: { cookies: Cookies; url: URL }, path: string, payload: Payload): void {
	event.cookies.set(COOKIE, Buffer.from(JSON.stringify(payload)).toString('base64url'), {
		path,
		httpOnly: true,
		sameSite: 'strict',
		secure: event.url.protocol === 'https:',
		maxAge: MAX_AGE_SECONDS
	});
}

/** The stashed secret for this page, kind and actor, or null; always removes the cookie. */
export function take(
	cookies: Cookies,
	path: string,
	kind: OnceKind,
	actorId: string
): { secret: string; until: string | null; label: string | null } | null {
	const raw = cookies.get(COOKIE);
	if (!raw) return null;
	cookies.delete(COOKIE, { path });
	try {
		const payload = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Payload;
		if (payload.kind !== kind || payload.actorId !== actorId) return null;
		if (typeof payload.secret !== 'string' || payload.secret.length > 200) return null;
		const label = typeof payload.label === 'string' ? payload.label.slice(0, 200) : null;
		return { secret: payload.secret, until: payload.until ?? null, label };
	} catch {
		return null;
	}
}
