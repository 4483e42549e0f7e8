import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { Fixtures } from './access-table';
import { testDb } from './db';
import { newKioskLike, pair, type PairedKiosk } from './kiosk-api';
import { accessFixturesPath } from './paths';

// The server's edge, as an attacker or a broken client meets it (issue 15): bodies that ended
// the process, form posts that gave 500, and SvelteKit's own answers under /api.

const phoneCode = () =>
	(JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as Fixtures).own.webLinkCode;

/** Tables a refused request must leave as they were. */
const WRITTEN = [
	'responses',
	'response_answers',
	'follow_up_cases',
	'audit_log',
	'login_throttle',
	'web_answer_marks',
	'web_held_ratings'
];

function counts(): Record<string, number> {
	return Object.fromEntries(
		WRITTEN.map((table) => [
			table,
			(testDb().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
		])
	);
}

async function expectApiError(response: APIResponse, status: number, code?: string) {
	expect(response.status()).toBe(status);
	expect(response.headers()['content-type']).toMatch(/^application\/json/);
	const body = (await response.json()) as { error: { code: string; message: string } };
	expect(typeof body.error.message).toBe('string');
	expect(body.error.message.length).toBeGreaterThan(0);
	if (code) expect(body.error.code).toBe(code);
	else expect(typeof body.error.code).toBe('string');
}

async function kiosk(request: APIRequestContext): Promise<PairedKiosk> {
	const made = newKioskLike(testDb(), 'tap', { minIntervalSeconds: 0 });
	return pair(request, made.pairingCode);
}

test('a body nested 3,300 levels deep gets 400 and the server goes on recording', async ({
	request
}) => {
	const k = await kiosk(request);
	const auth = { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' };
	const before = counts();
	for (const body of [
		`{"id":"0","answers":{"x":${'['.repeat(3300)}${']'.repeat(3300)}}}`,
		'['.repeat(3300) + ']'.repeat(3300)
	]) {
		const refused = await request.post('/api/v1/responses', { headers: auth, data: body });
		await expectApiError(refused, 400, 'invalid_request');
	}
	expect(counts()).toEqual(before);
	expect((await request.get('/healthz')).status()).toBe(200);
	const good = await request.post('/api/v1/responses', { headers: auth, data: k.answer(3) });
	expect(good.status()).toBe(201);
});

test('form posts whose body is not a form get 400 with the page message, not 500', async ({
	request,
	baseURL
}) => {
	const before = counts();
	const post = (path: string, type: string) =>
		request.post(path, {
			// As a browser posts a form: the page answers with HTML and the action's status.
			headers: { origin: baseURL!, 'content-type': type, accept: 'text/html' },
			data: 'username=admin&password=x'
		});
	for (const type of ['text/plain', 'multipart/form-data; boundary=x']) {
		const login = await post('/login', type);
		expect(login.status()).toBe(400);
		expect(await login.text()).toContain('Vui lòng nhập tên đăng nhập');
		for (const action of ['rate', 'send']) {
			const phone = await post(`/s/${phoneCode()}?/${action}`, type);
			expect(phone.status()).toBe(400);
		}
	}
	expect(counts()).toEqual(before);
});

test('every error under /api has the documented JSON shape', async ({ request }) => {
	await expectApiError(
		await request.put('/api/v1/responses', { data: {} }),
		405,
		'method_not_allowed'
	);
	await expectApiError(await request.get('/api/v1/no-such-thing'), 404, 'not_found');
	await expectApiError(await request.get('/api/v2'), 404, 'not_found');
	const crossSite = await request.post('/api/v1/kiosk/pair', {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: 'code=ABCD-2345'
	});
	await expectApiError(crossSite, 403, 'cross_site');
	await expectApiError(await request.get('/api/v1/kiosk/config'), 401);
});

interface Body {
	type: string | null;
	data: Buffer;
}

const json = (text: string) => Buffer.from(text, 'utf8');

/** Bodies that are deep, wide, huge, NUL-laden, not UTF-8, or of a content type nobody expects. */
const bodies: fc.Arbitrary<Body> = fc.oneof(
	fc
		.record({ depth: fc.integer({ min: 9, max: 6000 }), open: fc.constantFrom('[', '{"a":') })
		.map(({ depth, open }) => ({
			type: 'application/json',
			data: json(open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth))
		})),
	fc.integer({ min: 257, max: 4000 }).map((n) => ({
		type: 'application/json',
		data: json(`{"answers":[${Array.from({ length: n }, (_, i) => i % 10).join(',')}]}`)
	})),
	fc.integer({ min: 17, max: 300 }).map((kb) => ({
		type: 'application/json',
		data: json(`{"id":"${'x'.repeat(kb * 1024)}"}`)
	})),
	fc.json().map((text) => ({
		type: 'application/json',
		data: json(text.replace(/"/g, '"\u0000').replace(/:/g, ':\u0000'))
	})),
	fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((bytes) => ({
		type: 'application/json',
		data: Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(bytes)])
	})),
	fc
		.record({
			type: fc.constantFrom(
				null,
				'text/plain',
				'multipart/form-data; boundary=x',
				'multipart/form-data',
				'application/x-www-form-urlencoded',
				'application/octet-stream',
				'application/json; charset=latin1'
			),
			text: fc.oneof(fc.json(), fc.string({ unit: 'binary' }))
		})
		.map(({ type, text }) => ({ type, data: json(text) }))
);

test('fuzzing the public endpoints never gives a 5xx, writes nothing and leaves the server up', async ({
	request,
	baseURL
}) => {
	test.setTimeout(120_000);
	const k = await kiosk(request);
	const targets = [
		{ path: '/api/v1/responses', token: true },
		{ path: '/api/v1/kiosk/heartbeat', token: true },
		{ path: '/api/v1/kiosk/pair', token: false },
		{ path: '/login', token: false },
		{ path: `/s/${phoneCode()}?/rate`, token: false },
		{ path: `/s/${phoneCode()}?/send`, token: false }
	];
	const before = counts();
	let sent = 0;
	let resets = 0;
	await fc.assert(
		fc.asyncProperty(
			fc.constantFrom(...targets),
			bodies,
			fc.boolean(),
			async (target, body, sameOrigin) => {
				const headers: Record<string, string> = {};
				if (body.type) headers['content-type'] = body.type;
				if (target.token) headers.authorization = `Bearer ${k.token}`;
				if (sameOrigin) headers.origin = baseURL!;
				sent++;
				let response: APIResponse;
				try {
					response = await request.post(target.path, {
						headers,
						data: body.data,
						maxRedirects: 0
					});
				} catch (error) {
					// A body over the limit is refused (413) before it is read; the connection
					// then closes under a client still sending, which is allowed only there.
					if (body.data.length > 16 * 1024 && /ECONNRESET|EPIPE/.test(String(error))) {
						resets++;
						return;
					}
					throw error;
				}
				expect(response.status(), `${target.path} ${body.type}`).toBeLessThan(500);
				if (target.path.startsWith('/api/') && response.status() >= 400) {
					await expectApiError(response, response.status());
				}
			}
		),
		{ seed: 20261206, numRuns: 400 }
	);
	expect(sent).toBe(400);
	expect(resets).toBeLessThan(sent / 4);
	expect(counts()).toEqual(before);
	expect((await request.get('/healthz')).status()).toBe(200);
	const after = await request.post('/api/v1/responses', {
		headers: { authorization: `Bearer ${k.token}` },
		data: k.answer(2)
	});
	expect(after.status()).toBe(201);
});
