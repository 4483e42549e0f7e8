import { vietnamToday } from '$lib/domain/time';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { readCalendar } from '$lib/server/work-calendar';
import { KIOSK_STATUSES, type KioskStatus } from '$lib/server/kiosk-health';
import * as kiosks from '$lib/server/kiosks';
import { pageCount, pageParam } from '$lib/components/paging';
import type { PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const params = event.url.searchParams;
	const q = (params.get('q') ?? '').trim().slice(0, 100);
	const wanted = params.get('status');
	const status = KIOSK_STATUSES.find((s) => s === wanted) ?? null;
	const withinId = scopeRoot(user);
	const now = new Date();
	const calendar = await readCalendar(db);

	const query = (page: number) =>
		kiosks.list(
			db,
			{ query: q, status, withinId, limit: PER_PAGE, offset: (page - 1) * PER_PAGE },
			now,
			calendar
		);
	let page = pageParam(event.url);
	let found = await query(page);
	const pages = pageCount(found.total, PER_PAGE);
	if (page > pages) {
		// A stale link past the end shows the last page rather than an empty table.
		page = pages;
		found = await query(page);
	}

	return {
		q,
		status: status as KioskStatus | null,
		statuses: KIOSK_STATUSES,
		page,
		pages,
		total: found.total,
		rows: found.rows,
		canManage: user.role !== 'viewer',
		today: vietnamToday(now)
	};
};
