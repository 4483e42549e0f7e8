import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import * as responses from '../../src/lib/server/responses';
import * as stats from '../../src/lib/server/stats';
import * as units from '../../src/lib/server/units';
import type { Db } from '../../src/lib/server/db/index';
import { publishTemplate, testDb } from './helpers';
import {
	addCounter,
	addField,
	addOfficer,
	addSurvey,
	insertResponses,
	mergedTree,
	responseRows,
	type ResponseSpec
} from './stats-world';

// March 2026: the 1st is a Sunday, so the 2nd is a Monday and the 3rd and 10th are Tuesdays.
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

async function world() {
	const db = await testDb();
	const tree = await mergedTree(db);
	const desk = await addSurvey(db, 'DESK3', 'desk3');
	const sipas = await addSurvey(db, 'SIPAS', 'sipas');
	const officerA = await addOfficer(db, tree.tb.id, 'Nguyễn Văn A');
	const ht = await addField(db, 'ho-tich', 'Hộ tịch');
	const c1 = await addCounter(db, tree.ha.id, 1);
	const specs: ResponseSpec[] = [
		{
			id: 'r1',
			unitId: tree.tb.id,
			survey: desk,
			date: '2026-03-02',
			hour: 9,
			level: 3,
			officerId: officerA,
			fieldId: ht
		},
		{
			id: 'r2',
			unitId: tree.tb.id,
			survey: desk,
			date: '2026-03-02',
			hour: 9,
			level: 1,
			fieldId: ht,
			reasons: ['wait', 'attitude']
		},
		{
			id: 'r3',
			unitId: tree.tb.id,
			survey: desk,
			date: '2026-03-03',
			hour: 14,
			level: 2,
			officerId: officerA,
			outOfHours: true
		},
		{
			id: 'r4',
			unitId: tree.tbNew.id,
			survey: sipas,
			date: '2026-03-03',
			hour: 20,
			level: 5,
			channel: 'web'
		},
		{
			id: 'r5',
			unitId: tree.tbNew.id,
			survey: sipas,
			date: '2026-03-10',
			hour: 10,
			level: 2,
			channel: 'web'
		},
		{
			id: 'r6',
			unitId: tree.ha.id,
			survey: desk,
			date: '2026-03-02',
			hour: 9,
			level: 1,
			counterId: c1,
			reasons: ['wait']
		},
		{ id: 'r7', unitId: tree.ha.id, survey: desk, date: '2026-02-27', hour: 9, level: 3 }
	];
	await insertResponses(db, specs);
	await applyAll(db, specs);
	return { db, tree, desk, sipas, officerA, ht, c1 };
}

async function applyAll(db: Db, specs: ResponseSpec[]) {
	const rows = specs.map(responseRows);
	await stats.applyRows(
		db,
		rows.map((r) => ({
			...r.response,
			flagBurst: r.response.flagBurst ?? 0,
			flagOutOfHours: r.response.flagOutOfHours ?? 0
		})) as never,
		rows.flatMap((r) => r.answers.filter((a) => a.questionKey === 'reasons')) as never
	);
}

function withoutMeta(f: stats.DashboardFigures) {
	return { ...f, meta: undefined };
}

