import { vietnamToday } from '$lib/domain/time';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { alerts, recentScheduled } from '$lib/server/jobs';
import { overview } from '$lib/server/overview';
import * as units from '$lib/server/units';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const root = scopeRoot(user);
	const scopeUnit = root ? await units.byId(db, root) : undefined;
	return {
		scopeName: scopeUnit?.name ?? null,
		figures: await overview(db, root, vietnamToday()),
		// Alerts are for the unit's leaders (managers and admins); reports made by a schedule for
		// everyone who may read them.
		alerts: user.role === 'viewer' ? [] : await alerts.recent(db, root),
		scheduled: await recentScheduled(db, root)
	};
};
