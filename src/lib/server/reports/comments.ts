import type { DateRange } from '../../domain/periods';
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
	const found = await comments.describe(db, wanted, { unitIds: lineage, ...period });
	return found.map((c) => ({
		responseId: c.responseId,
		date: c.localDate,
		unitName: c.unitName,
		counterName: c.counterName,
		rating: c.rating,
		comment: c.comment
	}));
}
