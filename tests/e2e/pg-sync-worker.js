// The other half of tests/e2e/pg-sync.ts: runs each query it is sent on one pg client and wakes
// the waiting thread. Plain JavaScript: a worker thread loads it without Playwright's transform.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { url, port, flag } = workerData;
// Counts as numbers, as better-sqlite3 gives them (src/lib/server/db/dialect.ts does the same).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
const client = new pg.Client({ connectionString: url });
const connected = client.connect();

port.on('message', async (/** @type {{ text: string, params: unknown[] }} */ { text, params }) => {
	let reply;
	try {
		await connected;
		const result = await client.query(text, params);
		reply = { rows: result.rows, rowCount: result.rowCount ?? 0 };
	} catch (e) {
		reply = { error: e instanceof Error ? e.message : String(e) };
	}
	port.postMessage(reply);
	Atomics.store(flag, 0, 1);
	Atomics.notify(flag, 0);
});
