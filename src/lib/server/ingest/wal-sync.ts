import { closeSync, fdatasync, fstatSync, fsyncSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Durability of the answer writer's commits, taken off its thread (group commit with the flush
 * pipelined, as database servers do with their log).
 *
 * The writer's connection commits with synchronous=NORMAL: SQLite writes the transaction's
 * pages to the WAL file (the operating system's cache) and returns without fsync. Before any
 * answer of that transaction is acknowledged, `flushed()` fdatasyncs the WAL file on libuv's
 * thread pool, while the writer already writes the next batch. An fdatasync started after a
 * COMMIT returned covers every frame of that commit (fsync flushes the file, whichever
 * descriptor wrote it), so an acknowledged answer survives a power cut exactly as with
 * synchronous=FULL; what a power cut can lose is only what was never acknowledged, and the
 * WAL's checksummed frames make recovery stop cleanly before it. Checkpoints (db/checkpointer.ts,
 * synchronous=FULL on its own connection) sync the WAL before copying it, as ever.
 *
 * Flushes are grouped: while one runs, the commits that finish meanwhile wait for the next one.
 *
 * A flush that fails, or a WAL that cannot be opened, ends all flushing until the server
 * restarts: after an fsync error Linux may drop the pages it could not write and report success
 * to the next fsync, so nothing written since can be vouched for (PostgreSQL stops for the same
 * reason). Answers are then refused (500), the kiosks keep them and send them again, `onFail`
 * tells the server (/healthz answers 503), and a restart recovers what the WAL holds.
 */
export class WalSync {
	private fd: number | null = null;
	private inode = 0;
	private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
	private running = false;
	private failed: Error | null = null;

	/**
	 * `database`: the database file's path; its WAL is `<database>-wal`. `onFail` runs once if
	 * flushing stops. `sync` is fdatasync (tests pass their own to see the grouping).
	 */
	constructor(
		private readonly database: string,
		private readonly onFail: (reason: string) => void = () => {},
		private readonly sync: (fd: number, done: (error: Error | null) => void) => void = fdatasync
	) {}

	/** Why flushing stopped, once it has (then nothing more should be written). */
	get failure(): Error | null {
		return this.failed;
	}

	/** Settles once everything committed before the call is on disk. */
	flushed(): Promise<void> {
		return new Promise((resolve, reject) => {
			if (this.failed) return reject(this.failed);
			this.waiting.push({ resolve, reject });
			if (!this.running) this.run();
		});
	}

	close(): void {
		if (this.fd !== null) closeSync(this.fd);
		this.fd = null;
	}

	private run(): void {
		const group = this.waiting;
		this.waiting = [];
		let fd: number;
		try {
			fd = this.file();
		} catch (error) {
			this.fail(error, group);
			return;
		}
		this.running = true;
		this.sync(fd, (error) => {
			this.running = false;
			if (error) return this.fail(error, group);
			for (const w of group) w.resolve();
			if (this.waiting.length > 0) this.run();
		});
	}

	/** Refuses `group` with the error, and every wait from now on. */
	private fail(error: unknown, group: typeof this.waiting): void {
		if (!this.failed) {
			const cause = error instanceof Error ? error.message : String(error);
			this.failed = new Error(
				`flushing the WAL failed (${cause}): answers are refused until the server restarts`
			);
			console.error(`ingest: ${this.failed.message}`);
			this.onFail(this.failed.message);
		}
		const refused = [...group, ...this.waiting];
		this.waiting = [];
		for (const w of refused) w.reject(this.failed);
	}

	/** The WAL file as it is now (reopened should it ever be replaced by a new file). */
	private file(): number {
		const path = `${this.database}-wal`;
		const inode = statSync(path).ino;
		if (this.fd !== null && inode === this.inode) return this.fd;
		this.close();
		this.fd = openSync(path, 'r');
		this.inode = fstatSync(this.fd).ino;
		// The WAL's directory entry, once: a file created since the last boot must be findable.
		const dir = openSync(dirname(path), 'r');
		try {
			fsyncSync(dir);
		} finally {
			closeSync(dir);
		}
		return this.fd;
	}
}
