import * as audit from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { pageCount, pageParam } from '$lib/components/paging';
import type { PageServerLoad } from './$types';

const PER_PAGE = 50;

export const load: PageServerLoad = async (event) => {
	requireUser(event, { role: 'admin' });
	const db = getDb();
	const params = event.url.searchParams;
	const action = (params.get('action') ?? '').trim().slice(0, 100);
	// Usernames are stored lower-case (users.create, signIn), so the filter is folded the same way.
	const username = (params.get('username') ?? '').trim().toLowerCase().slice(0, 100);

	const query = { action: action || undefined, username: username || undefined };
	let page = pageParam(event.url);
	let found = await audit.list(db, { ...query, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	const pages = pageCount(found.total, PER_PAGE);
	if (page > pages) {
		page = pages;
		found = await audit.list(db, { ...query, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	}

	return {
		filters: { action, username },
		page,
		pages,
		total: found.total,
		rows: found.rows.map((r) => ({
			id: r.id,
			at: r.at,
			username: r.username,
			action: r.action,
			targetType: r.targetType,
			targetId: r.targetId,
			ip: r.ip
		}))
	};
};
