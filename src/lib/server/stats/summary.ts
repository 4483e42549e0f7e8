// Over 300 lines: every dashboard figure read from the summary tables, one function per figure,
// kept side by side with its twin in raw.ts so the two sources stay alike.
import { sql, type ExpressionBuilder } from 'kysely';
import type { DbOrTx } from '../db';
import {
	bucketKey,
	splitRange,
	splitWeeks,
	monthStart,
	type DateRange,
	type TrendGrain
} from '../../domain/periods';
import type { Flags, Source, Totals } from './dashboard';
import { addDays } from '../../domain/time';
import { pendingTable } from './pending';
import { TABLES, periodsOf, type Grain, type TableSpec } from './tables';
import { addLevelRow, emptyTally, mergeTally, tallyIn, type HourTally, type Tally } from './tally';
import { hasUnitFilter, type View } from './view';
import { chunks, type AnyDb } from './sql-util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyExpressionBuilder = ExpressionBuilder<any, any>;

/**
 * Figures from the summary tables. Which table answers depends on the filters:
 * - no counter or officer filter: the rollups, one row set per scope root however many units
 *   are below it; a procedure-field filter moves level figures from stats_main to stats_field;
 *   the officers table reads stats_officer (per unit: an officer belongs to one unit);
 * - a counter or officer filter: the per-unit tables that carry counter and officer (detail,
 *   unit_hour, unit_reason), for the few units where that counter or officer has answers;
 * - after a unit moved (rollups not fresh): the same per-unit tables for every unit of the
 *   lineage, slower but right, until `npm run stats:rebuild`.
 */

/**
 * Rows of one grain, by their periods. Days are listed one by one too: keys start with
 * (grain, period, owner), so equality on all three is a seek, where a range of days would
 * scan every owner's rows for those days.
 */
interface Segment {
	grain: Grain;
	periods: string[];
}

function daysOf(range: DateRange): Segment {
	const periods: string[] = [];
	for (let d = range.from; d <= range.to; d = addDays(d, 1)) periods.push(d);
	return { grain: 'd', periods };
}

/**
 * The rows covering a range in a table: whole years, quarters, months and weeks from their
 * own rows where the table keeps that grain (a year it lacks is read as its quarters or
 * months), the edges from day rows.
 */
function segments(range: DateRange, spec: TableSpec): Segment[] {
	const kept = new Set(spec.grains);
	const parts = splitRange(range, kept.has('w'));
	let quarters = parts.quarters;
	let months = parts.months;
	const years = kept.has('y') ? parts.years : [];
	if (!kept.has('y')) {
		quarters = [
			...quarters,
			...parts.years.flatMap((y) => [0, 3, 6, 9].map((i) => addMonth(y, i)))
		];
	}
	if (!kept.has('q')) {
		months = [...months, ...quarters.flatMap((q) => [0, 1, 2].map((i) => addMonth(q, i)))];
		quarters = [];
	}
	const out: Segment[] = [];
	if (years.length > 0) out.push({ grain: 'y', periods: years });
	if (quarters.length > 0) out.push({ grain: 'q', periods: quarters.sort() });
	if (months.length > 0) out.push({ grain: 'm', periods: months.sort() });
	if (parts.weeks.length > 0) out.push({ grain: 'w', periods: parts.weeks });
	const days = parts.days.flatMap((d) => daysOf(d).periods);
	if (days.length > 0) out.push({ grain: 'd', periods: days });
	return out;
}

/** The trend's buckets: days from day rows, weeks from week rows where kept, months from months. */
function trendSegments(range: DateRange, spec: TableSpec, grain: TrendGrain): Segment[] {
	if (grain === 'day') return [daysOf(range)];
	if (grain === 'week') {
		if (!spec.grains.includes('w')) return [daysOf(range)];
		const split = splitWeeks(range);
		const out: Segment[] = split.weeks.length > 0 ? [{ grain: 'w', periods: split.weeks }] : [];
		return [...out, ...split.days.map(daysOf)];
	}
	const parts = splitRange(range);
	const months = [...parts.months];
	for (const q of parts.quarters) for (let i = 0; i < 3; i++) months.push(addMonth(q, i));
	for (const y of parts.years) for (let i = 0; i < 12; i++) months.push(addMonth(y, i));
	const out: Segment[] = months.length > 0 ? [{ grain: 'm', periods: months.sort() }] : [];
	return [...out, ...parts.days.map(daysOf)];
}

