import { loadSearchPage } from '$lib/components/paging';
import { initials } from '$lib/domain/text';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { vietnamToday } from '$lib/domain/time';
import { getDb } from '$lib/server/db/instance';
import { unitColumns } from '$lib/server/unit-names';
import * as officers from '$lib/server/officers';
import type { PageServerLoad } from './$types';

const PER_PAGE = 50;

// Every officer in the user's scope, searchable by name without diacritics. Officers are added
// on their unit's page, where the unit and its counters are known.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const withinId = scopeRoot(user);
	const today = vietnamToday();
	const unitOf = await unitColumns(db, today);
	return loadSearchPage(
		event.url,
		PER_PAGE,
		(query, range) => officers.list(db, { withinId, query, today, ...range }),
		(o) => ({
			id: o.id,
			fullName: o.fullName,
			initials: initials(o.fullName),
			title: o.title,
			hasPhoto: o.hasPhoto,
			updatedAt: o.updatedAt,
			...unitOf(o),
			counterNumber: o.counterNumber,
			active: o.active === 1
		})
	);
};
