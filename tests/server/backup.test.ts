import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import {
	backupDatabase,
	BackupError,
	restoreDatabase,
	type BackupProgress
} from '../../src/lib/server/backup';
import { migrateToLatest, openDatabase, type Db } from '../../src/lib/server/db';
import * as kiosks from '../../src/lib/server/kiosks';
import * as responses from '../../src/lib/server/responses';
import * as stats from '../../src/lib/server/stats';
import { closeDatabase } from '../../src/lib/server/shutdown';
import { publishTemplate, smallTree } from './helpers';

const TABLES = ['units', 'kiosks', 'responses', 'response_answers', 'follow_up_cases', 'audit_log'];

let dir = '';
const open: Db[] = [];
afterEach(async () => {
	for (const db of open.splice(0)) await closeDatabase(db).catch(() => undefined);
	rmSync(dir, { recursive: true, force: true });
});

async function counts(db: Db): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const table of TABLES) {
		const { rows } = await sql<{
			n: number;
		}>`select count(*) as n from ${sql.table(table)}`.execute(db);
		out[table] = Number(rows[0].n);
	}
	return out;
}

/** A database the way the server opens it, with kiosks answering it. */
async function serving() {
	dir = mkdtempSync(join(tmpdir(), 'ykien-backup-'));
	const path = join(dir, 'live.db');
	const db = openDatabase(path, { writerThread: true, backgroundCheckpoint: true });
	open.push(db);
	await migrateToLatest(db);
	const tree = await smallTree(db);
	const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
	const { kiosk } = await kiosks.create(db, { unitId: tree.c1.id, name: 'Kiosk' });
	const place: responses.Place = {
		channel: 'kiosk',
		unitId: tree.c1.id,
		counterId: null,
		kioskId: kiosk.id,
		settings: { ...DEFAULT_KIOSK_SETTINGS, minIntervalSeconds: 0 }
	};
	let sent = 0;
	const answer = () =>
		responses.record(db, place, {
			id: randomUUID(),
			surveyVersionId: versionId,
			answers: { satisfaction: 1 + (sent++ % 3) },
			submittedAt: new Date().toISOString()
		});
	return { db, path, tree, answer };
}

const figures = (db: Db, unitId: string) => {
	const today = new Date().toISOString().slice(0, 10);
	return stats.dashboard(db, { unitId, from: '2026-01-01', to: today });
};

describe('backup and restore', () => {
	it('backs up in steps while answers keep being acknowledged, and restores what it copied', async () => {
		const { db, path, tree, answer } = await serving();
		for (let i = 0; i < 300; i++) expect((await answer()).ok).toBe(true);
		let acknowledged = 0;
		let loading = true;
		const load = (async () => {
			while (loading) {
				const r = await answer();
				if (r.ok) acknowledged++;
			}
		})();
		// Backups while kiosks answer, until one of them saw answers acknowledged between its
		// first and last step (on a busy machine a small file may be copied before the first).
		let steps: BackupProgress[] = [];
		let underLoad = '';
		let acknowledgedDuring = 0;
		for (let attempt = 0; attempt < 20 && acknowledgedDuring === 0; attempt++) {
			steps = [];
			underLoad = join(dir, `under-load-${attempt}.db`);
			let atFirstStep: number | null = null;
			await backupDatabase(
				path,
				underLoad,
				(p) => {
					atFirstStep ??= acknowledged;
					steps.push(p);
					// A slow disk: each step takes 5 ms, so the writer thread commits answers
					// between steps even on a machine busy enough to delay it (CI with builds beside).
					const until = Date.now() + 5;
					while (Date.now() < until);
				},
				4
			);
			acknowledgedDuring = acknowledged - (atFirstStep ?? acknowledged);
		}
		loading = false;
		await load;
		const during = acknowledged;
		// In steps, and the server acknowledged answers between them.
		expect(steps.length).toBeGreaterThan(5);
		expect(acknowledgedDuring).toBeGreaterThan(0);
		// Never started over (SQLite restarts a backup when another connection writes between
		// two steps, unless the backup holds its snapshot).
		const restarts = steps.filter((p, i) => i > 0 && p.pagesDone < steps[i - 1].pagesDone);
		expect(restarts).toEqual([]);
		const copy = openDatabase(underLoad);
		open.push(copy);
		const copied = (await counts(copy)).responses;
		expect(copied).toBeGreaterThanOrEqual(300);
		expect(copied).toBeLessThanOrEqual(300 + during);
		// One snapshot: every answer copied has its rows.
		const { rows } = await sql<{ n: number }>`select count(*) as n from responses r
			where not exists (select 1 from response_answers a where a.response_id = r.id)`.execute(copy);
		expect(Number(rows[0].n)).toBe(0);

		// Quiet now: a backup restored into a new file has the same rows and the same figures.
		const quiet = join(dir, 'quiet.db');
		await backupDatabase(path, quiet);
		const restoredPath = join(dir, 'restored.db');
		await restoreDatabase(quiet, restoredPath);
		const restored = openDatabase(restoredPath);
		open.push(restored);
		await stats.rebuild(restored);
		expect(await counts(restored)).toEqual(await counts(db));
		expect((await counts(restored)).responses).toBe(300 + during);
		const [mine, theirs] = [await figures(db, tree.c1.id), await figures(restored, tree.c1.id)];
		expect(theirs.headline).toEqual(mine.headline);
		expect(theirs.headline.responses).toBe(300 + during);
	});

	it('refuses to restore over a database a server has open, and refuses what is not a backup', async () => {
		const { db, path, answer } = await serving();
		expect((await answer()).ok).toBe(true);
		const file = join(dir, 'b.db');
		await backupDatabase(path, file);
		await expect(backupDatabase(path, file)).rejects.toThrow(/exists already/);
		await expect(restoreDatabase(file, path)).rejects.toThrow(
			new BackupError(`A server has ${path} open: stop it first, then restore`)
		);
		// Nothing was touched: the server goes on.
		expect((await answer()).ok).toBe(true);
		const junk = join(dir, 'junk.db');
		const { writeFileSync } = await import('node:fs');
		writeFileSync(junk, 'not a database at all, just text'.repeat(200));
		await expect(restoreDatabase(junk, join(dir, 'x.db'))).rejects.toThrow(/not a SQLite database/);
		// Once the server has stopped, the restore goes through.
		open.splice(open.indexOf(db), 1);
		await closeDatabase(db);
		await restoreDatabase(file, path);
		const back = openDatabase(path);
		open.push(back);
		expect((await counts(back)).responses).toBe(1);
	});
});
