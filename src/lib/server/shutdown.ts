import { isPostgres, sqliteOf, type Db } from './db';
import { ingest } from './ingest';

/**
 * How long after SIGTERM the server ends at the latest. systemd waits 90 s before it kills;
 * a kiosk that loses its connection keeps the answer and sends it again (same UUID), so there
 * is nothing to gain from waiting on a slow client longer than this.
 */
export const SHUTDOWN_DEADLINE_MS = 4500;

/**
 * Closes the database handle: the answer writer's thread commits and flushes what it holds and
 * closes its connection, the checkpointer stops, then the server's own connection closes; settles
 * once no thread of this handle has the file open.
 */
export async function closeDatabase(db: Db): Promise<void> {
	const writer = ingest(db);
	const checkpointer = isPostgres(db) ? null : sqliteOf(db).checkpointer;
	await db.destroy();
	await writer.stopped();
	await checkpointer?.stopped;
}

/**
 * On SIGTERM or SIGINT, adapter-node stops accepting connections and waits for the requests in
 * flight, then emits `sveltekit:shutdown`: the database is closed then and the process exits 0.
 * If requests are still open at the deadline it closes anyway: an answer whose reply was not
 * sent is sent again by its kiosk and found by its UUID, never acknowledged and lost.
 */
export function exitOnShutdown(
	db: Db,
	{
		deadlineMs = SHUTDOWN_DEADLINE_MS,
		exit = (code: number): void => process.exit(code)
	}: { deadlineMs?: number; exit?: (code: number) => void } = {}
): void {
	let closing = false;
	const finish = async (why: string) => {
		if (closing) return;
		closing = true;
		console.log(`shutdown: ${why}; closing the database`);
		try {
			await closeDatabase(db);
			exit(0);
		} catch (e) {
			console.error('shutdown: closing the database failed', e);
			exit(1);
		}
	};
	process.once('sveltekit:shutdown' as 'exit', () => void finish('requests finished'));
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.once(signal, () => {
			setTimeout(() => void finish(`${signal} deadline reached`), deadlineMs).unref();
		});
	}
}
