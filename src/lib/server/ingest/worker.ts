import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase, sqliteOf, type Db } from '../db';
import type { Ingest } from './index';
import { WORKER_FLAG, type FromWorker, type ToWorker, type WorkerSetup } from './messages';

/**
 * The answer writer's thread: its own connection to the database file, on which it records the
 * submissions the server's thread forwards as received: it validates them (responses.prepare:
 * the survey version, the assignment, the officer and field named, the answers), writes them in
 * batches (batch.ts) and folds the summaries' pending rows (stats/pending.ts), all through its
 * handle's own answer writer (index.ts), which runs in place here. The event loop then only
 * reads requests and sends them on, while SQLite's work and each COMMIT's fsync happen beside
 * it, and both cores work. Its connection writes, so its page cache stays warm, where the
 * server's is emptied by every commit of another connection.
 *
 * The server's thread loads ingest/index.ts in the worker by its own URL (WORKER_MODULE there),
 * which is the source file under Vite or tsx and the bundled chunk in a build; that module ends
 * with serveIfWriterThread(ingest), which serves here when WORKER_FLAG marks the worker's data.
 * The writer is handed in, so this module does not import index.ts (no import cycle).
 */

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The thread's own handle, opened without a writer thread: its answer writer (ingest/index.ts)
 * runs in place here, batching what arrives together and folding the summaries after it.
 */
function serve(port: MessagePort, setup: WorkerSetup, writerOf: (db: Db) => Ingest): void {
	const db: Db = openDatabase(setup.path);
	if (!setup.autocheckpoint) sqliteOf(db).sqlite.pragma('wal_autocheckpoint = 0');
	const writer = writerOf(db);
	writer.asWriterThread((reason) =>
		port.postMessage({ type: 'unhealthy', reason } satisfies FromWorker)
	);
	// Pending rows a previous run appended but had not folded yet.
	writer.start();
	let busy = 0;
	port.on('message', (msg: ToWorker) => {
		if (msg.type === 'autocheckpoint') {
			sqliteOf(db).sqlite.pragma('wal_autocheckpoint = 1000');
			return;
		}
		if (msg.type === 'stop') {
			const close = () => {
				if (busy > 0) return void setTimeout(close, 5);
				void db.destroy().finally(() => port.close());
			};
			close();
			return;
		}
		busy++;
		void Promise.all(
			msg.submissions.map((s) =>
				writer
					.record(s.place, s.body, new Date(s.now))
					.catch((e: unknown) => ({ failed: message(e) }))
			)
		).then((results) => {
			busy--;
			port.postMessage({ type: 'recorded', id: msg.id, results } satisfies FromWorker);
		});
	});
}

/** On the writer thread (WORKER_FLAG in its data): serves the server's thread with `writerOf`. */
export function serveIfWriterThread(writerOf: (db: Db) => Ingest): void {
	const setup = workerData as Partial<WorkerSetup> | undefined;
	if (isMainThread || !parentPort || !setup?.[WORKER_FLAG]) return;
	const port = parentPort;
	// After every module of the import has run: a bundle's chunk may hold other modules that
	// index.ts's importers need.
	setImmediate(() => serve(port, setup as WorkerSetup, writerOf));
}
