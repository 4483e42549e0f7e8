// Over 300 lines: the figure types a report archives (FIGURES_VERSION) and the one function that
// reads them. Design debt: the types could move to a file of their own.
import type { DateRange } from '../../domain/periods';
import {
	previousReportPeriod,
	reportPeriod,
	sameReportPeriodLastYear,
	type ReportPeriod
} from '../../domain/report-periods';
import { wilsonInterval } from '../../domain/metrics';
import type { Localized } from '../../domain/survey';
import { vietnamMidnight, vietnamParts } from '../../domain/time';
import type { DbOrTx } from '../db';
import type { Channel } from '../db/schema';
import * as stats from '../stats';
import * as units from '../units';
import { describeComments } from './comments';

/**
 * The figures of a report, read through the statistics module (`$lib/server/stats`), the very
 * functions behind /api/v1/stats and the dashboard: a report never counts anything itself, so
 * its numbers equal the API's for the same unit and dates. Everything here is plain JSON: the
 * archive keeps it as it was when the report was generated.
 */

export const FIGURES_VERSION = 1;

export interface Share {
	count: number;
	/** 0..1 of the rated answers; null without any. */
	share: number | null;
}

/** A rate as the dashboard states it (n is the rated answers), with all answers beside it. */
export interface Rated extends stats.RateFigure {
	responses: number;
}

export interface Levels {
	/** The top level of each scale ("Rất hài lòng"). */
	verySatisfied: Share;
	/** Satisfied levels below the top ("Hài lòng"). */
	satisfied: Share;
	/** Below the satisfied threshold ("Không hài lòng", and "Bình thường" on 4 and 5 levels). */
	notSatisfied: Share;
}

export interface Compared {
	/** Rate now minus rate then (0..1 points); null when either is unknown or under the minimum. */
	previous: number | null;
	lastYear: number | null;
}

export interface UnitRow extends Rated {
	/**
	 * The answers of the unit itself and of the units merged into it, not of any unit below it:
	 * the scope's total minus its children's. Never ranked against the units below.
	 */
	own?: boolean;
	/** A kiosk or QR link not revoked in the unit's lineage (the "Dân vận khéo" model). */
	hasDevice: boolean;
	levels: Levels;
	unitId: string;
	code: string;
	name: string;
	/** 1.. among the units with enough answers; null under the minimum n (never ranked). */
	rank: number | null;
	change: Compared;
}

export interface PersonRow extends Rated {
	label: string | null;
	rank: number | null;
}

export interface CounterRow extends Rated {
	counterId: string;
	label: string;
	/** Two "Quầy 1" in different units are told apart by their unit. */
	unitName: string;
	rank: number | null;
}

export interface CaseCounts {
	/** Cases opened in the period (an unhappy resident who left a way to be reached). */
	received: number;
	/** Residents the office has reached: cases no longer "new". */
	contacted: number;
	resolvedOnTime: number;
	resolvedLate: number;
	/** Not resolved yet, as of the report's date. */
	open: number;
	/** Of the open ones, past their deadline as of the report's date. */
	overdue: number;
}

export interface SelectedComment {
	responseId: string;
	date: string;
	unitName: string;
	counterName: string | null;
	rating: Localized | null;
	comment: string;
}

/**
 * One unit's year for the "Dân vận khéo" self-assessment annex: answers in each of the year's
 * twelve reporting months (on the report's basis), and its follow-up cases over the year.
 */
export interface YearRow {
	unitId: string;
	code: string;
	name: string;
	/** Answers per reporting month, index 0 = month 1 (on the cut-off basis 15/12–14/1). */
	months: number[];
	casesReceived: number;
	casesResolved: number;
}

/** One point of the trend chart: a day, a week (from its Monday) or a reporting month. */
export interface TrendFigure extends DateRange {
	/** "05/01" for a day or a week's first day, "T3" for month 3 (of the period's basis). */
	label: string;
	responses: number;
	n: number;
	rate: number | null;
}

export interface YearFigures {
	basis: ReportPeriod['basis'];
	year: number;
	/** Reporting months begun by the "as of" date (12 once the year is over). */
	monthsBegun: number;
	rows: YearRow[];
}

