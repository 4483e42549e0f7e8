import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index';
import * as stats from '../../src/lib/server/stats';
import { TABLES, keyColumns } from '../../src/lib/server/stats/tables';
import * as units from '../../src/lib/server/units';
import { addDays } from '../../src/lib/domain/time';
import { testDb, TEST_ENGINE } from './helpers';
import {
	addCounter,
	addField,
	addOfficer,
	addSurvey,
	writeBatch,
	type ResponseSpec,
	type TestSurvey
} from './stats-world';

// Random unit trees (with merges), random responses over five months, random filters: the
// figures read from the summary tables must equal those recomputed from the raw responses,
// and the summaries kept up response by response must equal a rebuild from scratch.

// Data from December 2025 to April 2026: across a year end, with a whole quarter (Q1 2026);
// filter ranges reach from November 2025 to early 2027, so whole years are read too.
const FIRST_DAY = '2025-12-01';
const DAYS = 150;
const REASONS = ['wait', 'attitude', 'late', 'other'];

/** null (no such filter) with probability `none`. */
function maybe<T>(arb: fc.Arbitrary<T>, none: number): fc.Arbitrary<T | null> {
	return fc.oneof(
		{ weight: Math.round(none * 10), arbitrary: fc.constant(null) },
		{ weight: Math.round((1 - none) * 10), arbitrary: arb }
	);
}

interface Plan {
	/** parent index (into earlier units) or -1 for a root */
	parents: number[];
	/** [unit, successor] index pairs to try merging */
	merges: [number, number][];
	responses: {
		unit: number;
		survey: number;
		version: number;
		day: number;
		hour: number;
		level: number | null;
		web: boolean;
		counter: number | null;
		officer: number | null;
		field: number | null;
		burst: boolean;
		outOfHours: boolean;
		reasons: string[];
	}[];
	/** how the responses reach the summaries: sizes of successive batches of the answer writer */
	batches: number[];
}

const planArb: fc.Arbitrary<Plan> = fc.integer({ min: 1, max: 7 }).chain((n) =>
	fc.record({
		// Forests with a few roots, so rankings and lineages span several subtrees.
		parents: fc.tuple(
			...Array.from({ length: n }, (_, i) =>
				i === 0 ? fc.constant(-1) : fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: i - 1 }))
			)
		),
		merges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 4 }),
		responses: fc.array(
			fc.record({
				unit: fc.nat(n - 1),
				survey: fc.nat(2),
				version: fc.nat(1),
				day: fc.nat(DAYS - 1),
				hour: fc.integer({ min: 5, max: 21 }),
				level: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 8 }),
				web: fc.boolean(),
				counter: maybe(fc.nat(2), 0.3),
				officer: maybe(fc.nat(2), 0.3),
				field: maybe(fc.nat(2), 0.3),
				burst: fc.nat(9).map((x) => x === 0),
				outOfHours: fc.nat(9).map((x) => x === 0),
				reasons: fc.subarray(REASONS)
			}),
			{ minLength: 20, maxLength: 150 }
		),
		batches: fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 5 })
	})
);

interface World {
	db: Db;
	unitIds: string[];
	surveys: TestSurvey[];
	counters: string[];
	officers: string[];
	fields: string[];
}

