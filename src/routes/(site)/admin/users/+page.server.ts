import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as users from '$lib/server/users';
import { pageCount, pageParam } from '$lib/components/paging';
import type { PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	requireUser(event, { role: 'admin' });
	const db = getDb();
	const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const query = (page: number) =>
		users.list(db, { query: q, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	let page = pageParam(event.url);
	let found = await query(page);
	const pages = pageCount(found.total, PER_PAGE);
	if (page > pages) {
		page = pages;
		found = await query(page);
	}
	return {
		q,
		page,
		pages,
		total: found.total,
		rows: found.rows.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			role: u.role,
			unitName: u.unitName,
			unitCode: u.unitCode,
			disabled: u.disabledAt !== null,
			lastActiveAt: u.lastActiveAt
		}))
	};
};
