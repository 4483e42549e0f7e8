import { isClosed, openFirst } from '$lib/domain/unit-names';
import { isIsoDate, vietnamToday } from '$lib/domain/time';
import { pageCount, pageParam } from '$lib/components/paging';
import type { MessageKey } from '$lib/i18n';
import { requireUnitAccess, requireUser, scopeRoot } from '$lib/server/auth/guard';
import * as comments from '$lib/server/comments';
import { getDb } from '$lib/server/db/instance';
import * as units from '$lib/server/units';
import { unitOptions } from '$lib/server/stats/options';
import type { PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const root = scopeRoot(user);
	const db = getDb();
	const params = event.url.searchParams;
	const get = (name: string, max = 100) => (params.get(name) ?? '').trim().slice(0, max);

	// The unit defaults to the user's own; another one must be inside their scope (403 if not).
	let unit = get('unit') || (user.role === 'admin' ? '' : (user.unitId ?? ''));
	const errors: Partial<Record<'unit' | 'from' | 'to', MessageKey>> = {};
	if (unit && !(await units.byId(db, unit))) {
		errors.unit = 'admin.stats.err.unit';
		unit = user.role === 'admin' ? '' : (user.unitId ?? '');
	}
	if (unit) await requireUnitAccess(db, user, unit);

	const dates = { from: get('from', 20), to: get('to', 20) };
	for (const field of ['from', 'to'] as const) {
		if (dates[field] && !isIsoDate(dates[field])) {
			errors[field] = 'admin.stats.err.date';
			dates[field] = '';
		}
	}
	if (dates.from && dates.to && dates.to < dates.from) {
		errors.to = 'admin.stats.err.date_order';
		dates.to = '';
	}
	const ratingParam = get('rating', 20);
	const rating = (comments.RATING_FILTERS as readonly string[]).includes(ratingParam)
		? (ratingParam as comments.RatingFilter)
		: 'all';
	const q = get('q');

	const filter: comments.CommentFilter = {
		unitIds: unit ? await units.lineageIds(db, unit) : null,
		from: dates.from || null,
		to: dates.to || null,
		rating,
		q: q || null
	};
	let page = pageParam(event.url);
	let found = await comments.list(db, filter, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	const pages = pageCount(found.total, PER_PAGE);
	if (page > pages) {
		page = pages;
		found = await comments.list(db, filter, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	}
	return {
		filters: { unit, from: get('from', 20), to: get('to', 20), rating, q },
		errors,
		isAdmin: user.role === 'admin',
		// Units in force first, closed ones (merged in 2025) after them.
		units: openFirst(await unitOptions(db, root), (u) => isClosed(u.validTo, vietnamToday())),
		page,
		pages,
		total: found.total,
		rows: found.rows
	};
};
