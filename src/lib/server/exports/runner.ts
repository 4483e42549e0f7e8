import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as audit from '../audit';
import { filePathOf, urlOf, type Db } from '../db';
import { newId } from '../ids';
import * as jobs from './jobs';
import {
	EXPORT_WORKER_FLAG,
	EXPORT_WORKER_MODULE,
	type ExportWorkerData,
	type FromExportWorker
} from './worker';

// The background runner of large exports: one per server process (on SQLite that is enough;
// on PostgreSQL several instances share the table, jobs.ts). It polls for queued jobs and runs
// one at a time on a worker thread with its own read connection (worker.ts; reads in chunks,
// rows.ts), keeping the job's progress and heartbeat in the table, and the file goes under
// data/exports/ next to the database: to a .part file renamed when complete, so a half-written
// file is never offered.

export const POLL_MS = 2_000;
/** The export thread's V8 old-generation cap. */
export const EXPORT_HEAP_MB = 160;

/**
 * Where export files live: data/exports/ beside the database file; null for ':memory:'. On
 * PostgreSQL, EXPORT_DIR (a folder every instance shares, so any of them serves a file another
 * made), else data/exports/ under the working directory.
 */
export function exportDirOf(db: Db): string | null {
	const path = filePathOf(db);
	if (path === null) return process.env.EXPORT_DIR || join('data', 'exports');
	return path === ':memory:' ? null : join(dirname(path), 'exports');
}

export class ExportRunner {
	readonly id = `runner-${newId().slice(0, 8)}`;
	private timer: NodeJS.Timeout | null = null;
	private busy: Promise<void> | null = null;
	private stopped = false;

	constructor(
		private readonly db: Db,
		private readonly dir: string,
		private readonly opts: {
			pollMs?: number;
			staleMs?: number;
			/** Called after every chunk written (tests stop a runner mid-job with it). */
			onChunk?: (rowsDone: number) => void;
		} = {}
	) {}

	start(): void {
		this.stopped = false;
		const tick = () => {
			this.wake();
			if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs ?? POLL_MS);
			this.timer?.unref();
		};
		tick();
	}

	/**
	 * Stops taking jobs; a job in progress stops at its next chunk and is left 'running', as a
	 * crash would leave it, for recoverStale to start again.
	 */
	async stop(): Promise<void> {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		await this.busy;
	}

	/** Looks for work now (a new job was queued). */
	wake(): void {
		if (this.busy || this.stopped) return;
		this.busy = this.drain()
			.catch((e) => console.error('exports: runner failed', e))
			.finally(() => {
				this.busy = null;
			});
	}

	/** Runs queued jobs until none is left; resolves when idle. */
	async drain(): Promise<void> {
		await jobs.recoverStale(this.db, new Date(), this.opts.staleMs ?? jobs.STALE_MS);
		while (!this.stopped) {
			const job = await jobs.claimNext(this.db, this.id);
			if (!job) return;
			await this.run(job);
		}
	}

	private async run(job: jobs.ExportJob): Promise<void> {
		const db = this.db;
		const stored = jobs.storedScope(job);
		await mkdir(this.dir, { recursive: true });
		const fileName = `${job.id}.${job.format}`;
		const part = join(this.dir, `${fileName}.part`);
		const outcome = await this.inWorker(job, stored, part);
		if (outcome.type === 'stopped') {
			await rm(part, { force: true });
			return;
		}
		if (outcome.type === 'failed') {
			await rm(part, { force: true });
			console.error(`exports: job ${job.id} failed: ${outcome.message}`);
			await jobs.fail(db, job, this.id, outcome.code);
			return;
		}
		const rows = outcome.rows;
		await rename(part, join(this.dir, fileName));
		const bytes = (await stat(join(this.dir, fileName))).size;
		if (await jobs.finish(db, job, this.id, { rowsDone: rows, bytes, fileName })) {
			await audit.record(db, {
				action: 'export.job_done',
				actor: job.userId ? { id: job.userId, username: job.username ?? '' } : null,
				username: job.username,
				targetType: 'export_job',
				targetId: job.id,
				detail: {
					format: job.format,
					content: job.content,
					scope: stored.scope,
					rows,
					bytes,
					attempt: job.attempts
				}
			});
		}
	}

	/**
	 * Runs the job on a worker thread (worker.ts) and keeps its progress and heartbeat in the
	 * table. The same checks as when it was asked run there: a token revoked or a user moved
	 * since then no longer reaches what it could not read now.
	 */
	private inWorker(
		job: jobs.ExportJob,
		stored: jobs.StoredScope,
		file: string
	): Promise<
		| { type: 'done'; rows: number }
		| { type: 'failed'; code: string; message: string }
		| { type: 'stopped' }
	> {
		const data: ExportWorkerData = {
			[EXPORT_WORKER_FLAG]: true,
			path: urlOf(this.db),
			role: job.role,
			unitId: job.scopeUnitId,
			params: job.params,
			filters: stored.filters,
			scope: stored.scope,
			file
		};
		const typescript = /\.ts($|\?)/.test(EXPORT_WORKER_MODULE);
		const load = typescript
			? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(EXPORT_WORKER_MODULE)}); })`
			: `import(${JSON.stringify(EXPORT_WORKER_MODULE)})`;
		const worker = new Worker(`${load}.catch((e) => { console.error(e); process.exit(1); });`, {
			eval: true,
			workerData: data,
			// What a job holds at once is small (a chunk of rows, the zip's bounded backlog); a
			// cap makes V8 collect instead of growing the heap beside the server's own.
			resourceLimits: { maxOldGenerationSizeMb: EXPORT_HEAP_MB }
		});
		return new Promise((resolve) => {
			let settled = false;
			let last = 0;
			let writing = Promise.resolve();
			const settle = (outcome: Parameters<typeof resolve>[0]) => {
				if (settled) return;
				settled = true;
				void worker.terminate();
				// The last progress write lands before the job is finished or failed.
				void writing.then(() => resolve(outcome));
			};
			worker.on('message', (msg: FromExportWorker) => {
				if (settled) return;
				if (msg.type === 'progress') {
					this.opts.onChunk?.(msg.rows);
					if (this.stopped) return settle({ type: 'stopped' });
					if (Date.now() - last < 250) return;
					last = Date.now();
					writing = writing.then(async () => {
						if (!(await jobs.progress(this.db, job, this.id, msg.rows))) {
							settle({ type: 'stopped' });
						}
					});
				} else {
					settle(msg);
				}
			});
			worker.on('error', (e) =>
				settle({
					type: 'failed',
					code: 'error',
					message: e instanceof Error ? e.message : String(e)
				})
			);
			worker.on('exit', (code) =>
				settle({ type: 'failed', code: 'error', message: `the export thread exited with ${code}` })
			);
		});
	}
}

let current: ExportRunner | null = null;

/** Starts this process's runner (db/instance.ts); a no-op for an in-memory database. */
export function startExportRunner(db: Db): ExportRunner | null {
	const dir = exportDirOf(db);
	if (!dir || current) return current;
	current = new ExportRunner(db, dir);
	current.start();
	return current;
}

/** Tells the runner a job was queued, so it need not wait for its next poll. */
export function wakeExportRunner(): void {
	current?.wake();
}
