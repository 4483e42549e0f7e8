import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../../src/lib/server/db/index';
import * as stats from '../../src/lib/server/stats';
import {
	comparisonRange,
	resolvePeriod,
	PERIOD_PRESETS,
	type PeriodInput
} from '../../src/lib/domain/periods';
import { addDays } from '../../src/lib/domain/time';
import { YEAR_FROM, type BenchWorld } from './province';
import { Rng } from './shape';

export interface ViewCase {
	label: string;
	filters: stats.StatsFilters;
	opts: stats.DashboardOptions;
}

/**
 * Dashboard views as people open them: a commune, ward or agency leader looking at their own
 * unit most of the time, the province and the agencies' group otherwise; every period preset
 * equally often, with "today" anywhere in the year; a comparison period two times in three; and
 * now and then a channel, survey, counter, officer or procedure-field filter, or flagged answers
 * left out.
 */
export function drawViews(w: BenchWorld, count: number, seed = 'bench|views'): ViewCase[] {
	const rng = new Rng(seed);
	const out: ViewCase[] = [];
	for (let i = 0; i < count; i++) {
		const r = rng.next();
		const unit = r < 0.25 ? null : r < 0.35 ? null : rng.pick(w.units);
		const unitId = r < 0.25 ? w.rootId : r < 0.35 ? w.groupId : unit!.id;
		const today = addDays(YEAR_FROM, rng.int(31, 364));
		const preset = rng.pick(PERIOD_PRESETS);
		const input: PeriodInput = { preset, today };
		if (preset === 'custom') {
			const from = addDays(YEAR_FROM, rng.int(0, 300));
			input.from = from;
			input.to = addDays(from, rng.int(0, 120));
		}
		const period = resolvePeriod(input);
		const c = rng.next();
		const comparison =
			c < 0.4
				? comparisonRange(period, 'previous')
				: c < 0.7
					? comparisonRange(period, 'last_year')
					: null;
		const filters: stats.StatsFilters = { unitId, from: period.from, to: period.to };
		const where = unit ?? rng.pick(w.units);
		if (rng.chance(0.15)) filters.channel = rng.chance(0.8) ? 'kiosk' : 'web';
		if (rng.chance(0.15)) filters.surveyId = rng.chance(0.7) ? w.deskSurveyId : w.sipasSurveyId;
		const fine = rng.next();
		if (fine < 0.1) filters.counterId = rng.pick(where.counters).id;
		else if (fine < 0.2) filters.officerId = rng.pick(rng.pick(where.counters).officers).id;
		if (rng.chance(0.2)) filters.procedureFieldId = rng.pick(w.fieldIds);
		if (rng.chance(0.3)) filters.excludeFlagged = true;
		const scope = unitId === w.rootId ? 'province' : unitId === w.groupId ? 'agencies' : where.kind;
		const extras = Object.keys(filters).filter((k) => !['unitId', 'from', 'to'].includes(k));
		out.push({
			label: `${scope} ${preset} ${period.from}..${period.to}${comparison ? ' vs ' + comparison.from : ''}${extras.length ? ' +' + extras.join('+') : ''}`,
			filters,
			opts: { comparison }
		});
	}
	return out;
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i];
}

export interface ViewTimings {
	summaryMs: number[];
	rawSample: { label: string; summaryMs: number; rawMs: number; same: boolean }[];
	slowest: { label: string; ms: number }[];
}

const strip = (f: stats.DashboardFigures) => ({ ...f, meta: undefined });

/**
 * Times every view from the summaries (all of its queries, as the dashboard runs them), then a
 * sample of them from the raw responses, checking both give the same figures.
 */
export async function timeViews(
	db: Db,
	views: ViewCase[],
	rawSample: number,
	log: (msg: string) => void
): Promise<ViewTimings> {
	// Warm the caches as a running server would have them.
	for (const v of views.slice(0, 10)) await stats.dashboard(db, v.filters, v.opts);
	const summaryMs: number[] = [];
	const timed: { label: string; ms: number }[] = [];
	for (const v of views) {
		const t = performance.now();
		await stats.dashboard(db, v.filters, v.opts);
		const ms = performance.now() - t;
		summaryMs.push(ms);
		timed.push({ label: v.label, ms });
	}
	const sample: ViewTimings['rawSample'] = [];
	const step = Math.max(1, Math.floor(views.length / rawSample));
	for (let i = 0; i < views.length && sample.length < rawSample; i += step) {
		const v = views[i];
		let t = performance.now();
		const summary = await stats.dashboard(db, v.filters, v.opts);
		const summaryTook = performance.now() - t;
		t = performance.now();
		const raw = await stats.rawDashboard(db, v.filters, v.opts);
		const rawMs = performance.now() - t;
		const same = isDeepStrictEqual(strip(summary), strip(raw));
		sample.push({ label: v.label, summaryMs: summaryTook, rawMs, same });
		log(
			`  raw ${rawMs.toFixed(0)} ms vs ${summaryTook.toFixed(1)} ms, ${same ? 'same figures' : 'FIGURES DIFFER'}: ${v.label}`
		);
	}
	return {
		summaryMs,
		rawSample: sample,
		slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 5)
	};
}
