import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { FOLD_STEP_MS } from '../stats/pending';
import { TABLES } from '../stats/tables';
import { BatchWriter, type IngestJob, type IngestOutcome } from './batch';

/**
 * The answer writer's thread: its own connection to the database file, on which it writes the
 * batches of answers the server's thread sends (batch.ts) and folds the summaries' pending rows
 * (stats/pending.ts). SQLite's work and the wait for each COMMIT's fsync then happen beside
 * the event loop instead of on it, so the server keeps reading and validating requests while a
 * batch commits, and both cores work.
 *
 * The server's thread loads this module in the worker by its own URL (WORKER_MODULE), which is
 * the source file under Vite or tsx and the bundled chunk in a build; importing it there runs
 * serve() below, marked by WORKER_FLAG in the worker's data.
 */

export const WORKER_MODULE = import.meta.url;
export const WORKER_FLAG = 'ykienIngestWriter';

export interface WorkerSetup {
	[WORKER_FLAG]: true;
	path: string;
	/** False when a checkpointer thread runs the WAL checkpoints (db/checkpointer.ts). */
	autocheckpoint: boolean;
}

export type ToWorker = { type: 'write'; id: number; jobs: IngestJob[] } | { type: 'stop' };

export type FromWorker =
	| { type: 'written'; id: number; outcomes: IngestOutcome[] }
	| { type: 'failed'; id: number; message: string }
	| { type: 'log'; message: string };

function serve(port: MessagePort, setup: WorkerSetup): void {
	const sqlite = new SQLite(setup.path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	if (!setup.autocheckpoint) sqlite.pragma('wal_autocheckpoint = 0');
	const writer = new BatchWriter(sqlite);
	const send = (msg: FromWorker) => port.postMessage(msg);

	// Batches that arrived while the previous one committed are written together.
	let queue: { id: number; jobs: IngestJob[] }[] = [];
	let scheduled = false;
	const flush = () => {
		scheduled = false;
		const messages = queue;
		queue = [];
		if (messages.length === 0) return;
		try {
			const outcomes = writer.write(messages.flatMap((m) => m.jobs));
			let at = 0;
			for (const m of messages) {
				send({ type: 'written', id: m.id, outcomes: outcomes.slice(at, at + m.jobs.length) });
				at += m.jobs.length;
			}
			if (outcomes.some((o) => o.kind === 'created')) foldSoon();
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			for (const m of messages) send({ type: 'failed', id: m.id, message });
		}
	};

	// One summary table per step, FOLD_STEP_MS apart, until each was folded since the last write.
	const specs = Object.values(TABLES);
	let next = 0;
	let left = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const step = () => {
		try {
			writer.fold(specs[next]);
		} catch (error) {
			send({ type: 'log', message: `stats: fold failed: ${String(error)}` });
		}
		next = (next + 1) % specs.length;
		left--;
		timer = left > 0 ? setTimeout(step, FOLD_STEP_MS) : null;
	};
	const foldSoon = () => {
		left = specs.length;
		timer ??= setTimeout(step, FOLD_STEP_MS);
	};
	// Pending rows a previous run appended but had not folded yet.
	foldSoon();

	port.on('message', (msg: ToWorker) => {
		if (msg.type === 'stop') {
			flush();
			if (timer) clearTimeout(timer);
			sqlite.close();
			port.close();
			return;
		}
		queue.push(msg);
		if (!scheduled) {
			scheduled = true;
			setImmediate(flush);
		}
	});
}

const setup = workerData as Partial<WorkerSetup> | undefined;
if (!isMainThread && parentPort && setup?.[WORKER_FLAG]) serve(parentPort, setup as WorkerSetup);
