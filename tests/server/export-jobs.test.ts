import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigrated, type Db } from '../../src/lib/server/db/index';
import * as exports from '../../src/lib/server/exports';
import { runHousekeeping } from '../../src/lib/server/housekeeping';
import { exportBytes, exportWorld, parseCsv, readXlsx, sheetRecords } from './exports-world';
import { testDb, TEST_ENGINE } from './helpers';

// Background exports end to end through the endpoints' own functions: 202 and a job above the
// threshold, the runner writing the file under exports/ beside the database, the job's state
// and file endpoints, the audit log, a restart in the middle of a job, and the 7-day purge.

const opened: Db[] = [];
const folders: string[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) await db.destroy();
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
	delete process.env.EXPORT_DIR;
});

async function fileWorld() {
	const dir = mkdtempSync(join(tmpdir(), 'ykien-exports-'));
	folders.push(dir);
	// The export threads open the database themselves: a file on SQLite (the files go beside
	// it), the schema on PostgreSQL (the files go to EXPORT_DIR).
	const db =
		TEST_ENGINE === 'postgres' ? await testDb() : await openMigrated(join(dir, 'ykien.db'));
	if (TEST_ENGINE === 'postgres') process.env.EXPORT_DIR = join(dir, 'exports');
	opened.push(db);
	const world = await exportWorld(db);
	return { ...world, dir, exportDir: join(dir, 'exports') };
}

function user(role: SessionUser['role'], unitId: string | null, id = `user-${role}`): SessionUser {
	return { id, username: `${role}.test`, displayName: role, role, unitId };
}

function event(u: SessionUser | null, path: string) {
	const url = new URL(`http://localhost${path}`);
	return {
		locals: { user: u, requestId: 'req-test', locale: 'vi' as const, sessionId: null },
		url,
		request: new Request(url),
		getClientAddress: () => '192.0.2.1'
	};
}

async function auditRows(db: Db) {
	const rows = await db.selectFrom('auditLog').selectAll().orderBy('at').execute();
	return rows.map((r) => ({ ...r, detail: r.detail ? JSON.parse(r.detail) : null }));
}

const QUERY = 'unit=TBM&period=custom&from=2025-06-01&to=2026-03-31';

describe('access', () => {
	it('gives a forged unit 403 in the API error shape and writes nothing', async () => {
		const { db, tree, exportDir } = await fileWorld();
		const viewer = user('viewer', tree.ha.id);
		for (const content of ['summary', 'responses', 'comments']) {
			const r = await exports.exportResponse(
				db,
				event(viewer, `/api/v1/export?${QUERY}&content=${content}`),
				0
			);
			expect(r.status).toBe(403);
			expect(await r.json()).toEqual({
				error: { code: 'forbidden', message: 'This unit is outside your scope' }
			});
		}
		expect(existsSync(exportDir)).toBe(false);
		expect(await db.selectFrom('exportJobs').selectAll().execute()).toEqual([]);
		expect(await auditRows(db)).toEqual([]);
		const anonymous = await exports.exportResponse(db, event(null, `/api/v1/export?${QUERY}`), 0);
		expect(anonymous.status).toBe(401);
	});
});

describe('a small export is streamed at once and audited', () => {
	it('answers the file with the rows counted, and records who, scope, period, format and rows', async () => {
		const { db, tree } = await fileWorld();
		const viewer = user('viewer', tree.tbNew.id);
		const r = await exports.exportResponse(
			db,
			event(viewer, `/api/v1/export?${QUERY}&content=responses&format=csv`),
			1000
		);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(r.headers.get('content-disposition')).toBe(
			'attachment; filename="y-kien-phan-hoi-2025-06-01-2026-03-31.csv"'
		);
		const rows = await parseCsv((await r.text()).replace(/^\uFEFF/, ''));
		const want = await exportBytes(db, viewer, {
			unit: 'TBM',
			period: 'custom',
			from: '2025-06-01',
			to: '2026-03-31',
			content: 'responses'
		});
		expect(rows).toHaveLength(want.rows);
		const [entry] = await auditRows(db);
		expect(entry).toMatchObject({
			action: 'export.download',
			userId: viewer.id,
			username: viewer.username,
			ip: '192.0.2.1',
			requestId: 'req-test',
			detail: {
				format: 'csv',
				content: 'responses',
				rows: want.rows,
				scope: {
					unit: { code: 'TBM', name: 'Xã Tân Bình (mới)' },
					from: '2025-06-01',
					to: '2026-03-31',
					channel: null,
					excludeFlagged: false
				}
			}
		});
	});
});

