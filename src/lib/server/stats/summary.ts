import type { DbOrTx } from '../db';
import { bucketKey, monthStart, splitRange, type DateRange } from '../../domain/periods';
import type { Flags, Source, Totals } from './dashboard';
import * as raw from './raw';
import { TABLES, type TableSpec } from './tables';
import { addLevelRow, emptyTally, mergeTally, tallyIn, type HourTally, type Tally } from './tally';
import { hasUnitFilter, type View } from './view';
import { chunks, type AnyDb } from './write';

/**
 * Figures from the summary tables. Which table answers depends on the filters:
 * - no counter/officer filter: the rollups (one row set per scope root, however many units);
 *   a procedure-field filter moves from stats_main to stats_field, which has the field;
 * - a counter or officer filter: stats_detail, per unit, where those columns live; the
 *   heatmap and the reasons, which it does not carry, come from the raw responses of the few
 *   units where that counter or officer answered;
 * - after a unit moved (rollups not fresh): the per-unit tables and raw responses, slower
 *   but right, until `npm run stats:rebuild`.
 */

type Segment = { grain: 'm'; periods: string[] } | { grain: 'd'; from: string; to: string };

/** Whole months from month rows, the edges from day rows; or day rows only. */
function segments(range: DateRange, months: boolean): Segment[] {
	if (!months) return [{ grain: 'd', from: range.from, to: range.to }];
	const parts = splitRange(range);
	const out: Segment[] = parts.months.length > 0 ? [{ grain: 'm', periods: parts.months }] : [];
	for (const d of parts.days) out.push({ grain: 'd', from: d.from, to: d.to });
	return out;
}

interface Group {
	key: (string | number)[];
	values: number[];
}

/**
 * Sums a table's measures by `groupBy` over the owners (scope roots or units) and the range,
 * with the view's filters. The per-segment and per-chunk results are added up in memory.
 */
