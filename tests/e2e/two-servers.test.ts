import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { copyIntoFreshSchema, dropSchema, schemaUrl } from '../../scripts/e2e-postgres';
import { ACCOUNT_LIMIT } from '../../src/lib/server/auth/throttle';
import { backupDatabase } from '../../src/lib/server/backup';
import { parseCsv } from '../csv';
import { newKioskLike, pair, type PairedKiosk } from './kiosk-api';
import { startServer, type OwnServer } from './own-server';
import { e2eDbPath } from './paths';
import { SyncPostgres } from './pg-sync';

// Issue 18: two server processes on one PostgreSQL database, as behind a load balancer. A
// snapshot of the test database is copied there by `npm run db:copy`'s code; then one kiosk's
// answers go alternately to both, an export requested on one finishes while the other ingests,
// and failed sign-ins on one lock the account on the other. tests/server/two-instances.test.ts
// holds the same rules on two connection pools in one process; here they hold over HTTP.

const POSTGRES = process.env.TEST_POSTGRES_URL;
const PORTS = [3, 4].map((n) => Number(process.env.E2E_PORT ?? 4173) + n);
const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';

test.skip(!POSTGRES, 'PostgreSQL only: TEST_POSTGRES_URL is not set (.ci/run provides one)');
test.describe.configure({ mode: 'serial' });

let dir = '';
let url = '';
let db: SyncPostgres;
let a: OwnServer;
let b: OwnServer;

test.beforeAll(async () => {
	// Copying the 190,000 answers of the demo takes about a minute.
	test.setTimeout(300_000);
	dir = mkdtempSync(join(tmpdir(), 'ykien-two-servers-'));
	const snapshot = join(dir, 'snapshot.db');
	await backupDatabase(e2eDbPath, snapshot);
	url = schemaUrl(POSTGRES!, `ykien_two_servers_${PORTS[0]}`);
	await copyIntoFreshSchema(snapshot, url);
	db = new SyncPostgres(url);
	// One folder for both, as on a shared file system: a file one builds, the other serves.
	const env = { EXPORT_DIR: join(dir, 'exports'), EXPORT_SYNC_MAX_ROWS: '5000' };
	[a, b] = await Promise.all(PORTS.map((port) => startServer(url, port, env)));
});

test.afterAll(async () => {
	const codes = await Promise.all([a, b].filter(Boolean).map((s) => s.stop()));
	db?.close();
	if (url) await dropSchema(url);
	rmSync(dir, { recursive: true, force: true });
	expect(codes).toEqual(codes.map(() => 0));
});

async function send(
	request: APIRequestContext,
	server: OwnServer,
	k: PairedKiosk,
	body: Record<string, unknown>
): Promise<number> {
	const r = await request.post(`${server.base}/api/v1/responses`, {
		headers: { authorization: `Bearer ${k.token}` },
		data: body
	});
	return r.status();
}

function storedOf(kioskId: string): { id: string; submitted_at: string }[] {
	return db
		.prepare('SELECT id, submitted_at FROM responses WHERE kiosk_id = ? ORDER BY submitted_at')
		.all(kioskId) as { id: string; submitted_at: string }[];
}

