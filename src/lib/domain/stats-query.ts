// The dashboard's parameters: the form (browser) and their reading (server/stats/query.ts).

export type QueryField =
	| 'unit'
	| 'period'
	| 'year'
	| 'quarter'
	| 'from'
	| 'to'
	| 'compare'
	| 'channel'
	| 'survey'
	| 'counter'
	| 'officer'
	| 'field';

/** The parameters as given, echoed back into the form. */
export interface QueryValues {
	unit: string;
	period: string;
	year: string;
	quarter: string;
	from: string;
	to: string;
	compare: string;
	channel: string;
	survey: string;
	counter: string;
	officer: string;
	field: string;
	excludeFlagged: boolean;
}
