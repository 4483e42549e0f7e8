import { error } from '@sveltejs/kit';
import { vietnamToday } from '$lib/domain/time';
import { requireUnitAccess, requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { openCases } from '$lib/server/overview';
import * as stats from '$lib/server/stats';
import { dashboardChoices } from '$lib/server/stats/choices';
import { resolveQuery } from '$lib/server/stats/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const root = scopeRoot(user);
	const db = getDb();
	const query = await resolveQuery(db, user, event.url.searchParams, vietnamToday());
	if (!query.ok && query.forbidden) error(403, { message: 'forbidden' });
	// The guard itself, again, on the unit the figures are read for.
	if (query.values.unit) await requireUnitAccess(db, user, query.values.unit);

	const { units, options } = await dashboardChoices(
		db,
		root,
		query.values.unit || null,
		vietnamToday()
	);
	const base = { values: query.values, units, options, isAdmin: user.role === 'admin' };
	if (!query.ok) {
		return { ...base, errors: query.errors, result: null };
	}
	const figures = await stats.dashboard(db, query.filters, { comparison: query.comparison });
	return {
		...base,
		errors: {},
		// Cases are counted as they stand today: a leader acts on what is still open.
		openCases: await openCases(db, query.filters.unitId, vietnamToday()),
		result: {
			unitName: query.unit ? query.unit.name : null,
			period: query.period,
			comparison: query.comparison,
			excludeFlagged: query.filters.excludeFlagged ?? false,
			figures: { ...figures, meta: undefined },
			fresh: figures.meta.rollupsFresh,
			reasonLabels: await stats.reasonLabels(db)
		}
	};
};
