import type { DbOrTx } from '../db';
import { bucketKey, type DateRange } from '../../domain/periods';
import type { Flags, Source, Totals } from './dashboard';
import { REASONS_KEY, isRated } from './tables';
import {
	addRawGroup,
	emptyTally,
	mergeTally,
	tallyIn,
	type HourTally,
	type RawGroup,
	type Tally
} from './tally';
import type { View } from './view';
import { chunks, type AnyDb } from './sql-util';

/**
 * The same figures straight from the responses table, with plain GROUP BYs: the reference the
 * property test holds the summaries to, the baseline of the benchmark, and the fallback for the
 * few reads the summaries do not cover. Too slow for a province (seconds per query).
 */

interface LevelGroup extends RawGroup {
	key: (string | number | null)[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Query = any;

/**
 * responses as r, within `units` and the range, with the view's filters. The exports read their
 * rows through it too, so a file counts exactly what these figures count.
 */
export function responsesInView(
	db: DbOrTx,
	view: View,
	units: string[],
	range: DateRange,
	keepFlagged: boolean
): Query {
	const f = view.filters;
	let q = (db as AnyDb)
		.selectFrom('responses as r')
		.where('r.unitId', 'in', units)
		.where('r.localDate', '>=', range.from)
		.where('r.localDate', '<=', range.to);
	if (view.versionIds !== null) q = q.where('r.surveyVersionId', 'in', view.versionIds);
	if (f.channel) q = q.where('r.channel', '=', f.channel);
	if (f.counterId) q = q.where('r.counterId', '=', f.counterId);
	if (f.officerId) q = q.where('r.officerId', '=', f.officerId);
	if (f.procedureFieldId) q = q.where('r.procedureFieldId', '=', f.procedureFieldId);
	if (f.excludeFlagged && !keepFlagged) {
		q = q.where('r.flagBurst', '<>', 1).where('r.flagOutOfHours', '<>', 1);
	}
	return q;
}

function skip(view: View, units: string[]): boolean {
	return units.length === 0 || (view.versionIds !== null && view.versionIds.length === 0);
}

/** Responses grouped by `groupBy` (columns of r) and the main question's scale and level. */
async function levelGroups(
	db: DbOrTx,
	view: View,
	units: string[],
	range: DateRange,
	groupBy: string[],
	keepFlagged = false
): Promise<LevelGroup[]> {
	if (skip(view, units)) return [];
	const out: LevelGroup[] = [];
	const columns = [...groupBy, 'mainLevels', 'mainLevel'];
	for (const part of chunks(units)) {
		const rows: Record<string, unknown>[] = await responsesInView(
			db,
			view,
			part,
			range,
			keepFlagged
		)
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			.select((eb: any) => [
				...columns.map((c) => eb.ref(`r.${c}`).as(c)),
				eb.fn.countAll().as('responses'),
				eb.fn.sum(eb.case().when('r.satisfied', '=', 1).then(1).else(0).end()).as('satisfied'),
				eb.fn.sum(eb.case().when('r.flagBurst', '=', 1).then(1).else(0).end()).as('burst'),
				eb.fn.sum(eb.case().when('r.flagOutOfHours', '=', 1).then(1).else(0).end()).as('outOfHours')
			])
			.groupBy(columns.map((c) => `r.${c}`))
			.execute();
		for (const row of rows) {
			out.push({
				key: groupBy.map((c) => row[c] as string | number | null),
				mainLevels: row.mainLevels === null ? null : Number(row.mainLevels),
				mainLevel: row.mainLevel === null ? null : Number(row.mainLevel),
				responses: Number(row.responses),
				satisfied: Number(row.satisfied ?? 0),
				burst: Number(row.burst ?? 0),
				outOfHours: Number(row.outOfHours ?? 0)
			});
		}
	}
	return out;
}

function tallies(groups: LevelGroup[], keyOf: (g: LevelGroup) => string): Map<string, Tally> {
	const out = new Map<string, Tally>();
	for (const g of groups) addRawGroup(tallyIn(out, keyOf(g)), g);
	return out;
}

/** Hour-of-day x weekday counts of responses in `units`. */
export async function hours(
	db: DbOrTx,
	view: View,
	units: string[],
	range: DateRange
): Promise<Map<string, HourTally>> {
	const groups = await levelGroups(db, view, units, range, ['weekday', 'localHour']);
	const out = new Map<string, HourTally>();
	for (const g of groups) {
		const key = `${g.key[0]}:${g.key[1]}`;
		const cell = out.get(key) ?? { responses: 0, rated: 0, satisfied: 0 };
		cell.responses += g.responses;
		if (isRated(g.mainLevel, g.mainLevels)) cell.rated += g.responses;
		cell.satisfied += g.satisfied;
		out.set(key, cell);
	}
	return out;
}

/** How often each reason was chosen by responses in `units`. */
export async function reasonCounts(
	db: DbOrTx,
	view: View,
	units: string[],
	range: DateRange
): Promise<Map<string, number>> {
	const out = new Map<string, number>();
	if (skip(view, units)) return out;
	for (const part of chunks(units)) {
		const rows: { reason: string | null; n: number | string }[] = await responsesInView(
			db,
			view,
			part,
			range,
			false
		)
			.innerJoin('responseAnswers as a', 'a.responseId', 'r.id')
			.where('a.questionKey', '=', REASONS_KEY)
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			.select((eb: any) => [eb.ref('a.valueText').as('reason'), eb.fn.countAll().as('n')])
			.groupBy('a.valueText')
			.execute();
		for (const r of rows) {
			if (r.reason !== null) out.set(r.reason, (out.get(r.reason) ?? 0) + Number(r.n));
		}
	}
	return out;
}

export const rawSource: Source = {
	async totals(db, view, range): Promise<Totals> {
		const groups = await levelGroups(
			db,
			view,
			view.lineage,
			range,
			['flagBurst', 'flagOutOfHours'],
			true
		);
		const tally = emptyTally();
		const flags: Flags = { flagged: 0, burst: 0, outOfHours: 0 };
		for (const g of groups) {
			const flagged = Number(g.key[0]) === 1 || Number(g.key[1]) === 1;
			flags.burst += g.burst;
			flags.outOfHours += g.outOfHours;
			if (flagged) flags.flagged += g.responses;
			if (!(flagged && view.filters.excludeFlagged)) addRawGroup(tally, g);
		}
		return { tally, flags };
	},

	async series(db, view, range, grain) {
		const groups = await levelGroups(db, view, view.lineage, range, ['localDate']);
		return tallies(groups, (g) => bucketKey(String(g.key[0]), grain));
	},

	async byChild(db, view, range) {
		const units = [...new Set(view.children.flatMap((c) => c.lineage))];
		const groups = await levelGroups(db, view, units, range, ['unitId']);
		const byUnit = tallies(groups, (g) => String(g.key[0]));
		const out = new Map<string, Tally>();
		for (const child of view.children) {
			const t = tallyIn(out, child.unit.id);
			for (const id of child.lineage) {
				const u = byUnit.get(id);
				if (u) mergeTally(t, u);
			}
		}
		return out;
	},

	async byOfficer(db, view, range) {
		const groups = await levelGroups(db, view, view.lineage, range, ['officerId']);
		return tallies(groups, (g) => String(g.key[0] ?? ''));
	},

	async byField(db, view, range) {
		const groups = await levelGroups(db, view, view.lineage, range, ['procedureFieldId']);
		return tallies(groups, (g) => String(g.key[0] ?? ''));
	},

	byHour: (db, view, range) => hours(db, view, view.lineage, range),
	byReason: (db, view, range) => reasonCounts(db, view, view.lineage, range)
};
