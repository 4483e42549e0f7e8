import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { getDb } from '$lib/server/db/instance';
import { ingest } from '$lib/server/ingest';

// Public liveness and database check for load balancers, supervisors and the test harness;
// reveals nothing. 503 once answers can no longer be acknowledged (a failed WAL flush, see
// ingest/wal-sync.ts): the instance needs a restart, and the log says why.
export async function GET() {
	const db = getDb();
	await sql`select 1`.execute(db);
	if (!ingest(db).healthy) return json({ ok: false }, { status: 503 });
	return json({ ok: true });
}
