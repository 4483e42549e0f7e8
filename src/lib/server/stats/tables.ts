import type { Selectable } from 'kysely';
import { weekStart } from '../../domain/periods';
import type { ResponsesTable } from '../db/schema';

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
	| 'statsDetail'
	| 'statsUnitHour'
	| 'statsUnitReason';

export interface TableSpec {
	name: TableName;
	/** 'scopeId' for rollups (a unit and its whole subtree), 'unitId' for per-unit rows. */
	owner: 'scopeId' | 'unitId';
	/** Dimensions after the owner, grain, period and the coarse filters. */
	dims: readonly string[];
	measures: readonly string[];
	/**
	 * The grains kept. Every grain is one more row, on its own page, written per response and
	 * scope, so each table keeps only what its reads need: quarters, years and weeks where a
	 * view fans out over many owners (the ranking's children, the officers of a province);
	 * days and months where a scope's row set per period is big but read for one scope at a
	 * time (the heatmap, the reasons) or for a few units (counter and officer filters).
	 */
	grains: readonly Grain[];
}

const ALL: readonly Grain[] = ['d', 'w', 'm', 'q', 'y'];
const CALENDAR: readonly Grain[] = ['d', 'm', 'q', 'y'];
const DAYS_MONTHS: readonly Grain[] = ['d', 'm'];

/** Filters every table can apply as a plain WHERE clause. */
export const COARSE = ['surveyVersionId', 'channel', 'flagged'] as const;

export const TABLES: Record<TableName, TableSpec> = {
	statsMain: {
		name: 'statsMain',
		owner: 'scopeId',
		dims: ['mainLevels'],
		measures: LEVEL_MEASURES,
		grains: ALL
	},
	statsField: {
		name: 'statsField',
		owner: 'scopeId',
		dims: ['procedureFieldId', 'mainLevels'],
		measures: LEVEL_MEASURES,
		grains: CALENDAR
	},
	statsHour: {
		name: 'statsHour',
		owner: 'scopeId',
		dims: ['procedureFieldId', 'weekday', 'hour'],
		measures: HOUR_MEASURES,
		grains: DAYS_MONTHS
	},
	statsReason: {
		name: 'statsReason',
		owner: 'scopeId',
		dims: ['procedureFieldId', 'reason'],
		measures: REASON_MEASURES,
		grains: DAYS_MONTHS
	},
	statsOfficer: {
		name: 'statsOfficer',
		owner: 'unitId',
		dims: ['officerId', 'mainLevels'],
		measures: LEVEL_MEASURES,
		grains: ALL
	},
	statsDetail: {
		name: 'statsDetail',
		owner: 'unitId',
		dims: ['counterId', 'officerId', 'procedureFieldId', 'mainLevels'],
		measures: LEVEL_MEASURES,
		grains: DAYS_MONTHS
	},
	statsUnitHour: {
		name: 'statsUnitHour',
		owner: 'unitId',
		dims: ['counterId', 'officerId', 'procedureFieldId', 'weekday', 'hour'],
		measures: HOUR_MEASURES,
		grains: DAYS_MONTHS
	},
	statsUnitReason: {
		name: 'statsUnitReason',
		owner: 'unitId',
		dims: ['counterId', 'officerId', 'procedureFieldId', 'reason'],
		measures: REASON_MEASURES,
		grains: DAYS_MONTHS
	}
};

/** Every key column of a table, in primary-key order (see the migration for why). */
export function keyColumns(spec: TableSpec): string[] {
	return ['grain', 'period', spec.owner, ...COARSE, ...spec.dims];
}

/** Day, ISO week, month, quarter, year: each row's period is the first day of its grain. */
export type Grain = 'd' | 'w' | 'm' | 'q' | 'y';

export function periodsOf(date: string): [Grain, string][] {
	const month = Number(date.slice(5, 7));
	const quarter = String(month - ((month - 1) % 3)).padStart(2, '0');
	return [
		['d', date],
		['w', weekStart(date)],
		['m', `${date.slice(0, 7)}-01`],
		['q', `${date.slice(0, 5)}${quarter}-01`],
		['y', `${date.slice(0, 4)}-01-01`]
	];
}

/** One chosen reason: a response_answers row of the reasons question. */
export interface ReasonFact {
	responseId: string;
	valueText: string | null;
}

/** What the summaries need of a response row (the columns record() writes). */
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

export type ResponseFacts = Pick<
	Selectable<ResponsesTable>,
	(typeof RESPONSE_FACT_COLUMNS)[number]
>;

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
 * `scopes` (the unit and its ancestors), per-unit rows under the unit, each at every grain its
 * table keeps, or at the day only (`grains: 'day'`: the pending rows, which the fold expands to
 * the other grains, stats/pending.ts). The same function serves record(), the bulk loaders and
 * the rebuild, so they cannot disagree on what a row counts.
 */
export function addResponse(
	out: Partial<TableDeltas>,
	r: ResponseFacts,
	reasons: readonly (string | null)[],
	scopes: readonly string[],
	grains: 'all' | 'day' = 'all'
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
	const chosen = reasons.filter((x): x is string => x !== null);
	const periods: [Grain, string][] =
		grains === 'day' ? [['d', r.localDate]] : periodsOf(r.localDate);
	for (const [grain, period] of periods) {
		const add = (d: Deltas | undefined, key: (string | number)[], values: readonly number[]) => {
			if (d && d.spec.grains.includes(grain)) d.add(key, values);
		};
		const coarse = [r.surveyVersionId, r.channel, flagged];
		for (const scope of scopes) {
			const at = [grain, period, scope, ...coarse];
			add(out.statsMain, [...at, levels], level);
			add(out.statsField, [...at, field, levels], level);
			add(out.statsHour, [...at, field, r.weekday, r.localHour], hour);
			for (const reason of chosen) add(out.statsReason, [...at, field, reason], [1]);
		}
		const own = [grain, period, r.unitId, ...coarse];
		const fine = [...own, counter, officer, field];
		add(out.statsOfficer, [...own, officer, levels], level);
		add(out.statsDetail, [...fine, levels], level);
		add(out.statsUnitHour, [...fine, r.weekday, r.localHour], hour);
		for (const reason of chosen) add(out.statsUnitReason, [...fine, reason], [1]);
	}
}
