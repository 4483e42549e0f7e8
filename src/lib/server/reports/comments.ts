import type { DateRange } from '../../domain/periods';
import { describeResponses } from '../cases';
import * as comments from '../comments';
import type { DbOrTx } from '../db';
import type { SelectedComment } from './figures';

/**
 * Section IV of a report holds comments a person chose: never picked by the software. The form
 * offers the period's comments (the comments page's own list) and the report keeps the chosen
 * ones only when they belong to the report's unit lineage and period.
 */

/** How many of the period's comments the form offers, newest first. */
export const OFFERED_COMMENTS = 200;
/** How many a report may quote. */
export const MAX_SELECTED_COMMENTS = 30;

export async function offered(db: DbOrTx, lineage: string[], period: DateRange) {
	const { rows, total } = await comments.list(
		db,
		{ unitIds: lineage, from: period.from, to: period.to, rating: 'all', q: null },
		{ limit: OFFERED_COMMENTS, offset: 0 }
	);
	return { rows, total };
}

export async function describeComments(
	db: DbOrTx,
	lineage: string[],
	period: DateRange,
	ids: string[]
): Promise<SelectedComment[]> {
	const wanted = [...new Set(ids)].slice(0, MAX_SELECTED_COMMENTS);
	if (wanted.length === 0 || lineage.length === 0) return [];
	const rows = await db
		.selectFrom('responses')
		.innerJoin('units', 'units.id', 'responses.unitId')
		.leftJoin('counters', 'counters.id', 'responses.counterId')
		.select([
			'responses.id',
			'responses.localDate',
			'units.name as unitName',
			'counters.name as counterName'
		])
		.where('responses.id', 'in', wanted)
		.where('responses.unitId', 'in', lineage)
		.where('responses.localDate', '>=', period.from)
		.where('responses.localDate', '<=', period.to)
		.execute();
	const described = await describeResponses(
		db,
		rows.map((r) => r.id)
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return wanted.flatMap((id) => {
		const r = byId.get(id);
		const d = described.get(id);
		if (!r || !d?.comment) return [];
		return [
			{
				responseId: id,
				date: r.localDate,
				unitName: r.unitName,
				counterName: r.counterName,
				rating: d.rating,
				comment: d.comment
			}
		];
	});
}
