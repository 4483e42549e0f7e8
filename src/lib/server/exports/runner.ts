import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { vietnamToday } from '../../domain/time';
import * as audit from '../audit';
import { sqliteOf, type Db } from '../db';
import { newId } from '../ids';
import * as jobs from './jobs';
import { produce } from './produce';
import { parseExport } from './request';

// The background runner of large exports: one per server process (on SQLite that is enough;
// on PostgreSQL several instances share the table, jobs.ts). It polls for queued jobs, runs one
// at a time on the process's normal database handle (reads in chunks, rows.ts), and writes the
// file under data/exports/ next to the database: to a .part file renamed when complete, so a
// half-written file is never offered.

export const POLL_MS = 2_000;

/** Where export files live: data/exports/ beside the database file; null for ':memory:'. */
export function exportDirOf(db: Db): string | null {
	const { path } = sqliteOf(db);
	return path === ':memory:' ? null : join(dirname(path), 'exports');
}

/** Thrown from the progress callback when the runner is stopped mid-job (tests, shutdown). */
class Stopped extends Error {}

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
		// The same checks as when it was asked: a token revoked or a user moved since then no
		// longer reaches what it could not read now.
		const parsed = await parseExport(
			db,
			{ role: job.role, unitId: job.scopeUnitId },
			new URLSearchParams(job.params),
			vietnamToday()
		);
		if (!parsed.ok) {
			await jobs.fail(db, job, this.id, parsed.code);
			return;
		}
		const req = parsed.request;
		req.query.filters = stored.filters;
		await mkdir(this.dir, { recursive: true });
		const fileName = `${job.id}.${job.format}`;
		const part = join(this.dir, `${fileName}.part`);
		let last = 0;
		const file = createWriteStream(part);
		try {
			const rows = await produce(db, req, stored.scope, file, async (done) => {
				this.opts.onChunk?.(done);
				if (this.stopped) throw new Stopped();
				if (Date.now() - last < 250) return;
				last = Date.now();
				if (!(await jobs.progress(db, job, this.id, done))) throw new Stopped();
			});
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
		} catch (e) {
			file.destroy();
			await rm(part, { force: true });
			if (e instanceof Stopped) return;
			console.error(`exports: job ${job.id} failed`, e);
			await jobs.fail(db, job, this.id, 'error');
		}
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
