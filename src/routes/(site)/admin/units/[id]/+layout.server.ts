import { canAccessUnit, requireUnit, requireUser } from '$lib/server/auth/guard';
import * as counters from '$lib/server/counters';
import { getDb } from '$lib/server/db/instance';
import * as officers from '$lib/server/officers';
import * as units from '$lib/server/units';
import type { LayoutServerLoad } from './$types';

// The unit's heading, path and tabs. Like the admin layout, this check shapes the frame only:
// each page and action below checks access again itself.
export const load: LayoutServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const unit = await requireUnit(db, user, event.params.id);

	const path = (await units.ancestors(db, unit.id)).slice(0, -1);
	const crumbs = await Promise.all(
		path.map(async (a) => ({
			id: a.id,
			name: a.name,
			// A manager's path starts above their own unit: those are named, not linked.
			link: await canAccessUnit(db, user, a.id)
		}))
	);
	const [counterCount, officerCount] = await Promise.all([
		counters.countInUnit(db, unit.id),
		officers.countInUnit(db, unit.id)
	]);
	return {
		unitFrame: { id: unit.id, name: unit.name, code: unit.code },
		crumbs,
		counterCount,
		officerCount
	};
};
