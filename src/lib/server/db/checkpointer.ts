import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a worker thread. SQLite copies the WAL back into the database file when
 * it passes 1,000 pages, inside whichever COMMIT crossed the mark, on the thread that runs it:
 * with better-sqlite3 that is the event loop, so under steady ingest every few batches stalled
 * every request for a copy and a second fsync (of the database file). The server's connection
 * turns automatic checkpoints off and this worker, with its own connection, runs a PASSIVE
 * checkpoint every CHECKPOINT_INTERVAL_MS: it copies what is committed without waiting for or
 * blocking the writer, and the writer restarts the WAL from the top once all of it is copied.
 *
 * Durability is unchanged: a COMMIT is fsynced to the WAL before it is acknowledged
 * (synchronous=FULL); a checkpoint only moves committed pages into the main file, and one that
 * is interrupted is redone from the WAL at the next open.
 */

export const CHECKPOINT_INTERVAL_MS = 200;

// Runs as CommonJS in the worker (eval); it is given the resolved path of better-sqlite3.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch (e) {
		parentPort.postMessage(String(e && e.message ? e.message : e));
	}
}, workerData.intervalMs);
parentPort.on('message', () => {
	clearInterval(timer);
	db.close();
	parentPort.close();
});
`;

export interface Checkpointer {
	stop(): void;
	/** Settles once the worker has ended and closed its connection (after stop(), or lost). */
	readonly stopped: Promise<void>;
	/** Ends the worker as a crash would (tests: what happens when it is lost). */
	kill(): Promise<void>;
}

/**
 * `onLost` runs if the worker cannot start or dies: the caller turns SQLite's own checkpoints
 * back on, so the WAL never grows without bound.
 */
export function startCheckpointer(path: string, onLost: () => void): Checkpointer {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: { driver, path, intervalMs: CHECKPOINT_INTERVAL_MS }
	});
	// A failed checkpoint is not an error of any request: the WAL just grows until the next one.
	worker.on('message', (msg) => console.warn(`WAL checkpoint: ${String(msg)}`));
	let stopping = false;
	worker.on('error', (e) => console.error('WAL checkpointer stopped', e));
	let exited = () => {};
	const stopped = new Promise<void>((resolve) => (exited = resolve));
	worker.on('exit', () => {
		exited();
		if (!stopping) onLost();
	});
	worker.unref();
	return {
		stopped,
		stop: () => {
			stopping = true;
			worker.postMessage('stop');
		},
		kill: async () => {
			await worker.terminate();
		}
	};
}