test('one kiosk’s answers alternately to both: each stored once, 4 s apart', async ({
	request
}) => {
	const kiosk = newKioskLike(db, 'tap', { minIntervalSeconds: 4 });
	// Paired on one server, its token works on the other: devices are in the database.
	const k = await pair(request, kiosk.pairingCode, a.base);
	const start = Date.now() - 10 * 60_000;
	const at = (seconds: number) => new Date(start + seconds * 1000).toISOString();
	// Ten answers 2 s apart, in pairs racing to the two servers: of each pair exactly one is
	// outside the 4 s interval of the answer kept before it, whichever server took it.
	const ids = Array.from({ length: 10 }, () => randomUUID());
	const bodies = ids.map((id, i) => ({ ...k.answer(1 + (i % 3), id), submittedAt: at(i * 2) }));
	const statuses: number[] = [];
	for (let i = 0; i < bodies.length; i += 2) {
		statuses.push(
			...(await Promise.all([send(request, a, k, bodies[i]), send(request, b, k, bodies[i + 1])]))
		);
	}
	expect(statuses.filter((s) => s === 201)).toHaveLength(5);
	expect(statuses.filter((s) => s === 429)).toHaveLength(5);
	const acknowledged = ids.filter((_, i) => statuses[i] === 201);
	const stored = storedOf(kiosk.id);
	expect(stored.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
	const gaps = stored
		.slice(1)
		.map((r, i) => Date.parse(r.submitted_at) - Date.parse(stored[i].submitted_at));
	expect(Math.min(...gaps)).toBeGreaterThanOrEqual(4000);

	// The same answer sent to both at once (a retry racing the first try): stored once, and
	// the second is told it was already received.
	const once = randomUUID();
	const twice = { ...k.answer(3, once), submittedAt: at(60) };
	const both = await Promise.all([send(request, a, k, twice), send(request, b, k, twice)]);
	expect(both.sort()).toEqual([200, 201]);
	expect(storedOf(kiosk.id).filter((r) => r.id === once)).toHaveLength(1);
	expect(storedOf(kiosk.id)).toHaveLength(6);
});

test('an export requested on one server finishes while the other ingests', async ({ request }) => {
	test.setTimeout(240_000);
	// Two months of the demo (about ten thousand answers): over the synchronous limit, so a job.
	const [from, to] = ['2026-09-01', '2026-10-31'];
	const want = (
		db
			.prepare('SELECT count(*) AS n FROM responses WHERE local_date BETWEEN ? AND ?')
			.get(from, to) as { n: number }
	).n;
	expect(want).toBeGreaterThan(5000);

	// Signed in on one server; the session cookie (localhost, any port) works on the other.
	const signedIn = await request.post(`${a.base}/login`, {
		form: { username: 'admin', password: PASSWORD },
		headers: { origin: a.base, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signedIn.status()).toBe(303);
	const query = `content=responses&format=csv&period=custom&from=${from}&to=${to}&compare=none`;
	const started = await request.get(`${a.base}/api/v1/export?${query}`);
	expect(started.status()).toBe(202);
	const { job } = (await started.json()) as { job: { id: string } };

	// The other server takes a kiosk's answers (today's, outside the exported period) until the
	// job is done, and the job's progress is read there too.
	const other = newKioskLike(db, 'qr', { minIntervalSeconds: 0 });
	const k = await pair(request, other.pairingCode, b.base);
	const ingested: number[] = [];
	let status = '';
	let polls = 0;
	for (const until = Date.now() + 200_000; status !== 'done' && Date.now() < until;) {
		ingested.push(await send(request, b, k, k.answer(1 + (ingested.length % 3))));
		if (ingested.length % 10 === 0) {
			const r = await request.get(`${b.base}/api/v1/export-jobs/${job.id}`);
			expect(r.status()).toBe(200);
			status = ((await r.json()) as { job: { status: string } }).job.status;
			polls++;
			expect(status).not.toBe('failed');
		}
	}
	expect(status).toBe('done');
	expect(polls).toBeGreaterThan(1);
	expect(ingested.length).toBeGreaterThan(20);
	expect(ingested.filter((s) => s !== 201)).toEqual([]);
	expect(storedOf(other.id)).toHaveLength(ingested.length);

	// Downloaded from the server that did not take the request: the job ran once, its file
	// has the period's answers, as many as the database holds.
	const file = await request.get(`${b.base}/api/v1/export-jobs/${job.id}/file`);
	expect(file.status()).toBe(200);
	const rows = await parseCsv((await file.text()).replace(/^\uFEFF/, ''));
	expect(rows).toHaveLength(want);
	const done = db
		.prepare('SELECT status, rows_done, attempts FROM export_jobs WHERE id = ?')
		.get(job.id) as { status: string; rows_done: number; attempts: number };
	expect(done).toEqual({ status: 'done', rows_done: want, attempts: 1 });
});

test('failed sign-ins on one server throttle the account on the other', async () => {
	const signIn = async (server: OwnServer, password: string) => {
		const r = await fetch(`${server.base}/login`, {
			method: 'POST',
			body: new URLSearchParams({ username: 'admin', password }),
			headers: { origin: server.base, accept: 'text/html' },
			redirect: 'manual'
		});
		return { status: r.status, text: await r.text() };
	};
	for (let i = 0; i < ACCOUNT_LIMIT; i++) {
		const wrong = await signIn(a, `wrong-${i}`);
		expect(wrong.status).toBe(400);
		expect(wrong.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
	}
	// The right password, on the other server: refused until the lock ends, on both.
	for (const server of [b, a]) {
		const locked = await signIn(server, PASSWORD);
		expect(locked.status).toBe(429);
		expect(locked.text).toContain('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
	}
	const lock = db
		.prepare("SELECT failures, locked_until FROM login_throttle WHERE key = 'user:admin'")
		.get() as { failures: number; locked_until: string | null };
	expect(lock.failures).toBe(ACCOUNT_LIMIT);
	expect(Date.parse(lock.locked_until!)).toBeGreaterThan(Date.now() + 14 * 60_000);
});