async function sumGroups(
	db: DbOrTx,
	spec: TableSpec,
	owners: string[],
	segs: Segment[],
	view: View,
	groupBy: string[],
	keepFlagged = false
): Promise<Group[]> {
	const f = view.filters;
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
	for (const part of chunks(owners)) {
		for (const seg of segs) {
			let q = (db as AnyDb)
				.selectFrom(spec.name)
				.where(spec.owner, 'in', part)
				.where('grain', '=', seg.grain);
			q =
				seg.grain === 'm'
					? q.where('period', 'in', seg.periods)
					: q.where('period', '>=', seg.from).where('period', '<=', seg.to);
			if (view.versionIds !== null) q = q.where('surveyVersionId', 'in', view.versionIds);
			if (f.channel) q = q.where('channel', '=', f.channel);
			if (f.excludeFlagged && !keepFlagged) q = q.where('flagged', '=', 0);
			if (f.counterId) q = q.where('counterId', '=', f.counterId);
			if (f.officerId) q = q.where('officerId', '=', f.officerId);
			if (f.procedureFieldId) q = q.where('procedureFieldId', '=', f.procedureFieldId);
			const rows: Record<string, unknown>[] = await q
				.select((eb) => [
					...groupBy.map((c) => eb.ref(c).as(c)),
					...spec.measures.map((m) => eb.fn.sum(m).as(m))
				])
				.groupBy(groupBy)
				.execute();
			for (const row of rows) {
				const key = groupBy.map((c) => row[c] as string | number);
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

/** The table and owners for level figures (headline, trend, ranking). */
function levelTable(view: View): { spec: TableSpec; owners: string[] } {
	if (hasUnitFilter(view) || !view.fresh) return { spec: TABLES.statsDetail, owners: view.lineage };
	if (view.filters.procedureFieldId) return { spec: TABLES.statsField, owners: view.roots };
	return { spec: TABLES.statsMain, owners: view.roots };
}

/** Level groups whose last key is main_levels, summed into tallies by the rest of the key. */
function tallies(groups: Group[], keyOf: (key: (string | number)[]) => string): Map<string, Tally> {
	const out = new Map<string, Tally>();
	for (const g of groups) {
		addLevelRow(tallyIn(out, keyOf(g.key)), Number(g.key[g.key.length - 1]), g.values);
	}
	return out;
}

/**
 * The few units where the counter or officer filter has answers, from the month rows of
 * stats_detail: raw reads for the heatmap and reasons stay within them.
 */
async function unitsWithAnswers(db: DbOrTx, view: View, range: DateRange): Promise<string[]> {
	const f = view.filters;
	let q = (db as AnyDb)
		.selectFrom('statsDetail')
		.select('unitId')
		.distinct()
		.where('grain', '=', 'm')
		.where('period', '>=', monthStart(range.from))
		.where('period', '<=', monthStart(range.to));
	if (f.counterId) q = q.where('counterId', '=', f.counterId);
	if (f.officerId) q = q.where('officerId', '=', f.officerId);
	const found = new Set(((await q.execute()) as { unitId: string }[]).map((r) => r.unitId));
	return view.lineage.filter((id) => found.has(id));
}

export const summarySource: Source = {
	async totals(db, view, range): Promise<Totals> {
		const { spec, owners } = levelTable(view);
		const groups = await sumGroups(
			db,
			spec,
			owners,
			segments(range, true),
			view,
			['flagged', 'mainLevels'],
			true
		);
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
		const { spec, owners } = levelTable(view);
		const groups = await sumGroups(db, spec, owners, segments(range, grain === 'month'), view, [
			'period',
			'mainLevels'
		]);
		return tallies(groups, (key) => bucketKey(String(key[0]), grain));
	},

	async byChild(db, view, range) {
		const { spec } = levelTable(view);
		const segs = segments(range, true);
		const out = new Map<string, Tally>();
		if (spec.owner === 'scopeId') {
			const owners = [...new Set(view.children.flatMap((c) => c.roots))];
			const groups = await sumGroups(db, spec, owners, segs, view, ['scopeId', 'mainLevels']);
			const byRoot = tallies(groups, (key) => String(key[0]));
			for (const child of view.children) {
				const t = tallyIn(out, child.unit.id);
				for (const root of child.roots) {
					const r = byRoot.get(root);
					if (r) mergeTally(t, r);
				}
			}
		} else {
			const owners = [...new Set(view.children.flatMap((c) => c.lineage))];
			const groups = await sumGroups(db, spec, owners, segs, view, ['unitId', 'mainLevels']);
			const byUnit = tallies(groups, (key) => String(key[0]));
			for (const child of view.children) {
				const t = tallyIn(out, child.unit.id);
				for (const id of child.lineage) {
					const r = byUnit.get(id);
					if (r) mergeTally(t, r);
				}
			}
		}
		return out;
	},

	async byOfficer(db, view, range) {
		const f = view.filters;
		const spec = f.counterId || f.procedureFieldId ? TABLES.statsDetail : TABLES.statsOfficer;
		const groups = await sumGroups(db, spec, view.lineage, segments(range, true), view, [
			'officerId',
			'mainLevels'
		]);
		return tallies(groups, (key) => String(key[0]));
	},

	async byField(db, view, range) {
		const perUnit = hasUnitFilter(view) || !view.fresh;
		const spec = perUnit ? TABLES.statsDetail : TABLES.statsField;
		const groups = await sumGroups(
			db,
			spec,
			perUnit ? view.lineage : view.roots,
			segments(range, true),
			view,
			['procedureFieldId', 'mainLevels']
		);
		return tallies(groups, (key) => String(key[0]));
	},

	async byHour(db, view, range) {
		if (hasUnitFilter(view) || !view.fresh) {
			const units = hasUnitFilter(view) ? await unitsWithAnswers(db, view, range) : view.lineage;
			return raw.hours(db, view, units, range);
		}
		const groups = await sumGroups(db, TABLES.statsHour, view.roots, segments(range, true), view, [
			'weekday',
			'hour'
		]);
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
		if (hasUnitFilter(view) || !view.fresh) {
			const units = hasUnitFilter(view) ? await unitsWithAnswers(db, view, range) : view.lineage;
			return raw.reasonCounts(db, view, units, range);
		}
		const groups = await sumGroups(
			db,
			TABLES.statsReason,
			view.roots,
			segments(range, true),
			view,
			['reason']
		);
		return new Map(groups.map((g) => [String(g.key[0]), g.values[0]]));
	}
};
