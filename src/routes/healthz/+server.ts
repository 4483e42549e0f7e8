import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { getDb } from '$lib/server/db/instance';

// Public liveness and database check for load balancers and the test harness; reveals nothing.
export async function GET() {
	await sql`select 1`.execute(getDb());
	return json({ ok: true });
}