describe('a large export runs as a job', () => {
	it(
		'answers 202, the runner writes the file, and the owner downloads it',
		{ timeout: 60_000 },
		async () => {
			const { db, tree, exportDir } = await fileWorld();
			const manager = user('manager', tree.ct.id);
			const path = `/api/v1/export?${QUERY}&content=responses&format=xlsx`;
			const r = await exports.exportResponse(db, event(manager, path), 10);
			expect(r.status).toBe(202);
			const body = await r.json();
			const want = await exportBytes(db, manager, {
				unit: 'TBM',
				period: 'custom',
				from: '2025-06-01',
				to: '2026-03-31',
				content: 'responses'
			});
			expect(body.job).toMatchObject({ status: 'queued', rowsDone: 0, rowsTotal: want.rows });
			expect(r.headers.get('location')).toBe(`/api/v1/export-jobs/${body.job.id}`);

			const runner = new exports.ExportRunner(db, exportDir);
			await runner.drain();
			const state = await exports.jobResponse(db, event(manager, ''), body.job.id);
			const job = (await state.json()).job;
			expect(job).toMatchObject({
				status: 'done',
				rowsDone: want.rows,
				rowsTotal: want.rows,
				file: `/api/v1/export-jobs/${body.job.id}/file`
			});
			expect(readdirSync(exportDir)).toEqual([`${body.job.id}.xlsx`]);

			// Someone else (even of the same unit) does not see it; an admin does.
			const other = user('manager', tree.ct.id, 'user-other');
			expect((await exports.jobResponse(db, event(other, ''), body.job.id)).status).toBe(404);
			expect((await exports.jobFileResponse(db, event(other, ''), body.job.id)).status).toBe(404);
			expect(
				(await exports.jobResponse(db, event(user('admin', null), ''), body.job.id)).status
			).toBe(200);

			const file = await exports.jobFileResponse(db, event(manager, ''), body.job.id);
			expect(file.status).toBe(200);
			const got = sheetRecords(
				(await readXlsx(Buffer.from(await file.arrayBuffer()))).getWorksheet('Phản hồi')!
			);
			const sync = sheetRecords((await readXlsx(want.bytes)).getWorksheet('Phản hồi')!);
			expect(got).toEqual(sync);

			const actions = (await auditRows(db)).map((a) => [a.action, a.targetId, a.detail.rows]);
			expect(actions).toEqual([
				['export.job_create', body.job.id, want.rows],
				['export.job_done', body.job.id, want.rows],
				['export.job_download', body.job.id, want.rows]
			]);
		}
	);

	// Seven export threads start here, each loading the TypeScript sources: slow on a busy machine.
	it(
		'survives a restart: an interrupted job is run again, or failed for a retry',
		{ timeout: 180_000 },
		async () => {
			const { db, exportDir } = await fileWorld();
			const admin = user('admin', null);
			const path = `/api/v1/export?${QUERY}&content=comments&format=csv`;
			const { job } = await (await exports.exportResponse(db, event(admin, path), 0)).json();

			// The first process dies after its first chunk: the job stays 'running', no file is left.
			const first = new exports.ExportRunner(db, exportDir, { onChunk: () => void first.stop() });
			await first.drain();
			let row = (await exports.jobs.byId(db, job.id))!;
			expect(row).toMatchObject({ status: 'running', attempts: 1, claimedBy: first.id });
			expect(readdirSync(exportDir)).toEqual([]);

			// A new process: while the heartbeat is fresh it leaves the job alone …
			const second = new exports.ExportRunner(db, exportDir);
			await second.drain();
			expect((await exports.jobs.byId(db, job.id))!.status).toBe('running');
			// … once it is stale, the job is queued again and finished.
			const third = new exports.ExportRunner(db, exportDir, { staleMs: 0 });
			await third.drain();
			row = (await exports.jobs.byId(db, job.id))!;
			expect(row).toMatchObject({ status: 'done', attempts: 2, claimedBy: third.id });
			expect(row.rowsDone).toBe(job.rowsTotal);
			const file = await exports.jobFileResponse(db, event(admin, ''), job.id);
			const rows = await parseCsv((await file.text()).replace(/^\uFEFF/, ''));
			expect(rows).toHaveLength(job.rowsTotal);

			// A job interrupted on every attempt fails with 'interrupted'; "Thử lại" runs it again.
			const again = await (await exports.exportResponse(db, event(admin, path), 0)).json();
			for (let i = 0; i < exports.jobs.MAX_ATTEMPTS; i++) {
				const dying = new exports.ExportRunner(db, exportDir, {
					staleMs: 0,
					onChunk: () => void dying.stop()
				});
				await dying.drain();
			}
			await exports.jobs.recoverStale(db, new Date(), 0);
			expect(await exports.jobs.byId(db, again.job.id)).toMatchObject({
				status: 'failed',
				error: 'interrupted'
			});
			expect(await exports.jobs.retry(db, again.job.id)).toBe(true);
			await new exports.ExportRunner(db, exportDir).drain();
			expect((await exports.jobs.byId(db, again.job.id))!.status).toBe('done');
		}
	);

	it('claims a job once when two runners race for it', async () => {
		const { db } = await fileWorld();
		const admin = user('admin', null);
		const path = `/api/v1/export?${QUERY}&content=comments&format=csv`;
		await exports.exportResponse(db, event(admin, path), 0);
		const [a, b] = await Promise.all([
			exports.jobs.claimNext(db, 'runner-a'),
			exports.jobs.claimNext(db, 'runner-b')
		]);
		expect([a, b].filter(Boolean)).toHaveLength(1);
	});

	it(
		'purges files older than 7 days in the housekeeping, keeping the job as history',
		{ timeout: 60_000 },
		async () => {
			const { db, exportDir } = await fileWorld();
			const admin = user('admin', null);
			const path = `/api/v1/export?${QUERY}&content=comments&format=csv`;
			const { job } = await (await exports.exportResponse(db, event(admin, path), 0)).json();
			await new exports.ExportRunner(db, exportDir).drain();
			const finished = Date.parse((await exports.jobs.byId(db, job.id))!.finishedAt!);
			const sixDays = await runHousekeeping(db, new Date(finished + 6 * 86_400_000));
			expect(sixDays.exportFiles).toBe(0);
			expect(readdirSync(exportDir)).toEqual([`${job.id}.csv`]);
			const eightDays = await runHousekeeping(db, new Date(finished + 8 * 86_400_000));
			expect(eightDays.exportFiles).toBe(1);
			expect(readdirSync(exportDir)).toEqual([]);
			expect(await exports.jobs.byId(db, job.id)).toMatchObject({ status: 'done', fileName: null });
			const gone = await exports.jobFileResponse(db, event(admin, ''), job.id);
			expect(gone.status).toBe(409);
		}
	);
});
