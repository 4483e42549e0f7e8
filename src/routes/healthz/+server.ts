import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/instance';
import { healthy } from '$lib/server/health';

// Public liveness and database check for load balancers, supervisors and the test harness;
// reveals nothing. 503 once answers can no longer be acknowledged (see $lib/server/health.ts):
// the instance needs a restart, and the log says why.
export async function GET() {
	if (!(await healthy(getDb()))) return json({ ok: false }, { status: 503 });
	return json({ ok: true });
}
