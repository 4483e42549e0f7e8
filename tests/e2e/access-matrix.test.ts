import { readFileSync } from 'node:fs';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { ACCESS, type Expectation, type Fixtures, type Who } from './access-table';
import { discoverOperations } from './access-routes';
import { accessFixturesPath } from './paths';

const WHO: Who[] = ['anon', 'viewerOther', 'managerOther', 'viewerOwn', 'managerOwn', 'admin'];

test('every route, form action and endpoint has an entry in the access table', () => {
	const discovered = discoverOperations();
	const missing = discovered.filter((op) => !(op in ACCESS));
	const stale = Object.keys(ACCESS).filter((op) => !discovered.includes(op));
	expect(missing, 'routes without an access entry').toEqual([]);
	expect(stale, 'access entries for routes that no longer exist').toEqual([]);
});

test('each caller is allowed or denied exactly as the table says', async ({ baseURL }) => {
	test.setTimeout(240_000);
	const fixtures = JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as Fixtures & {
		users: Record<string, { username: string }>;
	};
	const password = process.env.E2E_ADMIN_PASSWORD!;
	const origin = baseURL!;
	const contexts = new Map<Who, APIRequestContext>();
	for (const who of WHO) {
		const ctx = await request.newContext({
			baseURL: origin,
			extraHTTPHeaders: { origin, accept: 'text/html' }
		});
		if (who !== 'anon') {
			const username = who === 'admin' ? 'admin' : fixtures.users[who].username;
			const r = await ctx.post('/login', { form: { username, password }, maxRedirects: 0 });
			expect(r.status(), `sign-in of ${who}`).toBe(303);
		}
		contexts.set(who, ctx);
	}

	const failures: string[] = [];
	// Sign-out last, or it would end the sessions the other rows need.
	const ops = Object.keys(ACCESS).sort(
		(a, b) => Number(a === 'POST /logout') - Number(b === 'POST /logout')
	);
	for (const op of ops) {
		const entry = ACCESS[op];
		const [method] = op.split(' ');
		const action = / \?\/(\w+)$/.exec(op)?.[1];
		const url = entry.url(fixtures) + (action ? `?/${action}` : '');
		for (const who of WHO) {
			const ctx = contexts.get(who)!;
			const r =
				method === 'GET'
					? await ctx.get(url, { maxRedirects: 0 })
					: entry.json !== undefined
						? await ctx.fetch(url, { method, data: entry.json, maxRedirects: 0 })
						: await ctx.fetch(url, { method, form: entry.form ?? {}, maxRedirects: 0 });
			const got = classify(r.status(), r.headers()['location'], method, url);
			if (got !== entry.expect[who]) {
				failures.push(
					`${op} as ${who}: expected ${entry.expect[who]}, got ${got} (HTTP ${r.status()})`
				);
			}
		}
	}
	for (const ctx of contexts.values()) await ctx.dispose();
	expect(failures).toEqual([]);
});

function classify(
	status: number,
	location: string | undefined,
	method: string,
	url: string
): Expectation {
	if (status === 401 && url.startsWith('/api/'))
		return url.includes('/kiosk/pair') ? 'deny' : 'device';
	if (status === 401 || status === 403) return 'deny';
	if (status >= 300 && status < 400 && location?.startsWith('/login')) {
		return url.startsWith('/login') || url.startsWith('/logout') ? 'allow' : 'login';
	}
	if (method === 'GET' && status >= 400 && status !== 404) return 'deny';
	return 'allow';
}
