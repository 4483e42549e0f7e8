import type { Handle } from '@sveltejs/kit';

/**
 * Requests refused or repaired before any route sees them (hooks.server.ts). SvelteKit's own
 * answers to these cases are text or HTML, or a 500 from a route's formData(); under /api every
 * answer must be `{ "error": { "code", "message" } }` (issue 15).
 */

const isApi = (url: URL) => url.pathname === '/api' || url.pathname.startsWith('/api/');

const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];

function mediaType(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
}

function apiErrorResponse(
	status: number,
	code: string,
	message: string,
	headers?: Headers
): Response {
	const out = new Headers(headers);
	out.set('content-type', 'application/json');
	out.delete('content-length');
	return new Response(JSON.stringify({ error: { code, message } }), { status, headers: out });
}

/**
 * SvelteKit's cross-site form check, done here so that /api answers it in the API's shape
 * (svelte.config.js turns SvelteKit's own off). The same rule: a POST, PUT, PATCH or DELETE
 * with a content type an HTML form can send is refused unless its Origin is this origin.
 */
export const originCheck: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	const unsafe = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method);
	if (
		unsafe &&
		FORM_TYPES.includes(mediaType(request)) &&
		request.headers.get('origin') !== url.origin
	) {
		const message = `Cross-site ${request.method} form submissions are forbidden`;
		if (isApi(url)) return apiErrorResponse(403, 'cross_site', message);
		return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
	}
	return resolve(event);
};

/** adapter-node's BODY_SIZE_LIMIT ('512K' by default; K, M and G suffixes), in bytes. */
export function bodySizeLimit(value = process.env.BODY_SIZE_LIMIT ?? '512K'): number {
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.slice(-1).toUpperCase()];
	const bytes = unit ? Number(value.slice(0, -1)) * unit : Number(value);
	return Number.isFinite(bytes) && bytes > 0 ? bytes : 512 * 1024;
}

/**
 * A form post whose body cannot be read as a form (text/plain, a multipart body without its
 * boundary, no content type) reaches the page's action as an empty form, so the page answers
 * 400 with its usual message ("Vui lòng nhập …") instead of a 500 from formData().
 */
export const formBodies: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	if (request.method !== 'POST' || isApi(url)) return resolve(event);
	// Over the limit: refused before anything reads it, and the connection closed after the
	// answer, so the client's next request does not meet the unread bytes (a reset otherwise).
	if (Number(request.headers.get('content-length') ?? 0) > bodySizeLimit()) {
		const kb = Math.round(bodySizeLimit() / 1024);
		return new Response(
			`Biểu mẫu quá lớn (tối đa ${kb} KB). / The form is too large (${kb} KB at most).`,
			{
				status: 413,
				headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }
			}
		);
	}
	const type = mediaType(request);
	if (type === 'multipart/form-data') {
		// Parsed once, by the action: a body that is not a readable multipart form (no boundary,
		// cut short) reads as an empty form. Uploads (photos, signed reports) are not parsed twice.
		const read = request.formData.bind(request);
		Object.defineProperty(request, 'formData', {
			value: () => read().catch(() => new FormData())
		});
	} else if (
		type !== 'application/x-www-form-urlencoded' &&
		type !== 'application/x-sveltekit-formdata'
	) {
		// Read to the end first (adapter-node's BODY_SIZE_LIMIT bounds it): a body left unread
		// broke the keep-alive connection under the client's next request.
		await request.arrayBuffer().catch(() => undefined);
		const headers = new Headers(request.headers);
		headers.set('content-type', 'application/x-www-form-urlencoded');
		headers.delete('content-length');
		event.request = new Request(request.url, { method: 'POST', headers, body: '' });
	}
	const response = await resolve(event);
	// An action that answered without reading the form (a refusal before it): the body is read
	// to its end before the answer goes out, or the kept-alive connection is reset under the
	// client's next request.
	if (!event.request.bodyUsed) await event.request.arrayBuffer().catch(() => undefined);
	return response;
};

const STATUS_CODES: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	405: 'method_not_allowed',
	413: 'too_large',
	415: 'unsupported_media_type',
	500: 'internal_error'
};

const STATUS_MESSAGES: Record<number, string> = {
	404: 'There is no such endpoint',
	405: 'This endpoint does not accept this method',
	500: 'Something went wrong on the server'
};

/**
 * Every error under /api in the documented shape: SvelteKit's own 404 (no such path), 405
 * (method not allowed, Allow header kept) and errors thrown by an endpoint come as text, HTML
 * or `{ message }`; they are rewritten, keeping the status.
 */
export const apiErrorShape: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (response.status < 400 || !isApi(event.url)) return response;
	if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
		const body = (await response
			.clone()
			.json()
			.catch(() => null)) as { error?: { code?: unknown } } | null;
		if (typeof body?.error?.code === 'string') return response;
	}
	const status = response.status;
	return apiErrorResponse(
		status,
		STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'invalid_request'),
		STATUS_MESSAGES[status] ?? (status >= 500 ? STATUS_MESSAGES[500] : 'The request was refused'),
		response.headers
	);
};