async function build(plan: Plan): Promise<World> {
	const db = await testDb();
	const unitIds: string[] = [];
	for (const [i, parent] of plan.parents.entries()) {
		const u = await units.create(db, {
			code: `U${i}`,
			name: `Đơn vị ${i}`,
			kind: 'commune',
			parentId: parent >= 0 ? unitIds[parent] : null
		});
		unitIds.push(u.id);
	}
	for (const [a, b] of plan.merges) {
		try {
			await units.mergeInto(db, unitIds[a], unitIds[b], '2026-02-01');
		} catch (e) {
			if (!(e instanceof units.UnitError)) throw e;
		}
	}
	const surveys = [
		await addSurvey(db, 'D3', 'desk3', 2),
		await addSurvey(db, 'D4', 'desk4', 2),
		await addSurvey(db, 'S5', 'sipas', 2)
	];
	const counters = [
		await addCounter(db, unitIds[0], 1),
		await addCounter(db, unitIds[0], 2),
		await addCounter(db, unitIds[unitIds.length - 1], 3)
	];
	const officers = [
		await addOfficer(db, unitIds[0], 'An'),
		await addOfficer(db, unitIds[0], 'Bình'),
		await addOfficer(db, unitIds[unitIds.length - 1], 'Chi')
	];
	const fields = [
		await addField(db, 'ho-tich', 'Hộ tịch'),
		await addField(db, 'chung-thuc', 'Chứng thực'),
		await addField(db, 'dat-dai', 'Đất đai')
	];
	const specs: ResponseSpec[] = plan.responses.map((r, i) => {
		const survey = surveys[r.survey];
		return {
			id: `resp-${i}`,
			unitId: unitIds[r.unit],
			survey,
			version: r.version + 1,
			date: addDays(FIRST_DAY, r.day),
			hour: r.hour,
			level: r.level === null ? null : Math.min(r.level, survey.levels),
			channel: r.web ? 'web' : 'kiosk',
			counterId: r.counter === null ? null : counters[r.counter],
			officerId: r.officer === null ? null : officers[r.officer],
			fieldId: r.field === null ? null : fields[r.field],
			burst: r.burst,
			outOfHours: r.outOfHours,
			reasons: r.reasons
		};
	});
	// Responses arrive in batches, each written and counted in one transaction by the answer
	// writer's batch, as record() writes them.
	let next = 0;
	let b = 0;
	while (next < specs.length) {
		const size = plan.batches[b++ % plan.batches.length];
		const outcomes = await writeBatch(db, specs.slice(next, next + size));
		if (outcomes.some((o) => o.kind !== 'created')) throw new Error(JSON.stringify(outcomes));
		next += size;
	}
	return { db, unitIds, surveys, counters, officers, fields };
}

const filterArb = fc.record({
	unit: maybe(fc.nat(6), 0.3),
	start: fc.integer({ min: -40, max: DAYS - 1 }),
	length: fc.oneof(
		{ weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }) },
		{ weight: 3, arbitrary: fc.integer({ min: 20, max: DAYS }) },
		{ weight: 1, arbitrary: fc.integer({ min: 300, max: 420 }) }
	),
	channel: maybe(fc.constantFrom('kiosk' as const, 'web' as const), 0.8),
	survey: maybe(fc.nat(2), 0.8),
	// Index 3 names no counter (officer, field) at all: the figures must then be empty.
	counter: maybe(fc.nat(3), 0.8),
	officer: maybe(fc.nat(3), 0.8),
	field: maybe(fc.nat(3), 0.7),
	excludeFlagged: fc.boolean(),
	comparison: maybe(fc.tuple(fc.nat(DAYS - 1), fc.integer({ min: 1, max: 120 })), 0.5),
	minimumN: fc.integer({ min: 1, max: 5 })
});

type FilterDraw = typeof filterArb extends fc.Arbitrary<infer T> ? T : never;

function filtersOf(w: World, f: FilterDraw) {
	const from = addDays(FIRST_DAY, f.start);
	const pick = (list: string[], i: number | null) =>
		i === null ? null : (list[i] ?? 'no-such-id');
	return {
		filters: {
			unitId: f.unit === null ? null : (w.unitIds[f.unit % w.unitIds.length] ?? null),
			from,
			to: addDays(from, f.length - 1),
			channel: f.channel,
			surveyId: f.survey === null ? null : w.surveys[f.survey].id,
			counterId: pick(w.counters, f.counter),
			officerId: pick(w.officers, f.officer),
			procedureFieldId: pick(w.fields, f.field),
			excludeFlagged: f.excludeFlagged
		},
		opts: {
			comparison: f.comparison
				? {
						from: addDays(FIRST_DAY, f.comparison[0]),
						to: addDays(FIRST_DAY, f.comparison[0] + f.comparison[1] - 1)
					}
				: null,
			minimumN: f.minimumN
		}
	};
}

