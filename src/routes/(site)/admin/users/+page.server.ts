import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as users from '$lib/server/users';
import { loadPage, queryParam } from '$lib/components/paging';
import type { PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	requireUser(event, { role: 'admin' });
	const db = getDb();
	const q = queryParam(event.url);
	const found = await loadPage(event.url, PER_PAGE, (range) =>
		users.list(db, { query: q, ...range })
	);
	return {
		q,
		...found,
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
