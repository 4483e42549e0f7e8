import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import { migrateToLatest, openDatabase } from '../../src/lib/server/db';
import * as kiosks from '../../src/lib/server/kiosks';
import * as responses from '../../src/lib/server/responses';
import * as stats from '../../src/lib/server/stats';
import { warmSummaries } from '../../src/lib/server/stats/warm';
import { publishTemplate, smallTree } from './helpers';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('warming the summaries at start', () => {
	it('reads every page of every summary table and index, and of the unit tree', async () => {
		dir = mkdtempSync(join(tmpdir(), 'ykien-warm-'));
		const path = join(dir, 'w.db');
		const db = openDatabase(path);
		await migrateToLatest(db);
		const tree = await smallTree(db);
		const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
		const { kiosk } = await kiosks.create(db, { unitId: tree.c1.id, name: 'K' });
		const place: responses.Place = {
			channel: 'kiosk',
			unitId: tree.c1.id,
			counterId: null,
			kioskId: kiosk.id,
			settings: { ...DEFAULT_KIOSK_SETTINGS, minIntervalSeconds: 0 }
		};
		for (let i = 0; i < 200; i++) {
			const r = await responses.record(db, place, {
				id: randomUUID(),
				surveyVersionId: versionId,
				answers: { satisfaction: 1 + (i % 3) },
				submittedAt: new Date(Date.now() - i * 60_000).toISOString()
			});
			expect(r.ok).toBe(true);
		}
		await stats.rebuild(db);
		await db.destroy();

		// What the warm-up should read, counted independently.
		const check = new SQLite(path, { readonly: true });
		const expected = check
			.prepare(
				`SELECT count(DISTINCT m.name) AS tables, count(*) AS pages
				 FROM sqlite_master m JOIN dbstat d ON d.name = m.name
				 WHERE m.type IN ('table', 'index')
				   AND (m.tbl_name LIKE 'stats\\_%' ESCAPE '\\' OR m.tbl_name IN ('units', 'unit_closure'))`
			)
			.get() as { tables: number; pages: number };
		const summaryRows = check.prepare('SELECT count(*) AS n FROM stats_main').get() as {
			n: number;
		};
		check.close();
		expect(summaryRows.n).toBeGreaterThan(0);
		expect(expected.tables).toBeGreaterThan(10);

		const warmed = await warmSummaries(path);
		expect(warmed).toMatchObject({ tables: expected.tables, pages: expected.pages });
		expect(await warmSummaries(join(dir, 'missing.db'))).toBeNull();
	});
});
