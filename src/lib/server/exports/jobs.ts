import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Selectable, Updateable } from 'kysely';
import { recorded, type AuditContext } from '../audit';
import type { DbOrTx } from '../db';
import type { ExportJobsTable } from '../db/schema';
import { newId, nowIso } from '../ids';
import type { StatsFilters } from '../stats';
import type { Scope } from './describe';
import type { Caller, ExportRequest } from './request';

// The export job table (migration 2026_12_06_0100): state in the database so that a job
// survives a restart and any instance can run it.
//
// Claiming is one UPDATE guarded by status = 'queued': of two runners that pick the same job,
// only the first changes the row and gets it back from RETURNING; the other gets nothing. On
// PostgreSQL the subquery that picks the job takes `FOR UPDATE SKIP LOCKED`, so concurrent
// runners skip to the next job instead of waiting on the same one. SQLite has no row locks (and
// one runner per process suffices there), so the guard alone is used.

export type ExportJob = Selectable<ExportJobsTable>;

/** Files are kept this long, then purged by the housekeeping. */
export const KEEP_DAYS = 7;
/** A running job whose heartbeat is older than this is taken as interrupted. */
export const STALE_MS = 30_000;
/** Starts of a job, counting restarts after an interruption; then it fails (with "Thử lại"). */
export const MAX_ATTEMPTS = 3;

export interface StoredScope {
	scope: Scope;
	/** The filters as resolved when asked: a running "this month" must not move under a job. */
	filters: StatsFilters;
}

