import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase, sqliteOf, type Db } from '../db';
import { prepare, type Place, type Prepared, type RecordResult } from '../responses';
import { FOLD_STEP_MS } from '../stats/pending';
import { TABLES } from '../stats/tables';
import { BatchWriter } from './batch';

/**
 * The answer writer's thread: its own connection to the database file, on which it validates
 * the submissions the server's thread forwards as received (responses.prepare: the survey
 * version, the assignment, the officer and field named, the answers), writes them in batches
 * (batch.ts) and folds the summaries' pending rows (stats/pending.ts). The event loop then only
 * reads requests and sends them on, while SQLite's work and each COMMIT's fsync happen beside
 * it, and both cores work. Its connection writes, so its page cache stays warm, where the
 * server's is emptied by every commit of another connection.
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

/** A submission as the server received it, with the place its device or link stands for. */
export interface Submission {
	place: Place;
	body: unknown;
	/** The server's time of receipt (ms). */
	now: number;
}

export type ToWorker = { type: 'record'; id: number; submissions: Submission[] } | { type: 'stop' };

export type FromWorker =
	| { type: 'recorded'; id: number; results: (RecordResult | { failed: string })[] }
	| { type: 'log'; message: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function serve(port: MessagePort, setup: WorkerSetup): void {
	const db: Db = openDatabase(setup.path);
	const { sqlite } = sqliteOf(db);
	if (!setup.autocheckpoint) sqlite.pragma('wal_autocheckpoint = 0');
	const writer = new BatchWriter(sqlite);
	const send = (msg: FromWorker) => port.postMessage(msg);

	// Submissions that arrived while the previous batch was written are written together.
	let queue: { id: number; submissions: Submission[] }[] = [];
	let running = false;
	const drain = async () => {
		running = true;
		while (queue.length > 0) {
			const messages = queue;
			queue = [];
			await batch(messages);
			await new Promise<void>((done) => setImmediate(done));
		}
		running = false;
	};
	const batch = async (messages: { id: number; submissions: Submission[] }[]) => {
		const all = messages.flatMap((m) => m.submissions);
		const prepared = await Promise.all(
			all.map((s) =>
				prepare(db, s.place, s.body, new Date(s.now)).catch((e: unknown) => ({
					failed: message(e)
				}))
			)
		);
		const jobs = prepared.filter((p): p is Prepared => 'job' in p);
		let results: (RecordResult | { failed: string })[];
		try {
			const outcomes =
				jobs.length === 0
					? []
					: await db.connection().execute(async () => writer.write(jobs.map((p) => p.job)));
			const settled = new Map<Prepared, RecordResult | { failed: string }>(
				jobs.map((p, i) => {
					try {
						return [p, p.settle(outcomes[i])] as const;
					} catch (e) {
						return [p, { failed: message(e) }] as const;
					}
				})
			);
			results = prepared.map((p) => ('job' in p ? settled.get(p)! : p));
			if (outcomes.some((o) => o.kind === 'created')) foldSoon();
		} catch (e) {
			// The transaction could not begin or commit: nothing of it was written.
			const failed = { failed: message(e) };
			results = prepared.map((p) => ('job' in p ? failed : p));
		}
		let at = 0;
		for (const m of messages) {
			send({ type: 'recorded', id: m.id, results: results.slice(at, at + m.submissions.length) });
			at += m.submissions.length;
		}
	};

	// One summary table per step, FOLD_STEP_MS apart, until each was folded since the last write.
	const specs = Object.values(TABLES);
	let next = 0;
	let left = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const step = () => {
		db.connection()
			.execute(async () => writer.fold(specs[next]))
			.catch((e: unknown) => send({ type: 'log', message: `stats: fold failed: ${message(e)}` }))
			.finally(() => {
				next = (next + 1) % specs.length;
				left--;
				timer = left > 0 ? setTimeout(step, FOLD_STEP_MS) : null;
			});
	};
	const foldSoon = () => {
		left = specs.length;
		timer ??= setTimeout(step, FOLD_STEP_MS);
	};
	// Pending rows a previous run appended but had not folded yet.
	foldSoon();

	port.on('message', (msg: ToWorker) => {
		if (msg.type === 'stop') {
			const close = () => {
				if (running) return void setTimeout(close, 5);
				if (timer) clearTimeout(timer);
				void db.destroy().finally(() => port.close());
			};
			close();
			return;
		}
		queue.push(msg);
		if (!running) void drain();
	});
}

const setup = workerData as Partial<WorkerSetup> | undefined;
if (!isMainThread && parentPort && setup?.[WORKER_FLAG]) serve(parentPort, setup as WorkerSetup);
