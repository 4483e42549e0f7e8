import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as units from '$lib/server/units';
import { pageCount, pageParam } from '$lib/components/paging';
import type { PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const withinId = scopeRoot(user);

	let page = pageParam(event.url);
	let found = await units.search(db, {
		query: q,
		withinId,
		limit: PER_PAGE,
		offset: (page - 1) * PER_PAGE
	});
	const pages = pageCount(found.total, PER_PAGE);
	if (page > pages) {
		// A stale link past the end shows the last page rather than an empty table.
		page = pages;
		found = await units.search(db, {
			query: q,
			withinId,
			limit: PER_PAGE,
			offset: (page - 1) * PER_PAGE
		});
	}

	// Parents and successors are few distinct units per page (usually the same district).
	// TODO(units): a batched units.namesByIds would make this one query.
	const related = new Set<string>();
	for (const u of found.rows) {
		if (u.parentId) related.add(u.parentId);
		if (u.successorId) related.add(u.successorId);
	}
	const names = new Map<string, string>();
	await Promise.all(
		[...related].map(async (id) => {
			const unit = await units.byId(db, id);
			if (unit) names.set(id, unit.name);
		})
	);

	return {
		q,
		page,
		pages,
		total: found.total,
		rows: found.rows.map((u) => ({
			id: u.id,
			name: u.name,
			code: u.code,
			kind: u.kind,
			validFrom: u.validFrom,
			validTo: u.validTo,
			successorName: u.successorId ? (names.get(u.successorId) ?? null) : null,
			parentName: u.parentId ? (names.get(u.parentId) ?? null) : null
		}))
	};
};
