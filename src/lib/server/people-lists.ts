// The rows of the counter and officer lists as their pages show them, and the scope-wide list
// page both share: every one in the user's scope, searchable, with the unit of each row.
import type { RequestEvent } from '@sveltejs/kit';
import { loadSearchPage } from '$lib/components/paging';
import { initials } from '$lib/domain/text';
import { vietnamToday } from '$lib/domain/time';
import { requireUser, scopeRoot } from './auth/guard';
import type { CounterListRow } from './counters';
import type { DbOrTx } from './db';
import { getDb } from './db/instance';
import type { OfficerListRow } from './officers';
import type { UnitListQuery, UnitOfRow } from './unit-lists';
import { unitColumns } from './unit-names';

/** A counter as its lists show it. */
export function counterRow(c: CounterListRow) {
	return {
		id: c.id,
		number: c.number,
		name: c.name,
		active: c.active === 1,
		officerCount: c.officerCount
	};
}

/** An officer as its lists show it. */
export function officerRow(o: OfficerListRow) {
	return {
		id: o.id,
		fullName: o.fullName,
		initials: initials(o.fullName),
		title: o.title,
		hasPhoto: o.hasPhoto,
		updatedAt: o.updatedAt,
		counterNumber: o.counterNumber,
		counterName: o.counterName,
		active: o.active === 1
	};
}

/**
 * One page of a list over the user's whole scope, searched by ?q=, each row shaped by `shape`
 * and given its unit's columns (units closed by the 2025 merger come last).
 */
export async function loadScopeList<Row extends UnitOfRow, Shown>(
	event: RequestEvent,
	perPage: number,
	list: (db: DbOrTx, query: UnitListQuery) => Promise<{ rows: Row[]; total: number }>,
	shape: (row: Row) => Shown
) {
	const user = requireUser(event);
	const db = getDb();
	const withinId = scopeRoot(user);
	const today = vietnamToday();
	const unitOf = await unitColumns(db, today);
	return loadSearchPage(
		event.url,
		perPage,
		(query, range) => list(db, { withinId, query, today, ...range }),
		(row) => ({ ...shape(row), ...unitOf(row) })
	);
}
