import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import { sql } from 'kysely';
import { openMigrated, openDatabase, type Db } from '../../src/lib/server/db/index';
import * as kiosks from '../../src/lib/server/kiosks';
import * as responses from '../../src/lib/server/responses';
import * as stats from '../../src/lib/server/stats';
import { copyDatabase } from '../../scripts/db-copy';
import { emptyPostgres, publishTemplate, smallTree, TEST_ENGINE } from './helpers';

const NOW = new Date('2026-03-03T02:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'ykien-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A SQLite file with a tree, a merged unit, answers over two years and their summaries. */
async function sqliteWithAnswers(): Promise<{ path: string; unitId: string }> {
	const path = join(dir, `${randomUUID()}.db`);
	const db = await openMigrated(path);
	const tree = await smallTree(db);
	const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
	const { kiosk } = await kiosks.create(db, { unitId: tree.c1.id, name: 'Kiosk' }, NOW);
	const place: responses.Place = {
		channel: 'kiosk',
		unitId: tree.c1.id,
		counterId: null,
		kioskId: kiosk.id,
		settings: { ...DEFAULT_KIOSK_SETTINGS }
	};
	for (let i = 0; i < 30; i++) {
		const when = new Date(NOW.getTime() - i * 20 * 24 * 3600_000);
		const r = await responses.record(
			db,
			place,
			{
				id: randomUUID(),
				surveyVersionId: versionId,
				answers: { satisfaction: 1 + (i % 3) },
				submittedAt: when.toISOString()
			},
			new Date(when.getTime() + 1000)
		);
		expect(r.ok).toBe(true);
	}
	await db.transaction().execute((tx) => stats.foldAll(tx));
	await db.destroy();
	return { path, unitId: tree.p.id };
}

describe.skipIf(TEST_ENGINE !== 'postgres')('npm run db:copy', () => {
	it('copies every table into an empty PostgreSQL, with equal counts and figures', async () => {
		const { path, unitId } = await sqliteWithAnswers();
		const target = await emptyPostgres();
		const report = await copyDatabase(path, target.url);
		// Three years (2024 to 2026) of five units and of every unit together.
		expect(report.figuresCompared).toBe(3 * 6);
		const source = openDatabase(path);
		const copy = openDatabase(target.url);
		for (const table of ['responses', 'response_answers', 'unit_closure', 'stats_main']) {
			expect(await count(copy, table)).toBe(await count(source, table));
		}
		expect(await count(copy, 'responses')).toBe(30);
		const year = { unitId, from: '2026-01-01', to: '2026-12-31' };
		expect((await stats.dashboard(copy, year)).headline).toEqual(
			(await stats.dashboard(source, year)).headline
		);
		await copy.destroy();
		await source.destroy();

		// A second copy into the same (now non-empty) database is refused.
		await expect(copyDatabase(path, target.url)).rejects.toThrow(/not empty/);
		await target.drop();
	});
});

async function count(db: Db, table: string): Promise<number> {
	const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
	return Number(r.rows[0].n);
}
