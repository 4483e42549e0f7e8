import { loadPage, queryParam } from '$lib/components/paging';
import { initials } from '$lib/domain/text';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { isClosed, unitLabel } from '$lib/domain/unit-names';
import { vietnamToday } from '$lib/domain/time';
import { getDb } from '$lib/server/db/instance';
import { repeatedUnitNames } from '$lib/server/unit-names';
import * as officers from '$lib/server/officers';
import type { PageServerLoad } from './$types';

const PER_PAGE = 50;

// Every officer in the user's scope, searchable by name without diacritics. Officers are added
// on their unit's page, where the unit and its counters are known.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const withinId = scopeRoot(user);
	const q = queryParam(event.url);
	const today = vietnamToday();
	// After the 2025 merger old and new communes share names: the code tells them apart.
	const repeated = await repeatedUnitNames(db);
	const { page, pages, total, rows } = await loadPage(event.url, PER_PAGE, (range) =>
		officers.list(db, { withinId, query: q, today, ...range })
	);
	return {
		q,
		page,
		pages,
		total,
		rows: rows.map((o) => ({
			id: o.id,
			fullName: o.fullName,
			initials: initials(o.fullName),
			title: o.title,
			hasPhoto: o.hasPhoto,
			updatedAt: o.updatedAt,
			unitId: o.unitId,
			unitName: unitLabel({ name: o.unitName, code: o.unitCode }, repeated),
			unitClosedOn: isClosed(o.unitValidTo, today) ? o.unitValidTo : null,
			counterNumber: o.counterNumber,
			active: o.active === 1
		}))
	};
};