describe('dashboard figures, computed by hand', () => {
	it('counts a merged unit for its successor, with rate, happy index and interval', async () => {
		const { db, tree } = await world();
		const f = await stats.dashboard(db, { unitId: tree.tbNew.id, ...MARCH });
		// r1..r5: desk levels 3, 1, 2 and SIPAS levels 5, 2.
		expect(f.headline.responses).toBe(5);
		expect(f.headline.satisfaction).toMatchObject({ n: 5, satisfied: 3, rate: 0.6, tooFew: true });
		// Wilson 3 of 5: centre 0.5566, half-width 0.3258.
		expect(f.headline.satisfaction.low).toBeCloseTo(0.2307, 3);
		expect(f.headline.satisfaction.high).toBeCloseTo(0.8824, 3);
		// Desk 3 levels map to 100, 0, 50; SIPAS 5 levels map 5 -> 100 and 2 -> 25: 275 / 5.
		expect(f.headline.happyIndex.value).toBe(55);
		expect(f.distribution).toEqual([
			{ levels: 3, counts: [1, 1, 1], shares: [1 / 3, 1 / 3, 1 / 3], n: 3 },
			{ levels: 5, counts: [0, 1, 0, 0, 1], shares: [0, 0.5, 0, 0, 0.5], n: 2 }
		]);
		expect(f.flags).toEqual({ flagged: 1, burst: 0, outOfHours: 1 });
		expect(f.reasons).toEqual([
			{ reason: 'attitude', count: 1 },
			{ reason: 'wait', count: 1 }
		]);
		expect(withoutMeta(await stats.rawDashboard(db, { unitId: tree.tbNew.id, ...MARCH }))).toEqual(
			withoutMeta(f)
		);
	});

	it('leaves out flagged answers on request but still counts them', async () => {
		const { db, tree } = await world();
		const f = await stats.dashboard(
			db,
			{ unitId: tree.tbNew.id, ...MARCH, excludeFlagged: true },
			{ minimumN: 4 }
		);
		// r3 (out of hours) is gone: r1 (100), r2 (0), r4 (100), r5 (25).
		expect(f.headline.responses).toBe(4);
		expect(f.headline.satisfaction).toMatchObject({ n: 4, satisfied: 2, rate: 0.5, tooFew: false });
		expect(f.headline.happyIndex.value).toBe(56.25);
		expect(f.flags.flagged).toBe(1);
	});

	it('compares with another period', async () => {
		const { db, tree } = await world();
		const f = await stats.dashboard(
			db,
			{ unitId: tree.ph.id, ...MARCH },
			{ comparison: { from: '2026-02-01', to: '2026-02-28' } }
		);
		// March: r1, r2, r3 (Tân Bình), r6 (Hòa An): 2 satisfied of 4. February: r7, satisfied.
		expect(f.headline.responses).toBe(4);
		expect(f.headline.comparison).toMatchObject({ from: '2026-02-01', responses: 1 });
		expect(f.headline.change?.responses).toEqual({ delta: 3, relative: 3 });
		expect(f.headline.change?.satisfaction.delta).toBe(0.5 - 1);
		// Happy: March (100 + 0 + 50 + 0) / 4 = 37.5, February 100.
		expect(f.headline.change?.happyIndex.delta).toBe(37.5 - 100);
	});

	it('ranks the children by rate, each with its lineage', async () => {
		const { db, tree } = await world();
		const district = await stats.dashboard(db, { unitId: tree.ph.id, ...MARCH });
		expect(district.ranking.map((r) => [r.code, r.responses, r.satisfaction.rate])).toEqual([
			['TB', 3, 2 / 3],
			['HA', 1, 0]
		]);
		// The city's only child carries the old Tân Bình's answers as well as its own.
		const city = await stats.dashboard(db, { unitId: tree.ct.id, ...MARCH });
		expect(city.ranking.map((r) => [r.code, r.responses])).toEqual([['TBM', 5]]);
		const everything = await stats.dashboard(db, { unitId: null, ...MARCH });
		expect(everything.headline.responses).toBe(6);
		expect(everything.ranking.map((r) => [r.code, r.responses])).toEqual([
			['CT', 5],
			['HG', 4]
		]);
	});

	it('draws the trend, officers, fields and heatmap', async () => {
		const { db, tree, officerA, ht } = await world();
		const f = await stats.dashboard(db, { unitId: tree.tbNew.id, ...MARCH });
		expect(f.trend.grain).toBe('day');
		expect(f.trend.points).toHaveLength(31);
		const day = (d: string) => f.trend.points.find((p) => p.key === d)!;
		expect([day('2026-03-02').responses, day('2026-03-02').satisfaction.satisfied]).toEqual([2, 1]);
		expect(day('2026-03-03').responses).toBe(2);
		expect(day('2026-03-10').responses).toBe(1);
		expect(
			f.officers.map((o) => [o.officerId, o.name, o.responses, o.satisfaction.satisfied])
		).toEqual([
			[null, null, 3, 1],
			[officerA, 'Nguyễn Văn A', 2, 2]
		]);
		expect(f.fields.map((x) => [x.procedureFieldId, x.nameVi, x.responses])).toEqual([
			[null, null, 3],
			[ht, 'Hộ tịch', 2]
		]);
		expect(f.heatmap).toEqual([
			{ weekday: 1, hour: 9, responses: 2, rated: 2, satisfied: 1, rate: 0.5 },
			{ weekday: 2, hour: 10, responses: 1, rated: 1, satisfied: 0, rate: 0 },
			{ weekday: 2, hour: 14, responses: 1, rated: 1, satisfied: 1, rate: 1 },
			{ weekday: 2, hour: 20, responses: 1, rated: 1, satisfied: 1, rate: 1 }
		]);
		const quarter = await stats.dashboard(db, {
			unitId: tree.tbNew.id,
			from: '2026-01-01',
			to: '2026-06-30'
		});
		expect(quarter.trend.grain).toBe('month');
		expect(quarter.trend.points.map((p) => p.responses)).toEqual([0, 0, 5, 0, 0, 0]);
	});

	it('filters by counter, officer, field, channel and survey', async () => {
		const { db, tree, officerA, ht, c1, sipas } = await world();
		const byCounter = await stats.dashboard(db, { unitId: tree.hg.id, ...MARCH, counterId: c1 });
		expect(byCounter.headline.responses).toBe(1);
		expect(byCounter.heatmap).toEqual([
			{ weekday: 1, hour: 9, responses: 1, rated: 1, satisfied: 0, rate: 0 }
		]);
		expect(byCounter.reasons).toEqual([{ reason: 'wait', count: 1 }]);
		const byOfficer = await stats.dashboard(db, {
			unitId: tree.ct.id,
			...MARCH,
			officerId: officerA
		});
		expect([byOfficer.headline.responses, byOfficer.headline.satisfaction.satisfied]).toEqual([
			2, 2
		]);
		const byField = await stats.dashboard(db, {
			unitId: tree.tbNew.id,
			...MARCH,
			procedureFieldId: ht
		});
		expect(byField.headline.responses).toBe(2);
		expect(byField.reasons).toHaveLength(2);
		const web = await stats.dashboard(db, { unitId: null, ...MARCH, channel: 'web' });
		expect(web.headline.responses).toBe(2);
		const survey = await stats.dashboard(db, { unitId: null, ...MARCH, surveyId: sipas.id });
		expect(survey.headline.happyIndex.value).toBe(62.5);
		for (const filters of [
			{ unitId: tree.hg.id, ...MARCH, counterId: c1 },
			{ unitId: tree.ct.id, ...MARCH, officerId: officerA },
			{ unitId: tree.tbNew.id, ...MARCH, procedureFieldId: ht }
		]) {
			expect(withoutMeta(await stats.dashboard(db, filters))).toEqual(
				withoutMeta(await stats.rawDashboard(db, filters))
			);
		}
	});
});

