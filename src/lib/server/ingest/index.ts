import { isPostgres, sqliteOf, type Db } from '../db';
import { prepare, type Place, type RecordResult } from '../responses/prepare';
import { foldSoon } from '../stats/pending';
import { BatchWriter, type IngestJob, type IngestOutcome } from './batch';
import { PgBatchWriter } from './pg-batch';
import { THREAD_BATCH, WriterThread } from './thread';
import { WalSync } from './wal-sync';
import { serveIfWriterThread } from './worker';

export type { IngestJob, IngestOutcome } from './batch';

/**
 * The answer writer: validation and group commit. Concurrent record() calls queue their job;
 * one batch writes what is queued in one transaction (batch.ts) and commits once; each
 * caller's promise settles only once that COMMIT is on disk (synchronous=FULL, or the WAL
 * flushed by wal-sync.ts on the writer thread), so nothing is acknowledged before it would
 * survive a power cut. There is no timer: a batch takes what queued while the previous one was
 * being written, so a lone answer is not delayed and a busy server commits in larger groups.
 * Before each batch the queue steps aside once (setImmediate: after the I/O callbacks already
 * due), so answers that arrived together share it.
 *
 * Where it runs:
 * - on the writer thread (worker.ts) when the handle was opened with `writerThread` (the
 *   server): the submission as received is sent there and recorded by the thread's own
 *   handle, whose writer runs in place as below, off the event loop (asWriterThread);
 * - otherwise (scripts, tests, or if the thread is lost) on the handle's one connection,
 *   holding it through Kysely (db.connection()), so a batch never lands inside another
 *   module's open transaction; the summaries are folded by stats.foldSoon.
 * - on PostgreSQL, always on this thread, a batch on one connection of the pool (pg-batch.ts);
 *   each instance of the server has its own writer, and the database keeps them apart.
 */

export const MAX_BATCH = 256;

/**
 * This module's own URL, which the writer thread loads (the source file under Vite or tsx, the
 * bundled chunk in a build): it ends with serveIfWriterThread (worker.ts).
 */
const WORKER_MODULE = import.meta.url;

export { THREAD_BATCH };

interface Waiting {
	job: IngestJob;
	resolve: (outcome: IngestOutcome) => void;
	reject: (error: unknown) => void;
}

export class Ingest {
	private queue: Waiting[] = [];
	private scheduled = false;
	private running = false;
	private writer: BatchWriter | null = null;
	private readonly pgWriter: PgBatchWriter | null = null;
	private thread: WriterThread | null = null;
	/** Set on the writer thread's handle: commits are flushed off the thread (wal-sync.ts). */
	private walSync: WalSync | null = null;
	private maxBatch = MAX_BATCH;
	/** Transactions committed on this thread so far (tests: answers per commit). */
	commits = 0;
	private readonly unhealthyListeners = new Set<(reason: string) => void>();

	constructor(private readonly db: Db) {
		if (isPostgres(db)) {
			this.pgWriter = new PgBatchWriter(db);
			return;
		}
		const { path, writerThread, onClose, onCheckpointerLost } = sqliteOf(db);
		if (writerThread && path !== ':memory:') {
			const thread = new WriterThread(
				WORKER_MODULE,
				path,
				writerThread.autocheckpoint,
				() => {
					// Lost: later answers are written here, and the folds come back to this thread.
					this.thread = null;
					foldSoon(this.db);
				},
				(reason) => this.unhealthyListeners.forEach((listener) => listener(reason))
			);
			this.thread = thread;
			onClose.add(() => thread.stop());
			onCheckpointerLost.add(() => thread.autocheckpoint());
		}
	}

	/** Whether the writer thread folds the summaries (else stats.foldSoon must be called). */
	get foldsItself(): boolean {
		return this.thread !== null;
	}

	/**
	 * The writer thread's handle (worker.ts), used by nothing else: its commits skip the fsync
	 * (synchronous=NORMAL) and each batch is acknowledged once WalSync has flushed the WAL, so
	 * the next batch is written during the flush and an acknowledged answer is as durable as
	 * with synchronous=FULL; batches are THREAD_BATCH answers at most.
	 */
	asWriterThread(onFail?: (reason: string) => void): void {
		const { sqlite, path, onClose } = sqliteOf(this.db);
		this.maxBatch = THREAD_BATCH;
		if (path === ':memory:' || this.walSync) return;
		const walSync = new WalSync(path, onFail);
		sqlite.pragma('synchronous = NORMAL');
		this.walSync = walSync;
		onClose.add(() => walSync.close());
	}

