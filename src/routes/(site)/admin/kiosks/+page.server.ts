import { vietnamToday } from '$lib/domain/time';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { readCalendar } from '$lib/server/work-calendar';
import { KIOSK_STATUSES, type KioskStatus } from '$lib/server/kiosk-health';
import * as kiosks from '$lib/server/kiosks';
import { loadPage, queryParam } from '$lib/components/paging';
import type { PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const q = queryParam(event.url);
	const wanted = event.url.searchParams.get('status');
	const status = KIOSK_STATUSES.find((s) => s === wanted) ?? null;
	const withinId = scopeRoot(user);
	const now = new Date();
	const calendar = await readCalendar(db);

	const found = await loadPage(event.url, PER_PAGE, (range) =>
		kiosks.list(db, { query: q, status, withinId, ...range }, now, calendar)
	);

	return {
		q,
		status: status as KioskStatus | null,
		statuses: KIOSK_STATUSES,
		...found,
		canManage: user.role !== 'viewer',
		today: vietnamToday(now)
	};
};