describe('keeping the summaries', () => {
	it('record() adds each new response to the summaries in its own transaction', async () => {
		const db = await testDb();
		const tree = await mergedTree(db);
		const { versionId } = await publishTemplate(db, tree.hg.id, 'desk3', 'web');
		const place: responses.Place = {
			channel: 'web',
			unitId: tree.ha.id,
			counterId: null,
			kioskId: null,
			settings: { ...DEFAULT_KIOSK_SETTINGS }
		};
		const now = new Date('2026-03-03T02:00:00.000Z');
		const id = randomUUID();
		const body = {
			id,
			surveyVersionId: versionId,
			answers: { satisfaction: 1, reasons: ['late'] },
			submittedAt: now.toISOString()
		};
		expect((await responses.record(db, place, body, now)).ok).toBe(true);
		// A resent answer is not counted twice.
		expect((await responses.record(db, place, body, now)).status).toBe(200);
		const filters = { unitId: tree.hg.id, from: '2026-03-01', to: '2026-03-31' };
		const f = await stats.dashboard(db, filters);
		expect(f.headline.responses).toBe(1);
		expect(f.reasons).toEqual([{ reason: 'late', count: 1 }]);
		expect(withoutMeta(f)).toEqual(withoutMeta(await stats.rawDashboard(db, filters)));
	});

	it('notices a moved unit, stays right meanwhile, and is fresh again after a rebuild', async () => {
		const { db, tree } = await world();
		expect(await stats.rollupsFresh(db)).toBe(true);
		await units.move(db, tree.ha.id, tree.ct.id);
		expect(await stats.rollupsFresh(db)).toBe(false);
		const filters = { unitId: tree.ct.id, ...MARCH };
		const stale = await stats.dashboard(db, filters);
		expect(stale.meta.rollupsFresh).toBe(false);
		// The city now holds Hòa An too: r4, r5, r1..r3 through Tân Bình, and r6.
		expect(stale.headline.responses).toBe(6);
		expect(withoutMeta(stale)).toEqual(withoutMeta(await stats.rawDashboard(db, filters)));
		const result = await stats.rebuild(db);
		expect(result.responses).toBe(7);
		expect(await stats.rollupsFresh(db)).toBe(true);
		const fresh = await stats.dashboard(db, filters);
		expect(fresh.meta.rollupsFresh).toBe(true);
		expect(withoutMeta(fresh)).toEqual(withoutMeta(stale));
	});

	it('computes lineage exactly as units.lineageIds does', async () => {
		const { db } = await world();
		const tree = await stats.loadTree(db);
		for (const id of tree.byId.keys()) {
			expect(new Set(stats.lineage(tree, id))).toEqual(new Set(await units.lineageIds(db, id)));
		}
	});
});