export async function create(
	db: DbOrTx,
	input: { caller: Caller; req: ExportRequest; scope: Scope; rowsTotal: number },
	now = new Date()
): Promise<ExportJob> {
	const { caller, req } = input;
	const stored: StoredScope = { scope: input.scope, filters: req.query.filters };
	return db
		.insertInto('exportJobs')
		.values({
			id: newId(),
			userId: caller.user?.id ?? null,
			tokenId: caller.tokenId,
			username: caller.name,
			role: caller.asker.role,
			scopeUnitId: caller.asker.unitId,
			format: req.format,
			content: req.content,
			params: req.params,
			scope: JSON.stringify(stored),
			status: 'queued',
			rowsTotal: input.rowsTotal,
			createdAt: nowIso(now)
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

export function storedScope(job: ExportJob): StoredScope {
	return JSON.parse(job.scope) as StoredScope;
}

export async function byId(db: DbOrTx, id: string): Promise<ExportJob | undefined> {
	return db.selectFrom('exportJobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether `caller` may see and download a job: their own (user or token), or any for admins. */
export function isOwner(job: ExportJob, caller: Caller): boolean {
	if (caller.tokenId) return job.tokenId === caller.tokenId;
	if (caller.asker.role === 'admin') return true;
	return caller.user !== null && job.userId === caller.user.id && job.tokenId === null;
}

/** A user's jobs since `since`, newest first. */
export async function listForUser(
	db: DbOrTx,
	userId: string,
	q: { since: string; limit: number; offset: number }
): Promise<{ rows: ExportJob[]; total: number }> {
	const base = db
		.selectFrom('exportJobs')
		.where('userId', '=', userId)
		.where('tokenId', 'is', null)
		.where('createdAt', '>=', q.since);
	const count = await base
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirst();
	const rows = await base
		.selectAll()
		.orderBy('createdAt', 'desc')
		.orderBy('id')
		.limit(q.limit)
		.offset(q.offset)
		.execute();
	return { rows, total: Number(count?.n ?? 0) };
}

/** Takes the oldest queued job for `runnerId`; null when there is none (or another won it). */
export async function claimNext(
	db: DbOrTx,
	runnerId: string,
	now = new Date()
): Promise<ExportJob | null> {
	const next = db
		.selectFrom('exportJobs')
		.select('id')
		.where('status', '=', 'queued')
		.orderBy('createdAt')
		.orderBy('id')
		.limit(1);
	const at = nowIso(now);
	const claimed = await db
		.updateTable('exportJobs')
		.set((eb) => ({
			status: 'running',
			claimedBy: runnerId,
			heartbeatAt: at,
			startedAt: at,
			rowsDone: 0,
			error: null,
			attempts: eb('attempts', '+', 1)
		}))
		.where('id', '=', next)
		.where('status', '=', 'queued')
		.returningAll()
		.executeTakeFirst();
	return claimed ?? null;
}

/** Changes the job while `runnerId` still runs it; false when it is no longer theirs. */
async function updateHeld(
	db: DbOrTx,
	job: ExportJob,
	runnerId: string,
	set: Updateable<ExportJobsTable>
): Promise<boolean> {
	const r = await db
		.updateTable('exportJobs')
		.set(set)
		.where('id', '=', job.id)
		.where('status', '=', 'running')
		.where('claimedBy', '=', runnerId)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Progress and heartbeat; false when the job is no longer this runner's. */
export async function progress(
	db: DbOrTx,
	job: ExportJob,
	runnerId: string,
	rowsDone: number,
	now = new Date()
): Promise<boolean> {
	return updateHeld(db, job, runnerId, { rowsDone, heartbeatAt: nowIso(now) });
}

export async function finish(
	db: DbOrTx,
	job: ExportJob,
	runnerId: string,
	done: { rowsDone: number; bytes: number; fileName: string },
	now = new Date()
): Promise<boolean> {
	return updateHeld(db, job, runnerId, {
		status: 'done',
		rowsDone: done.rowsDone,
		// The count may have grown while the job ran (new answers inside the period).
		rowsTotal: done.rowsDone,
		bytes: done.bytes,
		fileName: done.fileName,
		finishedAt: nowIso(now),
		heartbeatAt: nowIso(now)
	});
}

export async function fail(
	db: DbOrTx,
	job: ExportJob,
	runnerId: string | null,
	error: string,
	now = new Date()
): Promise<void> {
	let q = db
		.updateTable('exportJobs')
		.set({ status: 'failed', error: error.slice(0, 500), finishedAt: nowIso(now) })
		.where('id', '=', job.id);
	if (runnerId) q = q.where('claimedBy', '=', runnerId);
	await q.execute();
}

/**
 * Running jobs whose runner stopped beating (a restart, a crash): queued again while they have
 * attempts left, else failed with 'interrupted' for the owner to retry.
 */
export async function recoverStale(
	db: DbOrTx,
	now = new Date(),
	staleMs = STALE_MS
): Promise<{ requeued: string[]; failed: string[] }> {
	const cutoff = nowIso(new Date(now.getTime() - staleMs));
	const stale = await db
		.selectFrom('exportJobs')
		.select(['id', 'attempts', 'claimedBy'])
		.where('status', '=', 'running')
		.where((eb) => eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<=', cutoff)]))
		.execute();
	const out = { requeued: [] as string[], failed: [] as string[] };
	for (const job of stale) {
		const again = job.attempts < MAX_ATTEMPTS;
		// Guarded by the claim seen, so two instances recovering at once act once.
		const r = await db
			.updateTable('exportJobs')
			.set(
				again
					? { status: 'queued', claimedBy: null, rowsDone: 0 }
					: { status: 'failed', error: 'interrupted', finishedAt: nowIso(now) }
			)
			.where('id', '=', job.id)
			.where('status', '=', 'running')
			.where('claimedBy', job.claimedBy === null ? 'is' : '=', job.claimedBy)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) === 1) (again ? out.requeued : out.failed).push(job.id);
	}
	return out;
}

/** "Thử lại": a failed job is queued again with fresh attempts. */
export async function retry(db: DbOrTx, id: string): Promise<boolean> {
	const r = await db
		.updateTable('exportJobs')
		.set({
			status: 'queued',
			attempts: 0,
			rowsDone: 0,
			error: null,
			claimedBy: null,
			finishedAt: null
		})
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Deletes files of jobs finished more than KEEP_DAYS ago; returns how many were purged. */
export async function purgeFiles(db: DbOrTx, dir: string, now = new Date()): Promise<number> {
	const cutoff = nowIso(new Date(now.getTime() - KEEP_DAYS * 86_400_000));
	const old = await db
		.selectFrom('exportJobs')
		.select(['id', 'fileName'])
		.where('fileName', 'is not', null)
		.where('purgedAt', 'is', null)
		.where('finishedAt', '<', cutoff)
		.execute();
	for (const job of old) {
		await rm(join(dir, job.fileName!), { force: true });
		await db
			.updateTable('exportJobs')
			.set({ fileName: null, purgedAt: nowIso(now) })
			.where('id', '=', job.id)
			.execute();
	}
	return old.length;
}

/** retry() for the person who asked (/admin/exports), with its audit line; false if not failed. */
export function retryRecorded(
	db: DbOrTx,
	job: Pick<ExportJob, 'id' | 'format' | 'content'>,
	ctx: AuditContext
): Promise<boolean> {
	return recorded(
		db,
		ctx,
		(tx) => retry(tx, job.id),
		(retried) =>
			retried
				? {
						action: 'export.job_retry',
						targetType: 'export_job',
						targetId: job.id,
						detail: { format: job.format, content: job.content }
					}
				: null
	);
}
