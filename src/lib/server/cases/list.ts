import type { DbOrTx } from '../db';
import type { CaseStatus } from '../db/schema';
import * as units from '../units';
import type { Localized } from '../../domain/survey';
import { foldForSearch } from '../../domain/text';
import { addDays, vietnamMidnight } from '../../domain/time';
import { describeResponses, textQuestionKeys } from './answers';
import { CHUNK, type StatusFilter } from './model';

// The cases list: filtered by scope, status, unit, dates and words of the comment, paged.

export interface CaseFilter {
	/** From scopeUnitIds: null = all units. */
	scope: string[] | null;
	status: StatusFilter;
	overdueOnly: boolean;
	/** A unit in scope; its lineage is listed. */
	unitId?: string | null;
	/** Local dates of receipt, both included. */
	from?: string | null;
	to?: string | null;
	/** Searched in the comments, diacritics ignored. */
	q?: string | null;
	today: string;
}

async function filtered(db: DbOrTx, f: CaseFilter) {
	let q = db.selectFrom('followUpCases');
	// An empty scope (a user without a unit) matches nothing: ids are UUIDs, never ''.
	if (f.scope !== null) q = q.where('followUpCases.unitId', 'in', f.scope.length ? f.scope : ['']);
	if (f.unitId) {
		q = q.where('followUpCases.unitId', 'in', await units.lineageIds(db, f.unitId));
	}
	if (f.status === 'open' || f.overdueOnly) q = q.where('followUpCases.status', '!=', 'resolved');
	if (f.status !== 'open' && f.status !== 'all') q = q.where('followUpCases.status', '=', f.status);
	if (f.overdueOnly) q = q.where('followUpCases.deadline', '<', f.today);
	if (f.from) q = q.where('followUpCases.createdAt', '>=', vietnamMidnight(f.from).toISOString());
	if (f.to) {
		q = q.where('followUpCases.createdAt', '<', vietnamMidnight(addDays(f.to, 1)).toISOString());
	}
	return q;
}

/** Open work comes by deadline, oldest first; everything else newest first. */
function byDeadline(f: CaseFilter): boolean {
	return f.overdueOnly || f.status === 'open' || f.status === 'new' || f.status === 'contacted';
}

export interface CaseListItem {
	id: string;
	status: CaseStatus;
	deadline: string;
	createdAt: string;
	unitName: string;
	counterName: string | null;
	assignedName: string | null;
	rating: Localized | null;
	reasons: Localized[];
	comment: string | null;
}

export async function list(
	db: DbOrTx,
	f: CaseFilter,
	page: { limit: number; offset: number }
): Promise<{ rows: CaseListItem[]; total: number }> {
	const needle = f.q ? foldForSearch(f.q) : '';
	let ids: string[];
	let total: number;
	if (needle) {
		// Comments are free text in response_answers, folded here: portable SQL has no accent-blind
		// LIKE. The filtered cases come first, then their comments by primary key in chunks, so the
		// database never scans every answer; a province has a few thousand cases a year.
		// TODO(search): a folded comment column filled by responses.record would let SQL page it.
		let q = (await filtered(db, f)).select(['followUpCases.id', 'followUpCases.responseId']);
		q = byDeadline(f)
			? q.orderBy('followUpCases.deadline').orderBy('followUpCases.createdAt')
			: q.orderBy('followUpCases.createdAt', 'desc');
		const candidates = await q.orderBy('followUpCases.id').execute();
		const matching = await commentsMatching(
			db,
			candidates.map((c) => c.responseId),
			needle
		);
		const matched = candidates.filter((c) => matching.has(c.responseId)).map((c) => c.id);
		total = matched.length;
		ids = matched.slice(page.offset, page.offset + page.limit);
	} else {
		const count = await (
			await filtered(db, f)
		)
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.executeTakeFirst();
		total = Number(count?.n ?? 0);
		let q = (await filtered(db, f)).select('followUpCases.id');
		q = byDeadline(f)
			? q.orderBy('followUpCases.deadline').orderBy('followUpCases.createdAt')
			: q.orderBy('followUpCases.createdAt', 'desc');
		const rows = await q
			.orderBy('followUpCases.id')
			.limit(page.limit)
			.offset(page.offset)
			.execute();
		ids = rows.map((r) => r.id);
	}
	return { rows: await listItems(db, ids), total };
}

/**
 * Response ids among `responseIds` whose free-text answers contain the folded `needle`. An answer
 * counts when its key is a text question in any survey version: keys are stable across versions
 * (survey.ts), so looking up each response's own version would cost a query for nothing.
 */
async function commentsMatching(
	db: DbOrTx,
	responseIds: string[],
	needle: string
): Promise<Set<string>> {
	const keys = await textQuestionKeys(db);
	const found = new Set<string>();
	for (let i = 0; i < responseIds.length; i += CHUNK) {
		const rows = await db
			.selectFrom('responseAnswers')
			.select(['responseId', 'valueText'])
			.where('responseId', 'in', responseIds.slice(i, i + CHUNK))
			.where('questionKey', 'in', keys)
			.where('valueText', 'is not', null)
			.execute();
		for (const r of rows) {
			if (foldForSearch(r.valueText ?? '').includes(needle)) found.add(r.responseId);
		}
	}
	return found;
}

async function listItems(db: DbOrTx, ids: string[]): Promise<CaseListItem[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('followUpCases')
		.innerJoin('units', 'units.id', 'followUpCases.unitId')
		.innerJoin('responses', 'responses.id', 'followUpCases.responseId')
		.leftJoin('counters', 'counters.id', 'responses.counterId')
		.leftJoin('users', 'users.id', 'followUpCases.assignedTo')
		.select([
			'followUpCases.id',
			'followUpCases.status',
			'followUpCases.deadline',
			'followUpCases.createdAt',
			'followUpCases.responseId',
			'units.name as unitName',
			'counters.name as counterName',
			'users.displayName as assignedName'
		])
		.where('followUpCases.id', 'in', ids)
		.execute();
	const answers = await describeResponses(
		db,
		rows.map((r) => r.responseId)
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return ids.flatMap((id) => {
		const r = byId.get(id);
		if (!r) return [];
		const a = answers.get(r.responseId);
		return [
			{
				id: r.id,
				status: r.status,
				deadline: r.deadline,
				createdAt: r.createdAt,
				unitName: r.unitName,
				counterName: r.counterName,
				assignedName: r.assignedName,
				rating: a?.rating ?? null,
				reasons: a?.reasons ?? [],
				comment: a?.comment ?? null
			}
		];
	});
}
