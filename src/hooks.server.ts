import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dev } from '$app/environment';
import { DEFAULT_LOCALE, isLocale } from '$lib/i18n';
import { SESSION_COOKIE, readSession } from '$lib/server/auth/cookies';
import { startApp } from '$lib/server/app';
import { getDb } from '$lib/server/db/instance';
import { apiErrorShape, formBodies, originCheck } from '$lib/server/http-edge';
import { newId } from '$lib/server/ids';

// The database and the background work (answer writer, housekeeping, exports): app.ts.
export const init: ServerInit = async () => {
	await startApp({ dev });
};

const requestId: Handle = async ({ event, resolve }) => {
	event.locals.requestId = newId();
	const response = await resolve(event);
	response.headers.set('X-Request-Id', event.locals.requestId);
	return response;
};

const locale: Handle = async ({ event, resolve }) => {
	const chosen = event.cookies.get('lang');
	event.locals.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

const auth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	if (event.cookies.get(SESSION_COOKIE)) {
		const valid = await readSession(getDb(), event);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.sessionId = valid.session.id;
		}
	}
	return resolve(event);
};

// The CSP itself comes from kit.csp in svelte.config.js (hashes, no inline script).
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

// originCheck and formBodies refuse or repair requests before any route sees them, and
// apiErrorShape gives every /api error one shape (http-edge.ts).
export const handle = sequence(
	requestId,
	securityHeaders,
	apiErrorShape,
	originCheck,
	formBodies,
	locale,
	auth
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	// Log enough to find the bug, never request bodies (passwords, phone numbers).
	if (status >= 500) {
		console.error(
			`[${event.locals.requestId}] ${event.request.method} ${event.url.pathname}`,
			error
		);
	}
	return {
		message: status === 404 ? 'not_found' : 'internal_error',
		requestId: event.locals.requestId
	};
};
