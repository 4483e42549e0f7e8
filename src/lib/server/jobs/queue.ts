import { PostgresAdapter } from 'kysely';
import type { JobsTable } from '../db/schema';
import type { Selectable, Updateable } from 'kysely';
import type { DbOrTx } from '../db';
import { newId, nowIso } from '../ids';

/**
 * Background work that must run exactly once (issue 13): scheduled reports, alert checks and
 * their e-mails. The table is the queue.
 *
 * - enqueue: one row per idempotency key, ever: asking twice (two instances, two ticks) makes
 *   one job.
 * - claim: takes a due job for LEASE_MS; the claim is one statement, so two runners never hold
 *   the same job. A finished job ('done') is never claimed again; a 'running' one whose lease
 *   ran out (its process died mid-run) is claimed again, up to MAX_ATTEMPTS.
 * - finish/retry: only the holder of the lease may (claimed_by checked), so a runner that lost
 *   its lease cannot overwrite the one that took the job over.
 */

export type Job = Selectable<JobsTable>;

export const LEASE_MS = 10 * 60 * 1000;
export const MAX_ATTEMPTS = 5;
/** A failed attempt waits this long times the attempts made before the next. */
export const RETRY_MS = 5 * 60 * 1000;

export interface NewJob {
	key: string;
	kind: string;
	payload: unknown;
	/** When it may start (an ISO instant); now when absent. */
	runAfter?: string;
}

/** Queues a job unless one with its key exists; true when this call made it. */
export async function enqueue(db: DbOrTx, job: NewJob, now = new Date()): Promise<boolean> {
	const result = await db
		.insertInto('jobs')
		.values({
			id: newId(),
			key: job.key,
			kind: job.kind,
			payload: JSON.stringify(job.payload),
			status: 'queued',
			runAfter: job.runAfter ?? nowIso(now),
			createdAt: nowIso(now)
		})
		.onConflict((oc) => oc.column('key').doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function byKey(db: DbOrTx, key: string): Promise<Job | undefined> {
	return db.selectFrom('jobs').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * Claims the oldest due job (of `kinds`, when given) for `worker`. One UPDATE whose WHERE picks
 * the job in a subquery: on SQLite the single writer makes it atomic; on PostgreSQL the subquery
 * takes the row FOR UPDATE SKIP LOCKED, so concurrent runners each get a different job without
 * waiting on each other.
 */
export async function claim(
	db: DbOrTx,
	worker: string,
	opts: { kinds?: string[]; leaseMs?: number } = {},
	now = new Date()
): Promise<Job | null> {
	const at = nowIso(now);
	let next = db
		.selectFrom('jobs')
		.select('id')
		.where((eb) =>
			eb.or([
				eb.and([eb('status', '=', 'queued'), eb('runAfter', '<=', at)]),
				eb.and([eb('status', '=', 'running'), eb('leaseUntil', '<', at)])
			])
		)
		.where('attempts', '<', MAX_ATTEMPTS)
		.orderBy('runAfter')
		.orderBy('id')
		.limit(1);
	if (opts.kinds) next = next.where('kind', 'in', opts.kinds.length ? opts.kinds : ['']);
	if (db.getExecutor().adapter instanceof PostgresAdapter) next = next.forUpdate().skipLocked();
	const claimed = await db
		.updateTable('jobs')
		.set((eb) => ({
			status: 'running',
			claimedBy: worker,
			leaseUntil: nowIso(new Date(now.getTime() + (opts.leaseMs ?? LEASE_MS))),
			attempts: eb('attempts', '+', 1),
			startedAt: at
		}))
		.where('id', '=', next)
		// Checked again on the row itself: on SQLite the subquery and the update are one
		// statement, on PostgreSQL the row lock guarantees it; this keeps either honest.
		.where((eb) =>
			eb.or([
				eb('status', '=', 'queued'),
				eb.and([eb('status', '=', 'running'), eb('leaseUntil', '<', at)])
			])
		)
		.returningAll()
		.executeTakeFirst();
	return claimed ?? null;
}

/** Changes the job while `worker` still runs it; false when it is no longer theirs. */
async function updateHeld(
	db: DbOrTx,
	job: Job,
	worker: string,
	set: Updateable<JobsTable>
): Promise<boolean> {
	const r = await db
		.updateTable('jobs')
		.set(set)
		.where('id', '=', job.id)
		.where('status', '=', 'running')
		.where('claimedBy', '=', worker)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Keeps the lease of a long job; false if the job is no longer this worker's. */
export async function extend(
	db: DbOrTx,
	job: Job,
	worker: string,
	leaseMs = LEASE_MS,
	now = new Date()
): Promise<boolean> {
	return updateHeld(db, job, worker, { leaseUntil: nowIso(new Date(now.getTime() + leaseMs)) });
}

/** Marks the job done (never run again); false if another worker holds it now. */
export async function finish(
	db: DbOrTx,
	job: Job,
	worker: string,
	result: unknown = null,
	now = new Date()
): Promise<boolean> {
	return updateHeld(db, job, worker, {
		status: 'done',
		result: result === null ? null : JSON.stringify(result),
		error: null,
		leaseUntil: null,
		finishedAt: nowIso(now)
	});
}

/**
 * An attempt failed: queued again after a pause growing with the attempts, or 'failed' for good
 * after MAX_ATTEMPTS. The message is kept for the operator (never a secret: callers pass their
 * own words or an error's message).
 */
export async function retry(
	db: DbOrTx,
	job: Job,
	worker: string,
	message: string,
	now = new Date()
): Promise<boolean> {
	const last = job.attempts >= MAX_ATTEMPTS;
	return updateHeld(db, job, worker, {
		status: last ? 'failed' : 'queued',
		error: message.slice(0, 500),
		leaseUntil: null,
		runAfter: nowIso(new Date(now.getTime() + RETRY_MS * job.attempts)),
		finishedAt: last ? nowIso(now) : null
	});
}

/**
 * Jobs that ran out of attempts while running (the process died on the last one) become
 * 'failed', so they are listed as such rather than left 'running' forever.
 */
export async function failExhausted(db: DbOrTx, now = new Date()): Promise<number> {
	const r = await db
		.updateTable('jobs')
		.set({ status: 'failed', error: 'lease expired', finishedAt: nowIso(now), leaseUntil: null })
		.where('status', '=', 'running')
		.where('leaseUntil', '<', nowIso(now))
		.where('attempts', '>=', MAX_ATTEMPTS)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** Deletes finished jobs of `kind` older than `before` (the minute alert checks pile up). */
export async function prune(db: DbOrTx, kind: string, before: Date): Promise<number> {
	const r = await db
		.deleteFrom('jobs')
		.where('kind', '=', kind)
		.where('status', 'in', ['done', 'failed'])
		.where('finishedAt', '<', nowIso(before))
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}
