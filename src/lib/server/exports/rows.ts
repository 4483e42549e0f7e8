import type { DbOrTx } from '../db';
import { responsesInView } from '../stats/raw';
import { chunks } from '../stats/sql-util';
import type { View } from '../stats/view';
import { foldForSearch } from '../../domain/text';
import { textQuestionKeys, type RatingFilter } from '../comments';

// Answer rows read in chunks on the normal (read) connection, never inside the answer writer's
// transaction: each chunk is one short query, and the event loop is given back between chunks,
// so kiosks' answers are acknowledged while a million rows go out. Keyset paging per unit on
// (local_date, id) keeps every chunk an index seek (responses_unit_date) on SQLite and
// PostgreSQL alike; rows come out by unit code, then day, then id.

export const CHUNK_ROWS = 500;

export interface ResponseRow {
	id: string;
	unitId: string;
	counterId: string | null;
	officerId: string | null;
	procedureFieldId: string | null;
	surveyVersionId: string;
	channel: string;
	submittedAt: string;
	localDate: string;
	satisfied: number | null;
	flagBurst: number;
	flagOutOfHours: number;
}

export interface AnswerRow {
	responseId: string;
	questionKey: string;
	seq: number;
	valueInt: number | null;
	valueText: string | null;
}

export interface CommentFilters {
	rating: RatingFilter;
	q: string | null;
}

function nothing(view: View): boolean {
	return view.lineage.length === 0 || (view.versionIds !== null && view.versionIds.length === 0);
}

/** Units of the view by code, the order rows come out in. */
function unitsInOrder(view: View): string[] {
	return [...view.lineage].sort((a, b) => {
		const ca = view.tree.byId.get(a)?.code ?? a;
		const cb = view.tree.byId.get(b)?.code ?? b;
		return ca < cb ? -1 : ca > cb ? 1 : 0;
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Query = any;

function commentQuery(db: DbOrTx, view: View, units: string[], keys: string[], f: CommentFilters) {
	let q: Query = responsesInView(db, view, units, view.filters, false)
		.innerJoin('responseAnswers as a', 'a.responseId', 'r.id')
		.where('a.questionKey', 'in', keys)
		.where('a.valueText', 'is not', null)
		.where('a.valueText', '!=', '');
	if (f.rating === 'satisfied') q = q.where('r.satisfied', '=', 1);
	if (f.rating === 'unsatisfied') q = q.where('r.satisfied', '=', 0);
	if (f.q) {
		const needle = foldForSearch(f.q).replace(/[\\%_]/g, (c) => `\\${c}`);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		q = q.where((eb: any) => eb('a.searchText', 'like', `%${needle}%`));
	}
	return q;
}

/** How many answer rows (responses) the export will hold, and of which survey versions. */
export async function countResponses(
	db: DbOrTx,
	view: View
): Promise<{ total: number; versionIds: string[] }> {
	if (nothing(view)) return { total: 0, versionIds: [] };
	let total = 0;
	const versions = new Set<string>();
	for (const part of chunks(view.lineage)) {
		const rows: { v: string; n: number | string }[] = await responsesInView(
			db,
			view,
			part,
			view.filters,
			false
		)
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			.select((eb: any) => [eb.ref('r.surveyVersionId').as('v'), eb.fn.countAll().as('n')])
			.groupBy('r.surveyVersionId')
			.execute();
		for (const r of rows) {
			total += Number(r.n);
			versions.add(r.v);
		}
	}
	return { total, versionIds: [...versions] };
}

export async function countComments(db: DbOrTx, view: View, f: CommentFilters): Promise<number> {
	if (nothing(view)) return 0;
	const keys = await textQuestionKeys(db);
	let total = 0;
	for (const part of chunks(view.lineage)) {
		const row: { n: number | string } | undefined = await commentQuery(db, view, part, keys, f)
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			.select((eb: any) => eb.fn.countAll().as('n'))
			.executeTakeFirst();
		total += Number(row?.n ?? 0);
	}
	return total;
}

const RESPONSE_COLUMNS = [
	'r.id',
	'r.unitId',
	'r.counterId',
	'r.officerId',
	'r.procedureFieldId',
	'r.surveyVersionId',
	'r.channel',
	'r.submittedAt',
	'r.localDate',
	'r.satisfied',
	'r.flagBurst',
	'r.flagOutOfHours'
];

/** Yields the view's responses with their answers, CHUNK_ROWS at a time. */
export async function* responseChunks(
	db: DbOrTx,
	view: View
): AsyncGenerator<{ rows: ResponseRow[]; answers: Map<string, AnswerRow[]> }> {
	if (nothing(view)) return;
	for (const unitId of unitsInOrder(view)) {
		let after: [string, string] | null = null;
		for (;;) {
			let q: Query = responsesInView(db, view, [unitId], view.filters, false);
			if (after) {
				const [date, id] = after;
				// eslint-disable-next-line @typescript-eslint/no-explicit-any
				q = q.where((eb: any) => eb(eb.refTuple('r.localDate', 'r.id'), '>', eb.tuple(date, id)));
			}
			const rows: ResponseRow[] = await q
				.select(RESPONSE_COLUMNS)
				.orderBy('r.localDate')
				.orderBy('r.id')
				.limit(CHUNK_ROWS)
				.execute();
			if (rows.length === 0) break;
			const answers = new Map<string, AnswerRow[]>();
			const found = await db
				.selectFrom('responseAnswers')
				.select(['responseId', 'questionKey', 'seq', 'valueInt', 'valueText'])
				.where(
					'responseId',
					'in',
					rows.map((r) => r.id)
				)
				.execute();
			for (const a of found) {
				const list = answers.get(a.responseId);
				if (list) list.push(a);
				else answers.set(a.responseId, [a]);
			}
			yield { rows, answers };
			const last = rows[rows.length - 1];
			after = [last.localDate, last.id];
			if (rows.length < CHUNK_ROWS) break;
		}
	}
}

export interface CommentRow extends ResponseRow {
	questionKey: string;
	comment: string;
	mainLevel: number | null;
}

/** Yields the view's comments (non-empty free-text answers), CHUNK_ROWS at a time. */
export async function* commentChunks(
	db: DbOrTx,
	view: View,
	f: CommentFilters
): AsyncGenerator<CommentRow[]> {
	if (nothing(view)) return;
	const keys = await textQuestionKeys(db);
	for (const unitId of unitsInOrder(view)) {
		let after: [string, string, string] | null = null;
		for (;;) {
			let q: Query = commentQuery(db, view, [unitId], keys, f);
			if (after) {
				const [date, id, key] = after;
				q = q.where(
					// eslint-disable-next-line @typescript-eslint/no-explicit-any
					(eb: any) =>
						eb(eb.refTuple('r.localDate', 'r.id', 'a.questionKey'), '>', eb.tuple(date, id, key))
				);
			}
			const rows: CommentRow[] = await q
				.select([...RESPONSE_COLUMNS, 'r.mainLevel', 'a.questionKey', 'a.valueText as comment'])
				.orderBy('r.localDate')
				.orderBy('r.id')
				.orderBy('a.questionKey')
				.limit(CHUNK_ROWS)
				.execute();
			if (rows.length === 0) break;
			yield rows;
			const last = rows[rows.length - 1];
			after = [last.localDate, last.id, last.questionKey];
			if (rows.length < CHUNK_ROWS) break;
		}
	}
}
