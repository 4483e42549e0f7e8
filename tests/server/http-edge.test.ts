import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	ApiFailure,
	jsonShapeProblem,
	MAX_JSON_DEPTH,
	MAX_JSON_MEMBERS,
	readJsonBody
} from '../../src/lib/server/api';
import {
	apiErrorShape,
	bodySizeLimit,
	formBodies,
	originCheck
} from '../../src/lib/server/http-edge';

const ORIGIN = 'http://localhost:3000';

function jsonRequest(body: string): Request {
	return new Request(`${ORIGIN}/api/v1/responses`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body
	});
}

async function refusal(request: Request): Promise<ApiFailure | null> {
	try {
		await readJsonBody(request, 16 * 1024);
		return null;
	} catch (e) {
		if (e instanceof ApiFailure) return e;
		throw e;
	}
}

describe('JSON bodies are refused at the edge when too deep or too wide', () => {
	it('counts nesting and members outside strings only', () => {
		expect(jsonShapeProblem('{"a":[1,2,{"b":"[[[[[[[[[["}]}')).toBeNull();
		expect(jsonShapeProblem('"\\"[[[[[[[[[[[["')).toBeNull();
		expect(jsonShapeProblem('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeNull();
		expect(jsonShapeProblem('['.repeat(MAX_JSON_DEPTH + 1))).toMatch(/nest more than 8/);
		const wide = (n: number) => `[${Array.from({ length: n }, () => '0').join(',')}]`;
		expect(jsonShapeProblem(wide(MAX_JSON_MEMBERS))).toBeNull();
		expect(jsonShapeProblem(wide(MAX_JSON_MEMBERS + 1))).toMatch(/more than 256 members/);
	});

	it('answers 400 invalid_request for the 3,300-level body that ended the server', async () => {
		const deep = `{"id":"x","answers":{"x":${'['.repeat(3300)}${']'.repeat(3300)}}}`;
		const failure = await refusal(jsonRequest(deep));
		expect(failure?.status).toBe(400);
		expect(failure?.code).toBe('invalid_request');
		const bare = await refusal(jsonRequest('['.repeat(3300) + ']'.repeat(3300)));
		expect(bare?.code).toBe('invalid_request');
		expect(await readJsonBody(jsonRequest('{"a":[[1]]}'), 1024)).toEqual({ a: [[1]] });
	});
});

function event(request: Request): RequestEvent {
	return { request, url: new URL(request.url), locals: {} } as unknown as RequestEvent;
}

type Resolve = (event: RequestEvent, opts?: ResolveOptions) => Promise<Response>;

describe('the request edge (hooks)', () => {
	it('refuses a cross-site form post, in the JSON error shape under /api', async () => {
		let reached = 0;
		const resolve: Resolve = async () => {
			reached++;
			return new Response('ok');
		};
		const post = (
			path: string,
			origin: string | null,
			type = 'application/x-www-form-urlencoded'
		) =>
			new Request(`${ORIGIN}${path}`, {
				method: 'POST',
				headers: { 'content-type': type, ...(origin ? { origin } : {}) },
				body: 'a=1'
			});
		const api = await originCheck({ event: event(post('/api/v1/kiosk/pair', null)), resolve });
		expect(api.status).toBe(403);
		expect(await api.json()).toEqual({
			error: { code: 'cross_site', message: 'Cross-site POST form submissions are forbidden' }
		});
		const page = await originCheck({
			event: event(post('/login', 'http://evil.example')),
			resolve
		});
		expect(page.status).toBe(403);
		expect(await page.text()).toBe('Cross-site POST form submissions are forbidden');
		expect(reached).toBe(0);
		// Same origin, and JSON (which no HTML form can send cross-site), go on.
		expect((await originCheck({ event: event(post('/login', ORIGIN)), resolve })).status).toBe(200);
		const json = post('/api/v1/kiosk/pair', null, 'application/json');
		expect((await originCheck({ event: event(json), resolve })).status).toBe(200);
		expect(reached).toBe(2);
	});

	it('hands a form post whose body is not a readable form to the page as an empty form', async () => {
		const seen: string[] = [];
		const resolve: Resolve = async (e) => {
			const form = await e.request.formData();
			seen.push(JSON.stringify([...form.entries()]));
			return new Response('ok');
		};
		const post = (type: string, body: string) =>
			new Request(`${ORIGIN}/login`, {
				method: 'POST',
				headers: { 'content-type': type, origin: ORIGIN },
				body
			});
		await formBodies({ event: event(post('text/plain', 'username=a&password=b')), resolve });
		await formBodies({
			event: event(post('multipart/form-data; boundary=x', 'username=a&password=b')),
			resolve
		});
		await formBodies({
			event: event(post('application/x-www-form-urlencoded', 'username=a')),
			resolve
		});
		// A readable multipart form reaches the action whole.
		const multipart = new FormData();
		multipart.set('username', 'b');
		const upload = new Request(`${ORIGIN}/login`, {
			method: 'POST',
			headers: { origin: ORIGIN },
			body: multipart
		});
		await formBodies({ event: event(upload), resolve });
		expect(seen).toEqual(['[]', '[]', '[["username","a"]]', '[["username","b"]]']);
	});

	it('refuses a form over the body size limit before reading it, closing the connection', async () => {
		let reached = 0;
		const resolve: Resolve = async () => {
			reached++;
			return new Response('ok');
		};
		const big = new Request(`${ORIGIN}/login`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': String(600 * 1024),
				origin: ORIGIN
			},
			body: 'a=1'
		});
		const refused = await formBodies({ event: event(big), resolve });
		expect(refused.status).toBe(413);
		expect(refused.headers.get('connection')).toBe('close');
		expect(await refused.text()).toBe(
			'Biểu mẫu quá lớn (tối đa 512 KB). / The form is too large (512 KB at most).'
		);
		expect(reached).toBe(0);
		expect(bodySizeLimit('512K')).toBe(524288);
		expect(bodySizeLimit('2M')).toBe(2097152);
		expect(bodySizeLimit('1000')).toBe(1000);
	});

	it('rewrites SvelteKit text and HTML errors under /api into the JSON error shape', async () => {
		const answer = (response: Response, path = '/api/v1/nothing') =>
			apiErrorShape({
				event: event(new Request(`${ORIGIN}${path}`)),
				resolve: async () => response
			});
		const notFound = await answer(new Response('<html>Not found</html>', { status: 404 }));
		expect(notFound.status).toBe(404);
		expect(await notFound.json()).toEqual({
			error: { code: 'not_found', message: 'There is no such endpoint' }
		});
		const method = await answer(
			new Response('PUT method not allowed', { status: 405, headers: { allow: 'GET, POST' } })
		);
		expect(method.status).toBe(405);
		expect(method.headers.get('allow')).toBe('GET, POST');
		expect((await method.json()).error.code).toBe('method_not_allowed');
		const kit = await answer(Response.json({ message: 'internal_error' }, { status: 500 }));
		expect((await kit.json()).error.code).toBe('internal_error');
		// Errors already in the shape, and pages outside /api, pass untouched.
		const shaped = Response.json({ error: { code: 'revoked', message: 'x' } }, { status: 401 });
		expect(await (await answer(shaped)).json()).toEqual({
			error: { code: 'revoked', message: 'x' }
		});
		const page = await answer(new Response('<html>404</html>', { status: 404 }), '/admin/nothing');
		expect(await page.text()).toBe('<html>404</html>');
	});
});
