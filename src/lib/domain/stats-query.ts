// The dashboard's parameters: the form (browser) and their reading (server/stats/query.ts).

export type QueryField =
	| 'unit'
	| 'period'
	| 'basis'
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
	/** 'calendar' or 'cutoff' (Decree 09's 15th-to-14th periods). */
	basis: string;
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