export interface ReportFigures {
	version: number;
	unit: { id: string; code: string; name: string; parentName: string | null };
	range: DateRange;
	previous: DateRange;
	lastYear: DateRange;
	/** The Vietnam date the figures were read "as of": the overdue cases depend on it. */
	asOf: string;
	minimumN: number;
	total: Rated & { levels: Levels; change: Compared };
	/** Mixed scales: whether any scale has a level between "không hài lòng" and "hài lòng". */
	hasNeutral: boolean;
	channels: Record<Channel, number>;
	/** Units of the scope with a kiosk or a QR link that is not revoked (set up at the counter). */
	unitsWithDevices: number;
	/** Direct units of the scope with no answer in the period. */
	silentUnits: { code: string; name: string }[];
	units: UnitRow[];
	officers: PersonRow[];
	/** The counters of the scope with answers in the period (the ranking annex). */
	counters: CounterRow[];
	fields: PersonRow[];
	reasons: { reason: string; label: Localized; count: number }[];
	cases: CaseCounts;
	comments: SelectedComment[];
	/**
	 * The trend chart's points (template 1): the dashboard's days or weeks, or over more than a
	 * quarter the period's reporting months (cut-off months on that basis).
	 */
	trend?: TrendFigure[];
	/** Template 2 over a year only: the self-assessment annex (the units below). */
	year?: YearFigures;
}

export interface FiguresRequest {
	unitId: string;
	period: ReportPeriod;
	/** Response ids of the comments chosen by the user, in the order chosen. */
	commentIds: string[];
	/** Labels of the reason options, by value. */
	reasonLabels: Record<string, Localized>;
	asOf: string;
	/** Read the yearly annex's figures (template 2 over a year). */
	yearRows?: boolean;
	/** Read the trend chart's points (template 1). */
	trend?: boolean;
}

function rated(s: stats.Scored): Rated {
	return {
		responses: s.responses,
		n: s.satisfaction.n,
		satisfied: s.satisfaction.satisfied,
		rate: s.satisfaction.rate,
		low: s.satisfaction.low,
		high: s.satisfaction.high,
		tooFew: s.satisfaction.tooFew
	};
}

/** Counts per level group, from the headline's distribution and satisfied count. */
function levels(s: stats.Scored, distribution: stats.ScaleDistribution[]): Levels {
	const n = s.satisfaction.n;
	const top = distribution.reduce((sum, d) => sum + d.counts[d.levels - 1], 0);
	const share = (count: number): Share => ({ count, share: n === 0 ? null : count / n });
	return {
		verySatisfied: share(top),
		satisfied: share(s.satisfaction.satisfied - top),
		notSatisfied: share(n - s.satisfaction.satisfied)
	};
}

function changeOf(now: stats.Scored, then: stats.Scored): number | null {
	if (now.satisfaction.tooFew || then.satisfaction.tooFew) return null;
	if (now.satisfaction.rate === null || then.satisfaction.rate === null) return null;
	return now.satisfaction.rate - then.satisfaction.rate;
}

function range(p: DateRange): DateRange {
	return { from: p.from, to: p.to };
}

/** Headline, levels and both comparisons of one scope, through stats.headline. */
async function scopeFigures(
	db: DbOrTx,
	unitId: string,
	current: DateRange,
	previous: DateRange,
	lastYear: DateRange
) {
	const view = await stats.prepare(db, { unitId, ...current });
	const now = await stats.headline(db, view, stats.summarySource, { comparison: previous });
	const year = await stats.headline(db, view, stats.summarySource, { comparison: lastYear });
	const head = now.headline;
	return {
		scored: head as stats.Scored,
		distribution: now.distribution,
		change: {
			previous: head.comparison ? changeOf(head, head.comparison) : null,
			lastYear: year.headline.comparison ? changeOf(head, year.headline.comparison) : null
		}
	};
}

/**
 * The scope's own row: its total minus its children's, level by level. Children's lineages are
 * disjoint parts of the scope's, so what is left is the unit itself and what was merged into it.
 * Null when nothing is left.
 */
