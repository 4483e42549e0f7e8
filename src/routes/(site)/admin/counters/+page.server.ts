import * as counters from '$lib/server/counters';
import { counterRow, loadScopeList } from '$lib/server/people-lists';
import type { PageServerLoad } from './$types';

const PER_PAGE = 50;

// Every counter in the user's scope, to find one by unit, number or name. Counters are added on
// their unit's page, where the unit is known.
export const load: PageServerLoad = (event) =>
	loadScopeList(event, PER_PAGE, counters.list, counterRow);
