import { sql } from 'kysely';
import type { Db } from './db';
import { ingest } from './ingest';

/**
 * The instance's liveness for /healthz: the database answers a query, and answers can still be
 * acknowledged (false once a WAL flush failed, see ingest/wal-sync.ts: the instance needs a restart).
 */
export async function healthy(db: Db): Promise<boolean> {
	await sql`select 1`.execute(db);
	return ingest(db).healthy;
}