	/**
	 * Whether answers can be acknowledged (/healthz): not once the writer thread has reported
	 * that flushing its WAL failed (wal-sync.ts), until the server restarts.
	 */
	get healthy(): boolean {
		return (this.thread?.unhealthy ?? null) === null;
	}

	/** Called once, with why, when the writer can no longer acknowledge answers (see healthy). */
	onUnhealthy(listener: (reason: string) => void): void {
		this.unhealthyListeners.add(listener);
	}

	/**
	 * Settles once the writer thread, told to stop when the handle is destroyed, has written
	 * what it held and closed its connection; at once where there is no thread.
	 */
	async stopped(): Promise<void> {
		await this.thread?.stopped;
	}

	/** Start-up: the thread, which folds what a previous run left, or a fold on this thread. */
	start(): void {
		if (!this.thread) foldSoon(this.db);
	}

	/** Validates and writes one submission (responses.record). */
	async record(place: Place, body: unknown, now: Date): Promise<RecordResult> {
		if (this.thread) return this.thread.record({ place, body, now: now.getTime() });
		const prepared = await prepare(this.db, place, body, now);
		if (!('job' in prepared)) return prepared;
		return prepared.settle(await this.write(prepared.job));
	}

	/** Writes one validated answer on this thread, with the others queued meanwhile. */
	write(job: IngestJob): Promise<IngestOutcome> {
		return new Promise((resolve, reject) => {
			this.queue.push({ job, resolve, reject });
			if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(() => {
					this.scheduled = false;
					if (!this.running) void this.drain();
				});
			}
		});
	}

	private async drain(): Promise<void> {
		this.running = true;
		let created = false;
		try {
			while (this.queue.length > 0) {
				const batch = this.queue.splice(0, this.maxBatch);
				const failure = this.walSync?.failure;
				if (failure) {
					// Nothing written now could be acknowledged: refused before writing.
					for (const w of batch) w.reject(failure);
					continue;
				}
				try {
					const jobs = batch.map((w) => w.job);
					const outcomes = this.pgWriter
						? await this.pgWriter.write(jobs)
						: await this.db.connection().execute(async () => {
								this.writer ??= new BatchWriter(sqliteOf(this.db).sqlite);
								return this.writer.write(jobs);
							});
					this.commits++;
					created ||= outcomes.some((o) => o.kind === 'created');
					const settle = () => batch.forEach((w, i) => w.resolve(outcomes[i]));
					if (this.walSync) {
						// Committed but not yet flushed: acknowledged after the flush, while the
						// loop goes on with the next batch.
						this.walSync.flushed().then(settle, (error: unknown) => {
							for (const w of batch) w.reject(error);
						});
					} else settle();
				} catch (error) {
					// The transaction could not begin or commit: nothing of it was written.
					for (const w of batch) w.reject(error);
				}
				if (this.queue.length > 0) await new Promise<void>((done) => setImmediate(done));
			}
		} finally {
			this.running = false;
		}
		if (created) foldSoon(this.db);
	}
}

const queues = new WeakMap<Db, Ingest>();

/** The one answer writer of a database handle. */
export function ingest(db: Db): Ingest {
	let queue = queues.get(db);
	if (!queue) {
		queue = new Ingest(db);
		queues.set(db, queue);
	}
	return queue;
}

/**
 * The server's answer to a writer that can no longer acknowledge answers (a failed WAL flush):
 * after `graceMs`, so that requests already in flight get their 503, the process exits with
 * status 1 and the service manager starts a clean one. Only a new process can vouch for the
 * disk again: after an fsync error Linux may report later flushes as done for pages it dropped,
 * and SQLite recovers from the WAL on disk when it opens the file (PostgreSQL likewise stops
 * after a failed fsync). Until then /healthz answers 503.
 */
export function exitWhenUnhealthy(
	db: Db,
	{
		graceMs = 3000,
		exit = (code: number): void => process.exit(code)
	}: { graceMs?: number; exit?: (code: number) => void } = {}
): void {
	ingest(db).onUnhealthy((reason) => {
		console.error(`ingest: ${reason}; the server exits in ${graceMs} ms to be restarted`);
		setTimeout(() => exit(1), graceMs);
	});
}

// On the writer thread, this module serves the server's thread with its own writer (worker.ts).
serveIfWriterThread(ingest);
