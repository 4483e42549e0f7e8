import { sql } from 'kysely';
import type { DbOrTx } from './db';
import { describeResponses, textQuestionKeys } from './cases';
import type { Localized } from '../domain/survey';
import { foldForSearch } from '../domain/text';

// Comments ("Ý kiến góp ý"): answers to the free-text questions of any survey, with the rating
// given in the same response and where it was given.

export const RATING_FILTERS = ['all', 'unsatisfied', 'satisfied'] as const;
export type RatingFilter = (typeof RATING_FILTERS)[number];

export interface CommentFilter {
	/** Unit ids counted (a lineage); null: every unit (admin). */
	unitIds: string[] | null;
	from: string | null;
	to: string | null;
	rating: RatingFilter;
	/** Searched ignoring diacritics and case (foldForSearch, against response_answers.search_text). */
	q: string | null;
}

export interface CommentRow {
	responseId: string;
	submittedAt: string;
	localDate: string;
	unitName: string;
	counterName: string | null;
	rating: Localized | null;
	comment: string;
}

const CHUNK = 500;

// The exports read the comments with the same keys.
export { textQuestionKeys };

async function base(db: DbOrTx, f: CommentFilter) {
	const keys = await textQuestionKeys(db);
	let q = db
		.selectFrom('responseAnswers')
		.innerJoin('responses', 'responses.id', 'responseAnswers.responseId')
		.where('responseAnswers.questionKey', 'in', keys)
		.where('responseAnswers.valueText', 'is not', null)
		.where('responseAnswers.valueText', '!=', '');
	if (f.unitIds !== null) {
		// Large lineages are rare (a province), but SQLite limits bound parameters.
		const ids = f.unitIds.length ? f.unitIds : [''];
		q = q.where((eb) =>
			eb.or(
				Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, i) =>
					eb('responses.unitId', 'in', ids.slice(i * CHUNK, (i + 1) * CHUNK))
				)
			)
		);
	}
	if (f.from) q = q.where('responses.localDate', '>=', f.from);
	if (f.to) q = q.where('responses.localDate', '<=', f.to);
	if (f.rating === 'satisfied') q = q.where('responses.satisfied', '=', 1);
	if (f.rating === 'unsatisfied') q = q.where('responses.satisfied', '=', 0);
	return q;
}

export async function list(
	db: DbOrTx,
	f: CommentFilter,
	page: { limit: number; offset: number }
): Promise<{ rows: CommentRow[]; total: number }> {
	const needle = f.q ? foldForSearch(f.q) : '';
	// Free-text answers are stored folded too (response_answers.search_text), so a search that
	// ignores diacritics is a LIKE here, counted and paged by the database. One query builder
	// (base reads the survey versions) serves the count and the page.
	let matching = await base(db, f);
	if (needle) {
		const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
		matching = matching.where(
			sql<boolean>`response_answers.search_text like ${`%${escaped}%`} escape '\\'`
		);
	}
	const count = await matching
		.select((eb) => eb.fn.count<number | string>('responses.id').distinct().as('n'))
		.executeTakeFirst();
	const total = Number(count?.n ?? 0);
	const rows = await matching
		.select(['responses.id', 'responses.submittedAt'])
		.distinct()
		.orderBy('responses.submittedAt', 'desc')
		.orderBy('responses.id')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
	const ids = rows.map((r) => r.id);
	return { rows: await describe(db, ids), total };
}

/**
 * The comments of the responses `ids`, in that order, with their rating and where they were
 * given. With `within`, only responses of those units and days count (a report quotes only
 * comments of its lineage and period, whatever ids the form sent).
 */
export async function describe(
	db: DbOrTx,
	ids: string[],
	within?: { unitIds: string[]; from: string; to: string }
): Promise<CommentRow[]> {
	if (ids.length === 0) return [];
	let q = db
		.selectFrom('responses')
		.innerJoin('units', 'units.id', 'responses.unitId')
		.leftJoin('counters', 'counters.id', 'responses.counterId')
		.select([
			'responses.id',
			'responses.submittedAt',
			'responses.localDate',
			'units.name as unitName',
			'counters.name as counterName'
		])
		.where('responses.id', 'in', ids);
	if (within) {
		q = q
			.where('responses.unitId', 'in', within.unitIds)
			.where('responses.localDate', '>=', within.from)
			.where('responses.localDate', '<=', within.to);
	}
	const rows = await q.execute();
	const described = await describeResponses(
		db,
		rows.map((r) => r.id)
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return ids.flatMap((id) => {
		const r = byId.get(id);
		const d = described.get(id);
		if (!r || !d?.comment) return [];
		return [
			{
				responseId: id,
				submittedAt: r.submittedAt,
				localDate: r.localDate,
				unitName: r.unitName,
				counterName: r.counterName,
				rating: d.rating,
				comment: d.comment
			}
		];
	});
}
