/**
 * The summary tables (migrations/2026_11_28_2200_stats_summaries.ts) described once, so that
 * the write path, the rebuild and the readers agree on every key and measure. Column names are
 * camelCase here, as everywhere in TypeScript (CamelCasePlugin maps them).
 */

export const LEVEL_MEASURES = [
	'responses',
	'satisfied',
	'level1',
	'level2',
	'level3',
	'level4',
	'level5',
	'burst',
	'outOfHours'
] as const;
export const HOUR_MEASURES = ['responses', 'rated', 'satisfied'] as const;
export const REASON_MEASURES = ['responses'] as const;

/** Highest number of levels a rating may have (survey.ts allows 3, 4 or 5). */
export const MAX_LEVELS = 5;

/** The question whose multiple-choice answers are the "why" after a low rating. */
export const REASONS_KEY = 'reasons';

export type TableName =
	| 'statsMain'
	| 'statsField'
	| 'statsHour'
	| 'statsReason'
	| 'statsOfficer'
	| 'statsDetail';

export interface TableSpec {
	name: TableName;
	/** 'scopeId' for rollups (a unit and its whole subtree), 'unitId' for per-unit rows. */
	owner: 'scopeId' | 'unitId';
	/** Dimensions after the owner, grain, period and the coarse filters. */
	dims: readonly string[];
	measures: readonly string[];
}

/** Filters every table can apply as a plain WHERE clause. */
export const COARSE = ['surveyVersionId', 'channel', 'flagged'] as const;

export const TABLES: Record<TableName, TableSpec> = {
	statsMain: { name: 'statsMain', owner: 'scopeId', dims: ['mainLevels'], measures: LEVEL_MEASURES },
	statsField: {
		name: 'statsField',
		owner: 'scopeId',
		dims: ['procedureFieldId', 'mainLevels'],
		measures: LEVEL_MEASURES
	},
	statsHour: {
		name: 'statsHour',
		owner: 'scopeId',
		dims: ['procedureFieldId', 'weekday', 'hour'],
		measures: HOUR_MEASURES
	},
	statsReason: {
		name: 'statsReason',
		owner: 'scopeId',
		dims: ['procedureFieldId', 'reason'],
		measures: REASON_MEASURES
	},
	statsOfficer: {
		name: 'statsOfficer',
		owner: 'unitId',
		dims: ['officerId', 'mainLevels'],
		measures: LEVEL_MEASURES
	},
	statsDetail: {
		name: 'statsDetail',
		owner: 'unitId',
		dims: ['counterId', 'officerId', 'procedureFieldId', 'mainLevels'],
		measures: LEVEL_MEASURES
	}
};

/** Every key column of a table, in primary-key order. */
export function keyColumns(spec: TableSpec): string[] {
	return [spec.owner, 'grain', 'period', ...COARSE, ...spec.dims];
}

export type Grain = 'd' | 'm';

/** What the summaries need of a response row (the columns record() writes). */
export interface ResponseFacts {
	id: string;
	surveyVersionId: string;
	unitId: string;
	counterId: string | null;
	officerId: string | null;
	procedureFieldId: string | null;
	channel: string;
	localDate: string;
	localHour: number;
	weekday: number;
	mainLevel: number | null;
	mainLevels: number | null;
	satisfied: number | null;
	flagBurst: number;
	flagOutOfHours: number;
}

/** One chosen reason: a response_answers row of the reasons question. */
export interface ReasonFact {
	responseId: string;
	valueText: string | null;
}

export const RESPONSE_FACT_COLUMNS = [
	'id',
	'surveyVersionId',
	'unitId',
	'counterId',
	'officerId',
	'procedureFieldId',
	'channel',
	'localDate',
	'localHour',
	'weekday',
	'mainLevel',
	'mainLevels',
	'satisfied',
	'flagBurst',
	'flagOutOfHours'
] as const;

/** A response counts as rated when it carries a level on a known scale. */
export function isRated(mainLevel: number | null, mainLevels: number | null): boolean {
	return (
		mainLevel !== null &&
		mainLevels !== null &&
		mainLevels >= 2 &&
		mainLevel >= 1 &&
		mainLevel <= MAX_LEVELS &&
		mainLevel <= mainLevels
	);
}

export function isFlagged(r: { flagBurst: number; flagOutOfHours: number }): boolean {
	return Number(r.flagBurst) === 1 || Number(r.flagOutOfHours) === 1;
}

/** Summary rows accumulated in memory: key values and measures, by a joined key string. */
export class Deltas {
	readonly rows = new Map<string, { key: (string | number)[]; values: number[] }>();

	constructor(readonly spec: TableSpec) {}

	add(key: (string | number)[], values: readonly number[]): void {
		const id = key.join('\u0001');
		const row = this.rows.get(id);
		if (row) {
			for (let i = 0; i < values.length; i++) row.values[i] += values[i];
		} else {
			this.rows.set(id, { key, values: values.slice() });
		}
	}

	get size(): number {
		return this.rows.size;
	}
}

export type TableDeltas = Record<TableName, Deltas>;

export function emptyDeltas(specs: TableSpec[] = Object.values(TABLES)): TableDeltas {
	const out = {} as TableDeltas;
	for (const spec of specs) out[spec.name] = new Deltas(spec);
	return out;
}

/**
 * Adds one response (and its chosen reasons) to the accumulators: rollup rows under each of
 * `scopes` (the unit and its ancestors), per-unit rows under the unit, each at day and month
 * grain. The same function serves record(), the bulk loaders and the rebuild, so they cannot
 * disagree on what a row counts.
 */
export function addResponse(
	out: Partial<TableDeltas>,
	r: ResponseFacts,
	reasons: readonly (string | null)[],
	scopes: readonly string[]
): void {
	const flagged = isFlagged(r) ? 1 : 0;
	const levels = r.mainLevels ?? 0;
	const rated = isRated(r.mainLevel, r.mainLevels);
	const satisfied = Number(r.satisfied ?? 0) === 1 ? 1 : 0;
	const level: number[] = [
		1,
		satisfied,
		0,
		0,
		0,
		0,
		0,
		Number(r.flagBurst) === 1 ? 1 : 0,
		Number(r.flagOutOfHours) === 1 ? 1 : 0
	];
	if (rated) level[1 + r.mainLevel!] = 1;
	const hour = [1, rated ? 1 : 0, satisfied];
	const field = r.procedureFieldId ?? '';
	const officer = r.officerId ?? '';
	const counter = r.counterId ?? '';
	const month = `${r.localDate.slice(0, 7)}-01`;
	for (const [grain, period] of [
		['d', r.localDate],
		['m', month]
	] as const) {
		const coarse = [grain, period, r.surveyVersionId, r.channel, flagged];
		for (const scope of scopes) {
			out.statsMain?.add([scope, ...coarse, levels], level);
			out.statsField?.add([scope, ...coarse, field, levels], level);
			out.statsHour?.add([scope, ...coarse, field, r.weekday, r.localHour], hour);
			if (out.statsReason) {
				for (const reason of reasons) {
					if (reason !== null) out.statsReason.add([scope, ...coarse, field, reason], [1]);
				}
			}
		}
		out.statsOfficer?.add([r.unitId, ...coarse, officer, levels], level);
		out.statsDetail?.add([r.unitId, ...coarse, counter, officer, field, levels], level);
	}
}