/** The last day of the period of `grain` that starts on `first`. */
function periodEnd(grain: Grain, first: string): string {
	if (grain === 'd') return first;
	if (grain === 'w') return addDays(first, 6);
	return addDays(addMonth(first, { m: 1, q: 3, y: 12 }[grain]), -1);
}

/**
 * The first and last day of a segment's periods; days between that none of its periods holds
 * are left out by sumGroups.
 */
function spanOf(seg: Segment): [first: string, last: string] {
	const sorted = [...seg.periods].sort();
	return [sorted[0], periodEnd(seg.grain, sorted[sorted.length - 1])];
}

/** The first day of the period of `grain` that holds `day`. */
function periodOf(day: string, grain: Grain): string {
	return periodsOf(day).find(([g]) => g === grain)![1];
}

function addMonth(first: string, n: number): string {
	const index = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1 + n;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

interface Group {
	key: (string | number)[];
	values: number[];
}

/**
 * Sums a table's measures by `groupBy` over the owners (scope roots or units) and the range,
 * with the view's filters. Each segment is one query seeking every (period, owner) pair of the
 * primary key; the per-segment and per-chunk results are added up in memory. In-lists stay
 * under the 999 bound parameters of old SQLite builds: at most 500 owners and a few dozen days.
 */
async function sumGroups(
	db: DbOrTx,
	spec: TableSpec,
	owners: string[],
	view: View,
	groupBy: string[],
	read: { range: DateRange; segments?: Segment[]; keepFlagged?: boolean }
): Promise<Group[]> {
	const f = view.filters;
	const segs = read.segments ?? segments(read.range, spec);
	const keepFlagged = read.keepFlagged === true;
	if (owners.length === 0 || (view.versionIds !== null && view.versionIds.length === 0)) return [];
	for (const [filter, column] of [
		[f.counterId, 'counterId'],
		[f.officerId, 'officerId'],
		[f.procedureFieldId, 'procedureFieldId']
	] as const) {
		if (filter && !spec.dims.includes(column)) {
			throw new Error(`${spec.name} cannot filter on ${column}`);
		}
	}
	const merged = new Map<string, Group>();
	const periodAt = groupBy.indexOf('period');
	for (const part of chunks(owners)) {
		for (const seg of segs) {
			const wanted = new Set(seg.periods);
			const filtered = (table: string) => {
				let q = (db as AnyDb).selectFrom(table).where(spec.owner, 'in', part);
				if (view.versionIds !== null) q = q.where('surveyVersionId', 'in', view.versionIds);
				if (f.channel) q = q.where('channel', '=', f.channel);
				if (f.excludeFlagged && !keepFlagged) q = q.where('flagged', '=', 0);
				if (f.counterId) q = q.where('counterId', '=', f.counterId);
				if (f.officerId) q = q.where('officerId', '=', f.officerId);
				if (f.procedureFieldId) q = q.where('procedureFieldId', '=', f.procedureFieldId);
				return q;
			};
			const measures = (eb: AnyExpressionBuilder) => spec.measures.map((m) => eb.fn.sum(m).as(m));
			// The summary rows of the segment's periods, and the pending rows not yet folded
			// into them (pending.ts), which are days: those within the segment's span, each
			// with its day, to be placed in its period below. One statement: one snapshot, so
			// a fold in between can neither hide nor double a row.
			const folded = filtered(spec.name)
				.where('grain', '=', seg.grain)
				.where('period', 'in', seg.periods)
				.select((eb: AnyExpressionBuilder) => [
					...groupBy.map((c) => eb.ref(c).as(c)),
					sql<string | null>`null`.as('day'),
					...measures(eb)
				])
				.groupBy(groupBy);
			const [first, last] = spanOf(seg);
			const days = filtered(pendingTable(spec))
				.where('grain', '=', 'd')
				.where('period', '>=', first)
				.where('period', '<=', last)
				.select((eb: AnyExpressionBuilder) => [
					...groupBy.map((c) => eb.ref(c).as(c)),
					eb.ref('period').as('day'),
					...measures(eb)
				])
				.groupBy(periodAt >= 0 ? groupBy : [...groupBy, 'period']);
			const rows: Record<string, unknown>[] = await folded.unionAll(days).execute();
			for (const row of rows) {
				const key = groupBy.map((c) => row[c] as string | number);
				if (row.day !== null && row.day !== undefined) {
					const period = periodOf(String(row.day), seg.grain);
					if (!wanted.has(period)) continue;
					if (periodAt >= 0) key[periodAt] = period;
				}
				const id = key.join('\u0001');
				const values = spec.measures.map((m) => Number(row[m] ?? 0));
				const g = merged.get(id);
				if (g) values.forEach((v, i) => (g.values[i] += v));
				else merged.set(id, { key, values });
			}
		}
	}
	return [...merged.values()];
}

/** Per-unit rows for the whole lineage, or only where a counter or officer has answers. */
async function perUnitOwners(db: DbOrTx, view: View, range: DateRange): Promise<string[]> {
	if (!hasUnitFilter(view)) return view.lineage;
	const f = view.filters;
	// Month rows of stats_detail, through its counter or officer index: a dozen entries a year;
	// and its pending rows (days), in the same statement (one snapshot).
	const units = (table: string, grain: Grain, from: string, to: string) => {
		let q = (db as AnyDb)
			.selectFrom(table)
			.select('unitId')
			.where('grain', '=', grain)
			.where('period', '>=', from)
			.where('period', '<=', to);
		if (f.counterId) q = q.where('counterId', '=', f.counterId);
		if (f.officerId) q = q.where('officerId', '=', f.officerId);
		return q;
	};
	const spec = TABLES.statsDetail;
	const rows = (await units(spec.name, 'm', monthStart(range.from), monthStart(range.to))
		.union(units(pendingTable(spec), 'd', range.from, range.to))
		.execute()) as {
		unitId: string;
	}[];
	const found = new Set(rows.map((r) => r.unitId));
	return view.lineage.filter((id) => found.has(id));
}

/**
 * The table and owners to read figures kept both per unit and per scope root: the per-unit table
 * when a unit filter asks for it or the roots' rows are not fresh, else the roots' own.
 */
async function tableFor(
	db: DbOrTx,
	view: View,
	range: DateRange,
	perUnit: TableSpec,
	perRoot: TableSpec
): Promise<{ spec: TableSpec; owners: string[] }> {
	if (hasUnitFilter(view) || !view.fresh) {
		return { spec: perUnit, owners: await perUnitOwners(db, view, range) };
	}
	return { spec: perRoot, owners: view.roots };
}

/** Groups summed from the per-unit or the per-root table of a pair, as tableFor chooses. */
async function sumEither(
	db: DbOrTx,
	view: View,
	range: DateRange,
	[perUnit, perRoot]: [TableSpec, TableSpec],
	groupBy: string[]
): Promise<Group[]> {
	const { spec, owners } = await tableFor(db, view, range, perUnit, perRoot);
	return sumGroups(db, spec, owners, view, groupBy, { range });
}

/** The table and owners for level figures (headline, trend, ranking). */
function levelTable(
	db: DbOrTx,
	view: View,
	range: DateRange
): Promise<{ spec: TableSpec; owners: string[] }> {
	const perRoot = view.filters.procedureFieldId ? TABLES.statsField : TABLES.statsMain;
	return tableFor(db, view, range, TABLES.statsDetail, perRoot);
}

/** Level groups whose last key is main_levels, summed into tallies by the rest of the key. */
function tallies(groups: Group[], keyOf: (key: (string | number)[]) => string): Map<string, Tally> {
	const out = new Map<string, Tally>();
	for (const g of groups) {
		addLevelRow(tallyIn(out, keyOf(g.key)), Number(g.key[g.key.length - 1]), g.values);
	}
	return out;
}

/** Adds up per-owner tallies into each child's, over the child's roots or lineage units. */
function perChild(view: View, byOwner: Map<string, Tally>, rollup: boolean): Map<string, Tally> {
	const out = new Map<string, Tally>();
	for (const child of view.children) {
		const t = tallyIn(out, child.unit.id);
		for (const id of rollup ? child.roots : child.lineage) {
			const owned = byOwner.get(id);
			if (owned) mergeTally(t, owned);
		}
	}
	return out;
}

export const summarySource: Source = {
	async totals(db, view, range): Promise<Totals> {
		const { spec, owners } = await levelTable(db, view, range);
		const groups = await sumGroups(db, spec, owners, view, ['flagged', 'mainLevels'], {
			range,
			keepFlagged: true
		});
		const tally = emptyTally();
		const flags: Flags = { flagged: 0, burst: 0, outOfHours: 0 };
		for (const g of groups) {
			const flagged = Number(g.key[0]) === 1;
			flags.burst += g.values[7];
			flags.outOfHours += g.values[8];
			if (flagged) flags.flagged += g.values[0];
			if (!(flagged && view.filters.excludeFlagged)) addLevelRow(tally, Number(g.key[1]), g.values);
		}
		return { tally, flags };
	},

	async series(db, view, range, grain) {
		const { spec, owners } = await levelTable(db, view, range);
		const groups = await sumGroups(db, spec, owners, view, ['period', 'mainLevels'], {
			range,
			segments: trendSegments(range, spec, grain)
		});
		return tallies(groups, (key) => bucketKey(String(key[0]), grain));
	},

	async byChild(db, view, range) {
		const { spec } = await levelTable(db, view, range);
		const rollup = spec.owner === 'scopeId';
		let owners = [...new Set(view.children.flatMap((c) => (rollup ? c.roots : c.lineage)))];
		if (!rollup && hasUnitFilter(view)) {
			const narrowed = new Set(await perUnitOwners(db, view, range));
			owners = owners.filter((id) => narrowed.has(id));
		}
		const groups = await sumGroups(db, spec, owners, view, [spec.owner, 'mainLevels'], { range });
		return perChild(
			view,
			tallies(groups, (key) => String(key[0])),
			rollup
		);
	},

	async byOfficer(db, view, range) {
		const f = view.filters;
		const spec = f.counterId || f.procedureFieldId ? TABLES.statsDetail : TABLES.statsOfficer;
		const owners = await perUnitOwners(db, view, range);
		const groups = await sumGroups(db, spec, owners, view, ['officerId', 'mainLevels'], { range });
		return tallies(groups, (key) => String(key[0]));
	},

	async byField(db, view, range) {
		const groups = await sumEither(
			db,
			view,
			range,
			[TABLES.statsDetail, TABLES.statsField],
			['procedureFieldId', 'mainLevels']
		);
		return tallies(groups, (key) => String(key[0]));
	},

	async byHour(db, view, range) {
		const groups = await sumEither(
			db,
			view,
			range,
			[TABLES.statsUnitHour, TABLES.statsHour],
			['weekday', 'hour']
		);
		const out = new Map<string, HourTally>();
		for (const g of groups) {
			out.set(`${g.key[0]}:${g.key[1]}`, {
				responses: g.values[0],
				rated: g.values[1],
				satisfied: g.values[2]
			});
		}
		return out;
	},

	async byReason(db, view, range) {
		const groups = await sumEither(
			db,
			view,
			range,
			[TABLES.statsUnitReason, TABLES.statsReason],
			['reason']
		);
		return new Map(groups.map((g) => [String(g.key[0]), g.values[0]]));
	}
};
