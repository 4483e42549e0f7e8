import type { DbOrTx } from '../db';
import {
	compute,
	fields,
	headline,
	heatmap,
	officers,
	ranking,
	reasons,
	trend,
	type DashboardFigures,
	type DashboardOptions
} from './dashboard';
import { rawSource } from './raw';
import { summarySource } from './summary';
import { prepare, type StatsFilters } from './view';

/**
 * Insight figures: `import * as stats from '$lib/server/stats'`.
 *
 *   const period = resolvePeriod({ preset: 'quarter', today: vietnamToday() });
 *   const figures = await stats.dashboard(db, { unitId, from: period.from, to: period.to },
 *     { comparison: previousPeriod(period) });
 *
 * Writes: record()'s batch writer (ingest/batch.ts) appends each batch's pending rows with
 * addResponse from tables.ts in its transaction; bulk loaders call applyRows;
 * `npm run stats:rebuild` calls rebuild.
 */

/** Every figure of a dashboard view, from the summary tables. */
export function dashboard(
	db: DbOrTx,
	filters: StatsFilters,
	opts: DashboardOptions = {}
): Promise<DashboardFigures> {
	return compute(db, filters, opts, summarySource, 'summary');
}

/** The same figures computed from the raw responses: for tests, benchmarks and audits. */
export function rawDashboard(
	db: DbOrTx,
	filters: StatsFilters,
	opts: DashboardOptions = {}
): Promise<DashboardFigures> {
	return compute(db, filters, opts, rawSource, 'raw');
}

/**
 * The figures one at a time, for screens that show only some of them:
 *   const view = await stats.prepare(db, filters);
 *   const top = await stats.headline(db, view, stats.summarySource, { comparison });
 */
export {
	fields,
	headline,
	heatmap,
	officers,
	prepare,
	ranking,
	rawSource,
	reasons,
	summarySource,
	trend
};
export { DEFAULT_MINIMUM_N } from './dashboard';
export type {
	Change,
	DashboardFigures,
	DashboardOptions,
	FieldRow,
	Flags,
	HeatCell,
	Headline,
	OfficerRow,
	RankedUnit,
	ReasonCount,
	Source,
	TrendPoint
} from './dashboard';
export type { HappyFigure, RateFigure, ScaleDistribution, Scored } from './tally';
export type { StatsFilters, View } from './view';
export { applyRows } from './write';
export { reasonLabels } from './labels';
export { foldAll, foldSoon } from './pending';
export { moveUnit } from './move';
export { rebuild, type RebuildOptions, type RebuildProgress } from './rebuild';
export { lineage, loadTree, rollupsFresh } from './scopes';
