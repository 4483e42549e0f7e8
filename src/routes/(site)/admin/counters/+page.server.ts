import { loadSearchPage } from '$lib/components/paging';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import * as counters from '$lib/server/counters';
import { vietnamToday } from '$lib/domain/time';
import { getDb } from '$lib/server/db/instance';
import { unitColumns } from '$lib/server/unit-names';
import type { PageServerLoad } from './$types';

const PER_PAGE = 50;

// Every counter in the user's scope, to find one by unit, number or name. Counters are added on
// their unit's page, where the unit is known.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const withinId = scopeRoot(user);
	const today = vietnamToday();
	const unitOf = await unitColumns(db, today);
	return loadSearchPage(
		event.url,
		PER_PAGE,
		(query, range) => counters.list(db, { withinId, query, today, ...range }),
		(c) => ({
			id: c.id,
			number: c.number,
			name: c.name,
			...unitOf(c),
			active: c.active === 1,
			officerCount: c.officerCount
		})
	);
};
