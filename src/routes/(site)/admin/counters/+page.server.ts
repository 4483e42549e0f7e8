import { loadPage, queryParam } from '$lib/components/paging';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import * as counters from '$lib/server/counters';
import { isClosed, unitLabel } from '$lib/domain/unit-names';
import { vietnamToday } from '$lib/domain/time';
import { getDb } from '$lib/server/db/instance';
import { repeatedUnitNames } from '$lib/server/unit-names';
import type { PageServerLoad } from './$types';

const PER_PAGE = 50;

// Every counter in the user's scope, to find one by unit, number or name. Counters are added on
// their unit's page, where the unit is known.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const withinId = scopeRoot(user);
	const q = queryParam(event.url);
	const today = vietnamToday();
	// After the 2025 merger old and new communes share names: the code tells them apart.
	const repeated = await repeatedUnitNames(db);
	const { page, pages, total, rows } = await loadPage(event.url, PER_PAGE, (range) =>
		counters.list(db, { withinId, query: q, today, ...range })
	);
	return {
		q,
		page,
		pages,
		total,
		rows: rows.map((c) => ({
			id: c.id,
			number: c.number,
			name: c.name,
			unitId: c.unitId,
			unitName: unitLabel({ name: c.unitName, code: c.unitCode }, repeated),
			unitClosedOn: isClosed(c.unitValidTo, today) ? c.unitValidTo : null,
			active: c.active === 1,
			officerCount: c.officerCount
		}))
	};
};
