import * as officers from '$lib/server/officers';
import { loadScopeList, officerRow } from '$lib/server/people-lists';
import type { PageServerLoad } from './$types';

const PER_PAGE = 50;

// Every officer in the user's scope, searchable by name without diacritics. Officers are added
// on their unit's page, where the unit and its counters are known.
export const load: PageServerLoad = (event) =>
	loadScopeList(event, PER_PAGE, officers.list, officerRow);