function ownRow(
	unit: { id: string; code: string; name: string },
	total: Rated & { levels: Levels },
	children: Omit<UnitRow, 'rank'>[],
	minimumN: number,
	hasDevice: boolean
): Omit<UnitRow, 'rank'> | null {
	const sum = (pick: (r: Rated & { levels: Levels }) => number) =>
		pick(total) - children.reduce((acc, c) => acc + pick(c), 0);
	const responses = sum((r) => r.responses);
	if (responses <= 0) return null;
	const n = sum((r) => r.n);
	const satisfied = sum((r) => r.satisfied);
	const interval = wilsonInterval(satisfied, n);
	const share = (count: number): Share => ({ count, share: n === 0 ? null : count / n });
	return {
		unitId: unit.id,
		code: unit.code,
		name: unit.name,
		own: true,
		hasDevice,
		responses,
		n,
		satisfied,
		rate: n === 0 ? null : satisfied / n,
		low: interval?.low ?? null,
		high: interval?.high ?? null,
		tooFew: n < minimumN,
		levels: {
			verySatisfied: share(sum((r) => r.levels.verySatisfied.count)),
			satisfied: share(sum((r) => r.levels.satisfied.count)),
			notSatisfied: share(sum((r) => r.levels.notSatisfied.count))
		},
		change: { previous: null, lastYear: null }
	};
}

/**
 * Ranks the rows with enough answers by rate, ties sharing a rank (1, 1, 3); rows under the
 * minimum n, without a rate or not rankable (answers naming no officer) get none.
 */
function ranked<T extends Rated>(
	rows: T[],
	rankable: (row: T) => boolean = () => true
): (T & { rank: number | null })[] {
	const eligible = (r: T) => rankable(r) && !r.tooFew && r.rate !== null;
	const ordered = rows
		.filter(eligible)
		.map((r) => r.rate as number)
		.sort((a, b) => b - a);
	return rows.map((r) => ({
		...r,
		rank: eligible(r) ? ordered.indexOf(r.rate as number) + 1 : null
	}));
}

/** Ranked rows by rank, then the unranked ones by answers: the order of a report's tables. */
function rankedFirst<T extends Rated & { rank: number | null }>(rows: T[]): T[] {
	return rows
		.map((r, i) => ({ r, i }))
		.sort((a, b) => {
			if (a.r.rank !== null && b.r.rank !== null) return a.r.rank - b.r.rank || a.i - b.i;
			if (a.r.rank !== null) return -1;
			if (b.r.rank !== null) return 1;
			return b.r.n - a.r.n || a.i - b.i;
		})
		.map(({ r }) => r);
}

export async function caseCounts(
	db: DbOrTx,
	lineage: string[],
	period: DateRange,
	asOf: string
): Promise<CaseCounts> {
	const rows = await db
		.selectFrom('followUpCases')
		.select(['status', 'deadline', 'resolvedAt'])
		.where('unitId', 'in', lineage.length ? lineage : [''])
		.where('createdAt', '>=', vietnamMidnight(period.from).toISOString())
		.where(
			'createdAt',
			'<',
			new Date(vietnamMidnight(period.to).getTime() + 86_400_000).toISOString()
		)
		.execute();
	const out: CaseCounts = {
		received: rows.length,
		contacted: rows.filter((r) => r.status !== 'new').length,
		resolvedOnTime: 0,
		resolvedLate: 0,
		open: 0,
		overdue: 0
	};
	for (const r of rows) {
		if (r.status === 'resolved' && r.resolvedAt) {
			const day = vietnamParts(new Date(r.resolvedAt)).date;
			if (day <= r.deadline) out.resolvedOnTime++;
			else out.resolvedLate++;
		} else {
			out.open++;
			if (r.deadline < asOf) out.overdue++;
		}
	}
	return out;
}

/** Each counter of the lineage through stats.headline with the counter filter, as the API does. */
async function counterRows(
	db: DbOrTx,
	unitId: string,
	lineage: string[],
	current: DateRange,
	minimumN: number
): Promise<Omit<CounterRow, 'rank'>[]> {
	const counters = await db
		.selectFrom('counters')
		.innerJoin('units', 'units.id', 'counters.unitId')
		.select(['counters.id', 'counters.name', 'units.name as unitName'])
		.where('counters.unitId', 'in', lineage.length ? lineage : [''])
		.orderBy('units.name')
		.orderBy('counters.number')
		.execute();
	const out: Omit<CounterRow, 'rank'>[] = [];
	for (const c of counters) {
		const view = await stats.prepare(db, { unitId, ...current, counterId: c.id });
		const { headline } = await stats.headline(db, view, stats.summarySource, { minimumN });
		if (headline.responses === 0) continue;
		out.push({ counterId: c.id, label: c.name, unitName: c.unitName, ...rated(headline) });
	}
	return out;
}

