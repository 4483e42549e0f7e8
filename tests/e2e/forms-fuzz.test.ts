import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { expect, request, test } from '@playwright/test';
import { ACCESS, type Fixtures } from './access-table';
import { backupDatabase } from '../../src/lib/server/backup';
import { accessFixturesPath, e2eDbPath } from './paths';

// Every form action, as an administrator and as a manager, with hostile fields (issue 16): huge
// strings, NUL bytes, ids of another unit or of nothing, wrong types. Never a 5xx; a refusal
// (4xx) writes nothing. On a server of its own over a copy of the test database, so whatever a
// hostile form manages to change cannot disturb the other tests.

// Not +17: 4190 is on the fetch standard's list of blocked ports ("bad port").
const PORT = Number(process.env.E2E_PORT ?? 4173) + 18;
const BASE = `http://localhost:${PORT}`;
const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';

/**
 * Tables a form can write; sessions, throttle and audit rows may follow a refusal, and the
 * housekeeping records held phone ratings as responses meanwhile.
 */
const WRITTEN = [
	'units',
	'counters',
	'officers',
	'procedure_fields',
	'kiosks',
	'users',
	'api_tokens',
	'surveys',
	'survey_versions',
	'survey_assignments',
	'follow_up_cases',
	'follow_up_notes',
	'calendar_days',
	'web_links'
];

/** Every field name the app's forms use, read from the templates. */
function fieldNames(): string[] {
	const names = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (path.endsWith('.svelte')) {
				for (const m of readFileSync(path, 'utf8').matchAll(/\bname="([A-Za-z_][\w-]*)"/g)) {
					names.add(m[1]);
				}
			}
		}
	};
	walk('src/routes');
	walk('src/lib/components');
	return [...names].sort();
}

let dir = '';
let server: ChildProcess | null = null;
let output = '';

test.beforeAll(async () => {
	test.setTimeout(180_000);
	dir = mkdtempSync(join(tmpdir(), 'ykien-forms-fuzz-'));
	const path = join(dir, 'fuzz.db');
	// One snapshot: the test server writes meanwhile (a plain backup would start over).
	await backupDatabase(e2eDbPath, path);
	server = spawn(process.execPath, ['build'], {
		env: { ...process.env, DATABASE_URL: path, PORT: String(PORT), ORIGIN: BASE },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout!.on('data', (d) => (output += d));
	server.stderr!.on('data', (d) => (output += d));
	let last = '';
	for (let i = 0; ; i++) {
		const up = await fetch(`${BASE}/healthz`).then(
			(r) => ((last = `HTTP ${r.status}`), r.ok),
			(e: Error) => ((last = String((e.cause as Error | undefined)?.message ?? e)), false)
		);
		if (up) break;
		if (i > 1200) throw new Error(`the server did not start (${last}):\n${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}
});

test.afterAll(async () => {
	if (server && server.exitCode === null) {
		server.kill('SIGTERM');
		await new Promise((r) => server!.once('exit', r));
	}
	rmSync(dir, { recursive: true, force: true });
});

test('hostile form fields never give a 5xx, and a refusal writes nothing', async () => {
	test.setTimeout(300_000);
	const fixtures = JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as Fixtures & {
		users: Record<string, { username: string }>;
	};
	const db = new Database(join(dir, 'fuzz.db'), { readonly: true });
	db.pragma('busy_timeout = 5000');
	const counts = () =>
		WRITTEN.map(
			(t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
		).join(',');
	const names = fieldNames();
	expect(names.length).toBeGreaterThan(20);

	const hostile = fc.oneof(
		fc.constantFrom(
			'',
			'-1',
			'0',
			'1e309',
			'NaN',
			'[]',
			'{"a":1}',
			'true',
			'2026-13-45',
			'9999-99-99',
			'../../etc/passwd',
			'<script>alert(1)</script>',
			'=HYPERLINK("http://x","y")',
			'00000000-0000-4000-8000-000000000000',
			fixtures.other.unitId,
			'yes'
		),
		fc.string({ maxLength: 40 }).map((s) => `${s}\u0000${s}`),
		fc.integer({ min: 2_000, max: 50_000 }).map((n) => 'ừ'.repeat(n)),
		fc.string({ unit: 'binary', maxLength: 60 })
	);
	const forms = fc.dictionary(fc.constantFrom(...names), hostile, { minKeys: 1, maxKeys: 8 });

	const posts = Object.keys(ACCESS).filter(
		(op) =>
			op.startsWith('POST ') &&
			ACCESS[op].json === undefined &&
			!['POST /logout', 'POST /login', 'POST /lang'].includes(op)
	);
	expect(posts.length).toBeGreaterThan(30);

	const failures: string[] = [];
	for (const who of ['admin', 'managerOwn'] as const) {
		const ctx = await request.newContext({
			baseURL: BASE,
			extraHTTPHeaders: { origin: BASE, accept: 'text/html' }
		});
		const username = who === 'admin' ? 'admin' : fixtures.users[who].username;
		const signIn = await ctx.post('/login', {
			form: { username, password: PASSWORD },
			maxRedirects: 0
		});
		expect(signIn.status(), `sign-in of ${who}`).toBe(303);
		for (const op of posts) {
			const action = / \?\/(\w+)$/.exec(op)?.[1];
			const url = ACCESS[op].url(fixtures) + (action ? `?/${action}` : '');
			await fc.assert(
				fc.asyncProperty(forms, async (form) => {
					const before = counts();
					const r = await ctx.post(url, { form, maxRedirects: 0 }).catch((e: Error) => {
						throw new Error(`${e.message}\nserver said:\n${output.slice(-3000)}`);
					});
					const status = r.status();
					if (status >= 500)
						failures.push(`${op} as ${who}: ${status} for ${JSON.stringify(form).slice(0, 200)}`);
					else if (status >= 400 && counts() !== before) {
						failures.push(`${op} as ${who}: ${status} but rows were written`);
					}
				}),
				{ seed: 16_2026, numRuns: 5 }
			);
		}
		await ctx.dispose();
	}
	// A name with control characters in it is kept without them (forms drop them at the edge),
	// and nothing any action accepted above holds a NUL.
	const admin = await request.newContext({
		baseURL: BASE,
		extraHTTPHeaders: { origin: BASE, accept: 'text/html' }
	});
	await admin.post('/login', { form: { username: 'admin', password: PASSWORD }, maxRedirects: 0 });
	const unitId = fixtures.own.childUnitId;
	const renamed = await admin.post(`/admin/units/${unitId}?/rename`, {
		form: { name: 'Tổ\u0000 một\u0007 cửa\u001b' },
		maxRedirects: 0
	});
	expect(renamed.status()).toBe(303);
	await admin.dispose();
	expect(db.prepare('SELECT name FROM units WHERE id = ?').get(unitId)).toEqual({
		name: 'Tổ một cửa'
	});
	const stored: string[] = [];
	for (const table of WRITTEN) {
		const columns = db.prepare(`PRAGMA table_info(${table})`).all() as {
			name: string;
			type: string;
		}[];
		for (const { name } of columns.filter((c) => c.type.toUpperCase() === 'TEXT')) {
			const row = db
				.prepare(`SELECT count(*) AS n FROM ${table} WHERE instr(${name}, char(0)) > 0`)
				.get() as { n: number };
			if (row.n > 0) stored.push(`${table}.${name}: ${row.n}`);
		}
	}
	db.close();
	expect(failures).toEqual([]);
	expect(stored).toEqual([]);
	expect((await fetch(`${BASE}/healthz`)).status).toBe(200);
	expect(output).not.toMatch(/RangeError|TypeError: Could not parse/);
});
