import { Worker } from 'node:worker_threads';
import { isPostgres, sqliteOf, type Db } from '../db';
import { prepare, type Place, type RecordResult } from '../responses';
import { foldSoon } from '../stats/pending';
import { BatchWriter, type IngestJob, type IngestOutcome } from './batch';
import { PgBatchWriter } from './pg-batch';
import { WalSync } from './wal-sync';
import {
	WORKER_FLAG,
	WORKER_MODULE,
	type FromWorker,
	type Submission,
	type ToWorker,
	type WorkerSetup
} from './worker';

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
 * Answers per commit on the writer thread, and per message to it: small, so the server's
 * thread sends the first answers' replies while the writer writes the next ones (both cores
 * work), where one large batch left each thread waiting for the other in turn. A commit
 * there costs little (no fsync on the thread: wal-sync.ts). Measured in the bench's closed
 * loop on a 200,000-answer copy: about 1,400 answers/s with one batch of everything queued,
 * about 2,000 with 16; 8 and 32 gave the same as 16 within the machine's noise.
 */
export const THREAD_BATCH = 16;

interface Waiting {
	job: IngestJob;
	resolve: (outcome: IngestOutcome) => void;
	reject: (error: unknown) => void;
}

interface Sent {
	submission: Submission;
	resolve: (result: RecordResult) => void;
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

/** The server side of worker.ts: sends submissions, settles each when its batch is written. */
class WriterThread {
	private readonly worker: Worker;
	private readonly inflight = new Map<number, Sent[]>();
	private waiting: Sent[] = [];
	private scheduled = false;
	private nextId = 1;
	private stopping = false;
	private exited = false;
	/** Set when the writer can no longer acknowledge answers, with why. */
	unhealthy: string | null = null;
	/** Settles when the thread has ended (after stop(): its batches committed and flushed). */
	readonly stopped: Promise<void>;

	constructor(
		path: string,
		autocheckpoint: boolean,
		onLost: () => void,
		private readonly onUnhealthy: (reason: string) => void
	) {
		const setup: WorkerSetup = { [WORKER_FLAG]: true, path, autocheckpoint };
		// Under Vite or tsx (dev, tests) the module is TypeScript: the worker registers tsx's
		// loader before importing it. A build imports its own JavaScript chunk.
		const typescript = /\.ts($|\?)/.test(WORKER_MODULE);
		const load = typescript
			? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_MODULE)}); })`
			: `import(${JSON.stringify(WORKER_MODULE)})`;
		this.worker = new Worker(`${load}.catch((e) => { console.error(e); process.exit(1); });`, {
			eval: true,
			workerData: setup
		});
		this.worker.on('message', (msg: FromWorker) => this.receive(msg));
		this.worker.on('error', (e) => console.error('ingest: writer thread failed', e));
		let exited = () => {};
		this.stopped = new Promise<void>((resolve) => (exited = resolve));
		this.worker.on('exit', () => {
			this.exited = true;
			exited();
			const error = new Error('the writer thread stopped before answering');
			for (const batch of this.inflight.values()) for (const w of batch) w.reject(error);
			for (const w of this.waiting) w.reject(error);
			this.inflight.clear();
			this.waiting = [];
			if (this.stopping) return;
			console.error(
				'ingest: the writer thread stopped; answers are now written on the server thread'
			);
			onLost();
		});
		// After the listeners: adding a 'message' listener refs the thread's port again, and an
		// idle server then never exited on SIGTERM (issue 15). Held only while answers wait.
		this.worker.unref();
	}

	/**
	 * Queues a submission; those queued in the same turn of the event loop go in messages of
	 * THREAD_BATCH.
	 */
	record(submission: Submission): Promise<RecordResult> {
		return new Promise((resolve, reject) => {
			if (this.exited) {
				reject(new Error('the writer thread has stopped'));
				return;
			}
			this.waiting.push({ submission, resolve, reject });
			if (this.scheduled) return;
			this.scheduled = true;
			setImmediate(() => {
				this.scheduled = false;
				const all = this.waiting;
				this.waiting = [];
				for (let i = 0; i < all.length; i += THREAD_BATCH) {
					const batch = all.slice(i, i + THREAD_BATCH);
					if (this.send(batch)) continue;
					// One submission the thread cannot be handed (structured clone refused it):
					// sent one by one, so only that one is refused (503) and the others go on.
					for (const w of batch) if (!this.send([w])) w.reject(this.sendError);
				}
			});
		});
	}

	private sendError: unknown = null;

	/** Hands a batch to the thread; false, with nothing in flight, if it could not be sent. */
	private send(batch: Sent[]): boolean {
		const id = this.nextId++;
		const message: ToWorker = {
			type: 'record',
			id,
			submissions: batch.map((w) => w.submission)
		};
		this.inflight.set(id, batch);
		// Held open while answers wait, so a script cannot exit under them.
		this.worker.ref();
		try {
			this.worker.postMessage(message);
			return true;
		} catch (error) {
			// Never thrown out of a timer callback, where it would end the process.
			this.sendError = error;
			this.inflight.delete(id);
			if (this.inflight.size === 0) this.worker.unref();
			return false;
		}
	}

	private receive(msg: FromWorker): void {
		if (msg.type === 'unhealthy') {
			if (this.unhealthy === null) this.onUnhealthy(msg.reason);
			this.unhealthy = msg.reason;
			return;
		}
		const batch = this.inflight.get(msg.id);
		this.inflight.delete(msg.id);
		if (this.inflight.size === 0) this.worker.unref();
		if (!batch) return;
		batch.forEach((w, i) => {
			const r = msg.results[i];
			if ('failed' in r) w.reject(new Error(`recording an answer failed: ${r.failed}`));
			else w.resolve(r);
		});
	}

	/** The checkpointer thread was lost: the writer's connection checkpoints for itself again. */
	autocheckpoint(): void {
		if (!this.exited) this.worker.postMessage({ type: 'autocheckpoint' } satisfies ToWorker);
	}

	stop(): void {
		this.stopping = true;
		this.worker.postMessage({ type: 'stop' } satisfies ToWorker);
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