/**
 * The trend of a report's scope: the dashboard's own trend (stats.trend, the API's `trend`) for
 * days and weeks; over more than a quarter, one point per reporting month of the period's basis,
 * so a cut-off year reads T1 (15/12–14/1) to T12 rather than calendar months cut at its edges.
 */
async function reportTrend(
	db: DbOrTx,
	unitId: string,
	period: ReportPeriod,
	minimumN: number
): Promise<TrendFigure[]> {
	const dm = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;
	const view = await stats.prepare(db, { unitId, from: period.from, to: period.to });
	const { grain, points } = await stats.trend(db, view, stats.summarySource, minimumN);
	if (grain !== 'month') {
		return points.map((p) => ({
			label: dm(p.from),
			from: p.from,
			to: p.to,
			responses: p.responses,
			n: p.satisfaction.n,
			rate: p.satisfaction.rate
		}));
	}
	const out: TrendFigure[] = [];
	const months = { quarter: 3, six_months: 6, nine_months: 9, year: 12, month: 1 }[period.kind];
	const last = period.kind === 'quarter' ? 3 * period.index : months;
	for (let index = last - months + 1; index <= last; index++) {
		const month = reportPeriod({ basis: period.basis, kind: 'month', year: period.year, index });
		const v = await stats.prepare(db, { unitId, from: month.from, to: month.to });
		const { headline } = await stats.headline(db, v, stats.summarySource, { minimumN });
		out.push({
			label: `T${index}`,
			from: month.from,
			to: month.to,
			responses: headline.responses,
			n: headline.satisfaction.n,
			rate: headline.satisfaction.rate
		});
	}
	return out;
}

/**
 * The annex's rows: per reporting month, the answers of each unit below (stats.ranking, the
 * API's per-unit counts, over that month's dates), and each unit's cases over the year.
 */
