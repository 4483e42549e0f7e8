import type { ControlledTransaction } from 'kysely';
import type { Db, Tx } from './db';
import type { Database } from './db/schema';

/**
 * Group commit: several short write transactions share one COMMIT. (Answers have their own
 * writer, ingest/; this serves the in-process summary fold and writers of several statements.)
 *
 * With synchronous=FULL every COMMIT waits for the disk (fsync), and better-sqlite3 waits on
 * the event loop's thread, so one response per transaction caps a server at one fsync per
 * response. Here concurrent callers queue their work; one batch runs everything queued in a
 * single transaction and commits once; each caller's promise settles only after that COMMIT,
 * so nothing is acknowledged before it would survive a power cut. There is no timer: a batch
 * takes whatever queued while the previous one was committing, so a lone request is not delayed
 * and a busy server commits in larger groups.
 *
 * better-sqlite3 is synchronous, so a batch, its COMMIT included, runs to the end without
 * letting the event loop read another request. Before each batch the writer therefore steps
 * aside once (setImmediate: after the I/O callbacks already due), so requests that arrived
 * together queue up and share it; otherwise each would find the writer idle and commit alone.
 *
 * Work must use only the transaction it is given (the database connection is held by the batch)
 * and must be safe to run again: if any work of a batch fails, the batch is rolled back and each
 * work is retried alone, so one bad submission cannot take its neighbours down with it.
 *
 * Usage, in place of db.transaction().execute(work):  await groupCommit(db).run(work)
 */

export const MAX_BATCH = 64;

interface Job {
	work: (tx: Tx) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

type Flush = (tx: Tx, items: unknown[]) => Promise<void>;

/** Work deferred to the end of a batch, by the module that deferred it (see deferToCommit). */
const deferred = new WeakMap<object, Map<string, { flush: Flush; items: unknown[] }>>();

/**
 * Lets a module do its part of a write once per batch instead of once per response (the stats
 * summaries add up a batch's answers in memory first): inside a batch, queues `item` for
 * `flush`, which runs once with every item just before COMMIT, and returns true; outside a
 * batch returns false, and the caller does the work at once.
 */
export function deferToCommit(tx: Tx | Db, key: string, item: unknown, flush: Flush): boolean {
	const pending = deferred.get(tx);
	if (!pending) return false;
	const entry = pending.get(key);
	if (entry) entry.items.push(item);
	else pending.set(key, { flush, items: [item] });
	return true;
}

export class GroupCommit {
	private queue: Job[] = [];
	private running = false;
	/** Transactions committed so far (for tests and monitoring: jobs per commit). */
	commits = 0;

	constructor(
		private readonly db: Db,
		private readonly maxBatch = MAX_BATCH
	) {}

	run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
			if (!this.running) void this.drain();
		});
	}

	private async drain(): Promise<void> {
		this.running = true;
		try {
			while (this.queue.length > 0) {
				await new Promise<void>((done) => setImmediate(done));
				const batch = this.queue.splice(0, this.maxBatch);
				const outcome = await this.attempt(batch);
				if (outcome.ok) {
					batch.forEach((job, i) => job.resolve(outcome.values[i]));
				} else if (batch.length === 1) {
					batch[0].reject(outcome.error);
				} else {
					// Someone's work failed and took the batch with it: run each alone to find whose.
					for (const job of batch) {
						const alone = await this.attempt([job]);
						if (alone.ok) job.resolve(alone.values[0]);
						else job.reject(alone.error);
					}
				}
			}
		} finally {
			this.running = false;
		}
	}

	/** Runs the works in one transaction and commits it, or rolls everything back. */
	private async attempt(
		batch: Job[]
	): Promise<{ ok: true; values: unknown[] } | { ok: false; error: unknown }> {
		let trx: ControlledTransaction<Database> | null = null;
		try {
			trx = await this.db.startTransaction().execute();
			const pending = new Map<string, { flush: Flush; items: unknown[] }>();
			deferred.set(trx, pending);
			const values: unknown[] = [];
			for (const job of batch) values.push(await job.work(trx));
			deferred.delete(trx);
			for (const { flush, items } of pending.values()) await flush(trx, items);
			await trx.commit().execute();
			this.commits++;
			return { ok: true, values };
		} catch (error) {
			if (trx) {
				deferred.delete(trx);
				await trx
					.rollback()
					.execute()
					.catch(() => {});
			}
			return { ok: false, error };
		}
	}
}

const writers = new WeakMap<Db, GroupCommit>();

/** The one group-commit writer of a database handle. */
export function groupCommit(db: Db): GroupCommit {
	let writer = writers.get(db);
	if (!writer) {
		writer = new GroupCommit(db);
		writers.set(db, writer);
	}
	return writer;
}
