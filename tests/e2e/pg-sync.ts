// The browser tests read and write the test server's database synchronously, as better-sqlite3
// does (tests/e2e/db.ts). On PostgreSQL the same calls go to a worker thread holding a pg
// client while this thread waits on a shared flag, so the tests' SQL, written once with `?`
// placeholders, runs unchanged on both.
import { fileURLToPath } from 'node:url';
import {
	MessageChannel,
	receiveMessageOnPort,
	Worker,
	type MessagePort
} from 'node:worker_threads';
import { numbered } from '../../src/lib/server/db/dialect';

/** What the tests use of a better-sqlite3 statement. */
export interface TestStatement {
	get(...params: unknown[]): unknown;
	all(...params: unknown[]): unknown[];
	run(...params: unknown[]): { changes: number };
}

/** What the tests use of a better-sqlite3 database. */
export interface TestDatabase {
	prepare(sql: string): TestStatement;
	close(): void;
}

/** No query of a test takes this long; past it the server or the worker is stuck. */
const QUERY_TIMEOUT_MS = 30_000;

export class SyncPostgres implements TestDatabase {
	private readonly worker: Worker;
	private readonly port: MessagePort;
	private readonly flag = new Int32Array(new SharedArrayBuffer(4));

	constructor(url: string) {
		const { port1, port2 } = new MessageChannel();
		this.worker = new Worker(fileURLToPath(new URL('./pg-sync-worker.js', import.meta.url)), {
			workerData: { url, port: port2, flag: this.flag },
			transferList: [port2]
		});
		this.worker.unref();
		this.port = port1;
	}

	query(sql: string, params: unknown[]): { rows: unknown[]; rowCount: number } {
		Atomics.store(this.flag, 0, 0);
		this.port.postMessage({ text: numbered(sql), params });
		if (Atomics.wait(this.flag, 0, 0, QUERY_TIMEOUT_MS) === 'timed-out') {
			throw new Error(`no answer from PostgreSQL in ${QUERY_TIMEOUT_MS} ms: ${sql}`);
		}
		const reply = receiveMessageOnPort(this.port)?.message as
			{ rows: unknown[]; rowCount: number } | { error: string };
		if ('error' in reply) throw new Error(`${reply.error}\n${sql}`);
		return reply;
	}

	prepare(sql: string): TestStatement {
		return {
			get: (...params) => this.query(sql, params).rows[0],
			all: (...params) => this.query(sql, params).rows,
			run: (...params) => ({ changes: this.query(sql, params).rowCount })
		};
	}

	close(): void {
		void this.worker.terminate();
	}
}
