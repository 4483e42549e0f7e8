import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import { openDatabase, urlOf, type Db } from '../../src/lib/server/db/index';
import { signIn } from '../../src/lib/server/auth/sign-in';
import * as throttle from '../../src/lib/server/auth/throttle';
import * as kiosks from '../../src/lib/server/kiosks';
import * as responses from '../../src/lib/server/responses';
import * as stats from '../../src/lib/server/stats';
import * as users from '../../src/lib/server/users';
import { publishTemplate, smallTree, testDb, TEST_ENGINE } from './helpers';

// Two server instances on one PostgreSQL database, as two handles with a pool each (each with
// its own answer writer, fold schedule and kiosk cache): what one instance writes, the other
// must respect. PostgreSQL only: SQLite has one server process by design.

const NOW = new Date('2026-03-03T02:00:00.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000).toISOString();

async function twoInstances(): Promise<{ a: Db; b: Db }> {
	const a = await testDb();
	const b = openDatabase(urlOf(a), { poolSize: 3 });
	return { a, b };
}

describe.skipIf(TEST_ENGINE !== 'postgres')('two instances on one PostgreSQL', () => {
	it('hold one kiosk to its minimum interval and its answers to their UUID, alternately', async () => {
		const { a, b } = await twoInstances();
		const tree = await smallTree(a);
		const { versionId } = await publishTemplate(a, tree.p.id, 'desk3');
		const { kiosk } = await kiosks.create(a, { unitId: tree.c1.id, name: 'Kiosk' }, NOW);
		const place: responses.Place = {
			channel: 'kiosk',
			unitId: tree.c1.id,
			counterId: null,
			kioskId: kiosk.id,
			settings: { ...DEFAULT_KIOSK_SETTINGS, minIntervalSeconds: 4 }
		};
		const body = (id: string, seconds: number) => ({
			id,
			surveyVersionId: versionId,
			answers: { satisfaction: 3 },
			submittedAt: at(seconds)
		});
		// Ten answers 2 s apart, racing in pairs to the two instances: every other one is within
		// the 4 s interval of the one before, whichever instance took it.
		const ids = Array.from({ length: 10 }, () => randomUUID());
		const outcomes: string[] = [];
		for (let i = 0; i < 10; i += 2) {
			const pair = await Promise.all([
				responses.record(a, place, body(ids[i], i * 2), NOW),
				responses.record(b, place, body(ids[i + 1], i * 2 + 2), NOW)
			]);
			outcomes.push(...pair.map((r) => (r.ok ? String(r.status) : r.code)));
		}
		expect(outcomes.filter((o) => o === '201')).toHaveLength(5);
		const stored = await a.selectFrom('responses').select('id').execute();
		expect(stored).toHaveLength(5);

		// The same UUID sent to both at once: stored once, the other is told it is a duplicate.
		const id = randomUUID();
		const twice = await Promise.all([
			responses.record(a, place, body(id, 60), NOW),
			responses.record(b, place, body(id, 60), NOW)
		]);
		expect(twice.map((r) => (r.ok ? r.status : r.code)).sort()).toEqual([200, 201]);
		expect(
			await a.selectFrom('responses').select('id').where('id', '=', id).execute()
		).toHaveLength(1);

		// Both instances fold at once, besides their own fold steps, which record() scheduled: each
		// takes the advisory lock in turn, so every pending row is added once and figures are exact.
		await Promise.all([
			a.transaction().execute((tx) => stats.foldAll(tx)),
			b.transaction().execute((tx) => stats.foldAll(tx))
		]);
		const left = await sql<{ n: string }>`SELECT count(*) AS n FROM stats_main_pending`.execute(a);
		expect(Number(left.rows[0].n)).toBe(0);
		const figures = await stats.dashboard(b, {
			unitId: tree.p.id,
			from: '2026-03-03',
			to: '2026-03-03'
		});
		expect(figures.headline.responses).toBe(6);
		await b.destroy();
		await a.destroy();
	});

	it('throttles sign-in on one instance after failures on the other', async () => {
		const { a, b } = await twoInstances();
		await users.create(a, { username: 'lan', role: 'admin', password: 'Mật khẩu dài 2026!' });
		const ip = '203.0.113.9';
		for (let i = 0; i < throttle.ACCOUNT_LIMIT; i++) {
			const db = i % 2 === 0 ? a : b;
			expect((await signIn(db, { username: 'lan', password: 'wrong', ip })).ok).toBe(false);
		}
		const locked = await signIn(b, { username: 'lan', password: 'Mật khẩu dài 2026!', ip });
		expect(locked).toMatchObject({ ok: false, reason: 'throttled' });
		const also = await signIn(a, { username: 'lan', password: 'Mật khẩu dài 2026!', ip });
		expect(also).toMatchObject({ ok: false, reason: 'throttled' });
		await b.destroy();
		await a.destroy();
	});
});