async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const spec of Object.values(TABLES)) {
		const table = spec.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
		const order = keyColumns(spec)
			.map((c) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`))
			.join(', ');
		const rows = await sql<Record<string, unknown>>`
			select * from ${sql.table(table)} where responses <> 0 order by ${sql.raw(order)}`.execute(db);
		out[spec.name] = rows.rows;
	}
	return out;
}

// On PostgreSQL every world is a fresh schema, migrated (about a second each): a third of the
// runs there, still every property, on the dialect's own SQL.
const runs = (n: number) => ({ numRuns: TEST_ENGINE === 'postgres' ? Math.ceil(n / 3) : n });

const strip = (f: stats.DashboardFigures) => ({ ...f, meta: undefined });

describe('summary figures equal raw figures', () => {
	it('for random data and random filters', async () => {
		await fc.assert(
			fc.asyncProperty(
				planArb,
				fc.array(filterArb, { minLength: 1, maxLength: 8 }),
				async (plan, filters) => {
					const w = await build(plan);
					try {
						const tree = await stats.loadTree(w.db);
						for (const id of w.unitIds) {
							expect(new Set(stats.lineage(tree, id))).toEqual(
								new Set(await units.lineageIds(w.db, id))
							);
						}
						for (const f of filters) {
							const { filters: view, opts } = filtersOf(w, f);
							const summary = await stats.dashboard(w.db, view, opts);
							expect(summary.meta.rollupsFresh).toBe(true);
							expect(strip(summary)).toEqual(strip(await stats.rawDashboard(w.db, view, opts)));
						}
						// What was kept response by response, its pending rows folded in (the figures
						// above read them unfolded), is what a rebuild computes from scratch.
						await w.db.transaction().execute((tx) => stats.foldAll(tx));
						const kept = await snapshot(w.db);
						await stats.rebuild(w.db);
						expect(await snapshot(w.db)).toEqual(kept);
					} finally {
						await w.db.destroy();
					}
				}
			),
			runs(40)
		);
	}, 120_000);

	it('after a unit moved by stats.moveUnit: rollups adjusted in place, equal to a rebuild', async () => {
		await fc.assert(
			fc.asyncProperty(
				planArb.filter((p) => p.parents.length >= 3 && p.responses.length > 0),
				fc.tuple(fc.nat(6), maybe(fc.nat(6), 0.8)),
				fc.array(filterArb, { minLength: 1, maxLength: 4 }),
				async (plan, [a, b], filters) => {
					const w = await build(plan);
					try {
						const moved = w.unitIds[a % w.unitIds.length];
						const to = b === null ? null : w.unitIds[b % w.unitIds.length];
						let outcome: { rollupsAdjusted: boolean } | null = null;
						try {
							outcome = await w.db.transaction().execute((tx) => stats.moveUnit(tx, moved, to));
						} catch (e) {
							if (!(e instanceof units.UnitError)) throw e;
						}
						if (outcome) expect(outcome.rollupsAdjusted).toBe(true);
						expect(await stats.rollupsFresh(w.db)).toBe(true);
						for (const f of filters) {
							const { filters: view, opts } = filtersOf(w, f);
							const summary = await stats.dashboard(w.db, view, opts);
							expect(summary.meta.rollupsFresh).toBe(true);
							expect(strip(summary)).toEqual(strip(await stats.rawDashboard(w.db, view, opts)));
						}
						await w.db.transaction().execute((tx) => stats.foldAll(tx));
						const kept = await snapshot(w.db);
						await stats.rebuild(w.db);
						expect(await snapshot(w.db)).toEqual(kept);
					} finally {
						await w.db.destroy();
					}
				}
			),
			runs(25)
		);
	}, 120_000);

	it('after a unit moved, until and after a rebuild', async () => {
		await fc.assert(
			fc.asyncProperty(
				planArb.filter((p) => p.parents.length >= 3 && p.responses.length > 0),
				fc.tuple(fc.nat(6), fc.nat(6)),
				fc.array(filterArb, { minLength: 1, maxLength: 4 }),
				async (plan, [a, b], filters) => {
					const w = await build(plan);
					try {
						const moved = w.unitIds[a % w.unitIds.length];
						const to = w.unitIds[b % w.unitIds.length];
						try {
							await units.move(w.db, moved, to);
						} catch (e) {
							if (!(e instanceof units.UnitError)) throw e;
						}
						for (const f of filters) {
							const { filters: view, opts } = filtersOf(w, f);
							expect(strip(await stats.dashboard(w.db, view, opts))).toEqual(
								strip(await stats.rawDashboard(w.db, view, opts))
							);
						}
						await stats.rebuild(w.db);
						expect(await stats.rollupsFresh(w.db)).toBe(true);
						for (const f of filters) {
							const { filters: view, opts } = filtersOf(w, f);
							expect(strip(await stats.dashboard(w.db, view, opts))).toEqual(
								strip(await stats.rawDashboard(w.db, view, opts))
							);
						}
					} finally {
						await w.db.destroy();
					}
				}
			),
			runs(15)
		);
	}, 120_000);
});
