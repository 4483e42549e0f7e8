import { Worker } from 'node:worker_threads';
import type { RecordResult } from '../responses/prepare';
import {
	WORKER_FLAG,
	type FromWorker,
	type Submission,
	type ToWorker,
	type WorkerSetup
} from './messages';

/**
 * Answers per commit on the writer thread, and per message to it: small, so the server's
 * thread sends the first answers' replies while the writer writes the next ones (both cores
 * work), where one large batch left each thread waiting for the other in turn. A commit
 * there costs little (no fsync on the thread: wal-sync.ts). Measured in the bench's closed
 * loop on a 200,000-answer copy: about 1,400 answers/s with one batch of everything queued,
 * about 2,000 with 16; 8 and 32 gave the same as 16 within the machine's noise.
 */
export const THREAD_BATCH = 16;

interface Sent {
	submission: Submission;
	resolve: (result: RecordResult) => void;
	reject: (error: unknown) => void;
}

/**
 * The server side of worker.ts: sends submissions, settles each when its batch is written.
 * `moduleUrl` is the module the worker loads (ingest/index.ts, which serves there).
 */
export class WriterThread {
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
		moduleUrl: string,
		path: string,
		autocheckpoint: boolean,
		onLost: () => void,
		private readonly onUnhealthy: (reason: string) => void
	) {
		const setup: WorkerSetup = { [WORKER_FLAG]: true, path, autocheckpoint };
		// Under Vite or tsx (dev, tests) the module is TypeScript: the worker registers tsx's
		// loader before importing it. A build imports its own JavaScript chunk.
		const typescript = /\.ts($|\?)/.test(moduleUrl);
		const load = typescript
			? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`
			: `import(${JSON.stringify(moduleUrl)})`;
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
