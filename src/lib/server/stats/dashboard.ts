// Over 300 lines: the dashboard's figures and their types, computed the same way from either
// source (summary.ts or raw.ts).
import type { DbOrTx } from '../db';
import { buckets, trendGrain, type DateRange, type TrendGrain } from '../../domain/periods';
import {
	distribution,
	emptyTally,
	scored,
	type HourTally,
	type ScaleDistribution,
	type Scored,
	type Tally
} from './tally';
import { prepare, type StatsFilters, type View } from './view';
import { chunks } from './sql-util';

/** Below this many rated answers a rate is shown but marked (DOMAIN.md, "Honest numbers"). */
export const DEFAULT_MINIMUM_N = 30;

export interface Flags {
	/** Answers flagged either way. */
	flagged: number;
	burst: number;
	outOfHours: number;
}

export interface Totals {
	/** Respects excludeFlagged. */
	tally: Tally;
	/** Counted whatever excludeFlagged says, so the screen can tell how many were left out. */
	flags: Flags;
}

/**
 * Where the counts come from: the summary tables (summary.ts) or the raw responses (raw.ts).
 * Keys: '' stands for "none chosen" (no officer, no procedure field); hours are 'weekday:hour'.
 */
export interface Source {
	totals(db: DbOrTx, view: View, range: DateRange): Promise<Totals>;
	/** Keyed by bucket key (periods.bucketKey). */
	series(db: DbOrTx, view: View, range: DateRange, grain: TrendGrain): Promise<Map<string, Tally>>;
	/** Keyed by child unit id. */
	byChild(db: DbOrTx, view: View, range: DateRange): Promise<Map<string, Tally>>;
	byOfficer(db: DbOrTx, view: View, range: DateRange): Promise<Map<string, Tally>>;
	byField(db: DbOrTx, view: View, range: DateRange): Promise<Map<string, Tally>>;
	byHour(db: DbOrTx, view: View, range: DateRange): Promise<Map<string, HourTally>>;
	byReason(db: DbOrTx, view: View, range: DateRange): Promise<Map<string, number>>;
}

export interface DashboardOptions {
	/** The period to compare with (periods.previousPeriod or samePeriodLastYear); none if absent. */
	comparison?: DateRange | null;
	minimumN?: number;
}

export interface Change {
	/** Current minus comparison: answers, a share 0..1 (percentage points / 100), index points. */
	delta: number | null;
	/** Current over comparison minus 1, for counts; null when the comparison is 0. */
	relative: number | null;
}

export interface Headline extends Scored {
	comparison: (Scored & DateRange) | null;
	change: { responses: Change; satisfaction: Change; happyIndex: Change } | null;
}

export interface TrendPoint extends Scored, DateRange {
	key: string;
}

export interface RankedUnit extends Scored {
	unitId: string;
	code: string;
	name: string;
	kind: string;
	validFrom: string | null;
	validTo: string | null;
}

export interface OfficerRow extends Scored {
	/** null: answers that named no officer. */
	officerId: string | null;
	name: string | null;
}

export interface FieldRow extends Scored {
	/** null: answers that named no procedure field. */
	procedureFieldId: string | null;
	code: string | null;
	nameVi: string | null;
	nameEn: string | null;
}

export interface HeatCell {
	/** 1 = Monday … 7 = Sunday */
	weekday: number;
	hour: number;
	responses: number;
	rated: number;
	satisfied: number;
	rate: number | null;
}

export interface ReasonCount {
	/** The option value (e.g. 'wait'); its label lives in the survey definition. */
	reason: string;
	count: number;
}

export interface DashboardFigures {
	range: DateRange;
	minimumN: number;
	headline: Headline;
	distribution: ScaleDistribution[];
	flags: Flags;
	trend: { grain: TrendGrain; points: TrendPoint[] };
	ranking: RankedUnit[];
	officers: OfficerRow[];
	fields: FieldRow[];
	heatmap: HeatCell[];
	reasons: ReasonCount[];
	/** How the figures were read; not part of the figures themselves. */
	meta: { source: 'summary' | 'raw'; rollupsFresh: boolean; unitCount: number };
}

function change(current: number | null, previous: number | null, relative: boolean): Change {
	if (current === null || previous === null) return { delta: null, relative: null };
	return {
		delta: current - previous,
		relative: relative && previous !== 0 ? current / previous - 1 : null
	};
}

export async function headline(
	db: DbOrTx,
	view: View,
	source: Source,
	opts: DashboardOptions = {}
): Promise<{ headline: Headline; distribution: ScaleDistribution[]; flags: Flags }> {
	const minimumN = opts.minimumN ?? DEFAULT_MINIMUM_N;
	const current = await source.totals(db, view, view.filters);
	const now = scored(current.tally, minimumN);
	let comparison: Headline['comparison'] = null;
	let changes: Headline['change'] = null;
	if (opts.comparison) {
		const before = await source.totals(db, view, opts.comparison);
		const then = scored(before.tally, minimumN);
		comparison = { ...then, from: opts.comparison.from, to: opts.comparison.to };
		changes = {
			responses: change(now.responses, then.responses, true),
			satisfaction: change(now.satisfaction.rate, then.satisfaction.rate, false),
			happyIndex: change(now.happyIndex.value, then.happyIndex.value, false)
		};
	}
	return {
		headline: { ...now, comparison, change: changes },
		distribution: distribution(current.tally),
		flags: current.flags
	};
}