async function yearRows(
	db: DbOrTx,
	unitId: string,
	period: ReportPeriod,
	children: Map<string, string[]>,
	asOf: string
): Promise<YearFigures> {
	const rows = new Map<string, YearRow>();
	let monthsBegun = 0;
	for (let index = 1; index <= 12; index++) {
		const month = reportPeriod({ basis: period.basis, kind: 'month', year: period.year, index });
		if (month.from <= asOf) monthsBegun++;
		const view = await stats.prepare(db, { unitId, from: month.from, to: month.to });
		for (const u of await stats.ranking(db, view, stats.summarySource)) {
			const row = rows.get(u.unitId) ?? {
				unitId: u.unitId,
				code: u.code,
				name: u.name,
				months: new Array<number>(12).fill(0),
				casesReceived: 0,
				casesResolved: 0
			};
			row.months[index - 1] = u.responses;
			rows.set(u.unitId, row);
		}
	}
	for (const row of rows.values()) {
		const cases = await caseCounts(db, children.get(row.unitId) ?? [], period, asOf);
		row.casesReceived = cases.received;
		row.casesResolved = cases.resolvedOnTime + cases.resolvedLate;
	}
	return {
		basis: period.basis,
		year: period.year,
		monthsBegun,
		rows: [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'))
	};
}

async function unitsWithDevices(db: DbOrTx, lineage: string[]): Promise<number> {
	const ids = lineage.length ? lineage : [''];
	// A kiosk or a QR link not revoked: the two ways a unit takes answers.
	const inService = (table: 'kiosks' | 'webLinks') =>
		db
			.selectFrom(table)
			.select('unitId')
			.where('unitId', 'in', ids)
			.where('revokedAt', 'is', null)
			.execute();
	const kiosks = await inService('kiosks');
	const links = await inService('webLinks');
	return new Set([...kiosks, ...links].map((r) => r.unitId)).size;
}

export async function buildFigures(db: DbOrTx, req: FiguresRequest): Promise<ReportFigures> {
	const unit = await units.byId(db, req.unitId);
	if (!unit) throw new Error('unknown unit');
	const parent = unit.parentId ? await units.byId(db, unit.parentId) : undefined;
	const current = range(req.period);
	const previous = range(previousReportPeriod(req.period));
	const lastYear = range(sameReportPeriodLastYear(req.period));

	// The scope as a whole: the same call /api/v1/stats makes for unit + custom dates.
	const all = await stats.dashboard(db, { unitId: unit.id, ...current }, { comparison: previous });
	const total = await scopeFigures(db, unit.id, current, previous, lastYear);

	const view = await stats.prepare(db, { unitId: unit.id, ...current });
	const childLineage = new Map(view.children.map((c) => [c.unit.id, c.lineage]));
	const unitRows: Omit<UnitRow, 'rank'>[] = [];
	for (const child of all.ranking) {
		const f = await scopeFigures(db, child.unitId, current, previous, lastYear);
		unitRows.push({
			unitId: child.unitId,
			code: child.code,
			name: child.name,
			hasDevice: (await unitsWithDevices(db, childLineage.get(child.unitId) ?? [])) > 0,
			...rated(f.scored),
			levels: levels(f.scored, f.distribution),
			change: f.change
		});
	}

	const totalRow = { ...rated(total.scored), levels: levels(total.scored, total.distribution) };
	const ownIds = view.lineage.filter(
		(id) => ![...childLineage.values()].some((lineage) => lineage.includes(id))
	);
	const own = ownRow(
		unit,
		totalRow,
		unitRows,
		all.minimumN,
		(await unitsWithDevices(db, ownIds)) > 0
	);

	const channels = {} as Record<Channel, number>;
	for (const channel of ['kiosk', 'web'] as Channel[]) {
		const view = await stats.prepare(db, { unitId: unit.id, ...current, channel });
		channels[channel] = (await stats.headline(db, view, stats.summarySource)).headline.responses;
	}

	return {
		version: FIGURES_VERSION,
		unit: { id: unit.id, code: unit.code, name: unit.name, parentName: parent?.name ?? null },
		range: current,
		previous,
		lastYear,
		asOf: req.asOf,
		minimumN: all.minimumN,
		total: { ...totalRow, change: total.change },
		hasNeutral: all.distribution.some((d) => d.levels > 3),
		channels,
		unitsWithDevices: await unitsWithDevices(db, view.lineage),
		silentUnits: all.ranking
			.filter((r) => r.responses === 0)
			.map((r) => ({ code: r.code, name: r.name })),
		units: [...rankedFirst(ranked(unitRows)), ...(own ? [{ ...own, rank: null }] : [])],
		officers: rankedFirst(
			ranked(
				all.officers.map((o) => ({ label: o.officerId ? o.name : null, ...rated(o) })),
				(r) => r.label !== null
			)
		),
		counters: rankedFirst(
			ranked(await counterRows(db, unit.id, view.lineage, current, all.minimumN))
		),
		fields: rankedFirst(
			ranked(
				all.fields.map((f) => ({ label: f.procedureFieldId ? f.nameVi : null, ...rated(f) })),
				(r) => r.label !== null
			)
		),
		reasons: all.reasons.map((r) => ({
			reason: r.reason,
			label: req.reasonLabels[r.reason] ?? { vi: r.reason },
			count: r.count
		})),
		cases: await caseCounts(db, view.lineage, current, req.asOf),
		comments: await describeComments(db, view.lineage, current, req.commentIds),
		...(req.trend ? { trend: await reportTrend(db, unit.id, req.period, all.minimumN) } : {}),
		...(req.yearRows && req.period.kind === 'year'
			? { year: await yearRows(db, unit.id, req.period, childLineage, req.asOf) }
			: {})
	};
}

/**
 * Whether today's reading differs from the archived one in any figure the archived one holds:
 * figures added to reports later (the charts' series, the yearly annex) do not make a report
 * made before them "differ".
 */
export function figuresDiffer(archived: ReportFigures, today: ReportFigures): boolean {
	const kept = Object.keys(archived) as (keyof ReportFigures)[];
	const sameKeys = Object.fromEntries(kept.map((k) => [k, today[k]]));
	return JSON.stringify(archived) !== JSON.stringify(sameKeys);
}