export async function trend(
	db: DbOrTx,
	view: View,
	source: Source,
	minimumN = DEFAULT_MINIMUM_N
): Promise<{ grain: TrendGrain; points: TrendPoint[] }> {
	const grain = trendGrain(view.filters);
	const series = await source.series(db, view, view.filters, grain);
	return {
		grain,
		points: buckets(view.filters, grain).map((b) => ({
			...b,
			...scored(series.get(b.key) ?? emptyTally(), minimumN)
		}))
	};
}

/** Plain code-unit order: stable, and far cheaper than a collation over hundreds of rows. */
function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Highest rate first; unknown rates last; then more answers, then the key. */
function byRate<T extends Scored>(a: T, b: T, key: (x: T) => string): number {
	const ra = a.satisfaction.rate;
	const rb = b.satisfaction.rate;
	if (ra !== rb) {
		if (ra === null) return 1;
		if (rb === null) return -1;
		return rb - ra;
	}
	if (a.responses !== b.responses) return b.responses - a.responses;
	return compareText(key(a), key(b));
}

/** Each direct child of the scope with its lineage, ranked by satisfaction rate. */
export async function ranking(
	db: DbOrTx,
	view: View,
	source: Source,
	minimumN = DEFAULT_MINIMUM_N
): Promise<RankedUnit[]> {
	const counts = await source.byChild(db, view, view.filters);
	return view.children
		.map(({ unit }) => ({
			unitId: unit.id,
			code: unit.code,
			name: unit.name,
			kind: unit.kind,
			validFrom: unit.validFrom,
			validTo: unit.validTo,
			...scored(counts.get(unit.id) ?? emptyTally(), minimumN)
		}))
		.sort((a, b) => byRate(a, b, (x) => x.code));
}

function byAnswers<T extends Scored>(a: T, b: T, id: (x: T) => string): number {
	return b.responses - a.responses || compareText(id(a), id(b));
}

export async function officers(
	db: DbOrTx,
	view: View,
	source: Source,
	minimumN = DEFAULT_MINIMUM_N
): Promise<OfficerRow[]> {
	const counts = await source.byOfficer(db, view, view.filters);
	const ids = [...counts.keys()].filter((id) => id !== '');
	const names = new Map<string, string>();
	for (const part of chunks(ids)) {
		const rows = await db
			.selectFrom('officers')
			.select(['id', 'fullName'])
			.where('id', 'in', part)
			.execute();
		for (const r of rows) names.set(r.id, r.fullName);
	}
	return [...counts]
		.filter(([, t]) => t.responses > 0)
		.map(([id, t]) => ({
			officerId: id || null,
			name: id ? (names.get(id) ?? null) : null,
			...scored(t, minimumN)
		}))
		.sort((a, b) => byAnswers(a, b, (x) => x.officerId ?? ''));
}

export async function fields(
	db: DbOrTx,
	view: View,
	source: Source,
	minimumN = DEFAULT_MINIMUM_N
): Promise<FieldRow[]> {
	const counts = await source.byField(db, view, view.filters);
	const rows = await db
		.selectFrom('procedureFields')
		.select(['id', 'code', 'nameVi', 'nameEn'])
		.execute();
	const known = new Map(rows.map((r) => [r.id, r]));
	return [...counts]
		.filter(([, t]) => t.responses > 0)
		.map(([id, t]) => {
			const f = id ? known.get(id) : undefined;
			return {
				procedureFieldId: id || null,
				code: f?.code ?? null,
				nameVi: f?.nameVi ?? null,
				nameEn: f?.nameEn ?? null,
				...scored(t, minimumN)
			};
		})
		.sort((a, b) => byAnswers(a, b, (x) => x.procedureFieldId ?? ''));
}

export async function heatmap(db: DbOrTx, view: View, source: Source): Promise<HeatCell[]> {
	const counts = await source.byHour(db, view, view.filters);
	return [...counts]
		.filter(([, c]) => c.responses > 0)
		.map(([key, c]) => {
			const [weekday, hour] = key.split(':').map(Number);
			return { weekday, hour, ...c, rate: c.rated === 0 ? null : c.satisfied / c.rated };
		})
		.sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

export async function reasons(db: DbOrTx, view: View, source: Source): Promise<ReasonCount[]> {
	const counts = await source.byReason(db, view, view.filters);
	return [...counts]
		.filter(([, n]) => n > 0)
		.map(([reason, count]) => ({ reason, count }))
		.sort((a, b) => b.count - a.count || compareText(a.reason, b.reason));
}

/** Every figure of one dashboard view, from `source`. */
export async function compute(
	db: DbOrTx,
	filters: StatsFilters,
	opts: DashboardOptions,
	source: Source,
	sourceName: 'summary' | 'raw'
): Promise<DashboardFigures> {
	const view = await prepare(db, filters);
	const minimumN = opts.minimumN ?? DEFAULT_MINIMUM_N;
	const top = await headline(db, view, source, opts);
	return {
		range: { from: filters.from, to: filters.to },
		minimumN,
		...top,
		trend: await trend(db, view, source, minimumN),
		ranking: await ranking(db, view, source, minimumN),
		officers: await officers(db, view, source, minimumN),
		fields: await fields(db, view, source, minimumN),
		heatmap: await heatmap(db, view, source),
		reasons: await reasons(db, view, source),
		meta: { source: sourceName, rollupsFresh: view.fresh, unitCount: view.lineage.length }
	};
}
