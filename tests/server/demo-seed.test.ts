import { DEMO_CALENDAR } from '../../src/lib/server/demo/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openMigrated, type Db } from '../../src/lib/server/db/index';
import * as units from '../../src/lib/server/units';
import { DEMO_NOTICE, readMeta, seedDemo } from '../../src/lib/server/demo/seed';
import { NEW_COMMUNES, OLD_COMMUNES } from '../../src/lib/server/demo/places';

// A short range across the 1/7/2025 merger at a third of the volume keeps this test quick.
const RANGE = { from: '2025-06-20', until: '2025-07-10', scale: 0.3 };
const TABLES = [
	'units',
	'unitClosure',
	'counters',
	'officers',
	'kiosks',
	'procedureFields',
	'surveys',
	'surveyVersions',
	'surveyAssignments',
	'responses',
	'responseAnswers',
	'followUpCases',
	'followUpNotes',
	'appMeta'
] as const;

async function counts(db: Db): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const t of TABLES) {
		const row = await db
			.selectFrom(t)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		out[t] = Number(row.n);
	}
	return out;
}

/** Everything about the responses that must not depend on the run: ids, content, answers. */
async function fingerprint(db: Db) {
	const perUnit = await db
		.selectFrom('responses')
		.innerJoin('units', 'units.id', 'responses.unitId')
		.select(['units.code', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('units.code')
		.orderBy('units.code')
		.execute();
	const totals = await db
		.selectFrom('responses')
		.select((eb) => [
			eb.fn.countAll<number>().as('n'),
			eb.fn.sum<number>('mainLevel').as('levels'),
			eb.fn.sum<number>('durationMs').as('duration')
		])
		.executeTakeFirstOrThrow();
	const rows = await db
		.selectFrom('responses')
		.select(['id', 'submittedAt', 'mainLevel', 'locale', 'channel'])
		.orderBy('id')
		.execute();
	const answers = await db
		.selectFrom('responseAnswers')
		.select(['responseId', 'questionKey', 'seq', 'valueInt', 'valueText'])
		.orderBy('responseId')
		.orderBy('questionKey')
		.orderBy('seq')
		.execute();
	return {
		perUnit: perUnit.map((r) => [r.code, Number(r.n)]),
		totals: {
			n: Number(totals.n),
			levels: Number(totals.levels),
			duration: Number(totals.duration)
		},
		rows,
		answers
	};
}

async function unitId(db: Db, code: string): Promise<string> {
	const u = await units.byCode(db, code);
	if (!u) throw new Error(`no unit ${code}`);
	return u.id;
}

describe('seedDemo', () => {
	let db: Db;
	let first: { seeded: boolean; responses: number };

	beforeAll(async () => {
		db = await openMigrated(':memory:');
		first = await seedDemo(db, RANGE);
	});
	afterAll(async () => {
		await db.destroy();
	});

	it('seeds the map, staff and surveys of the demo', async () => {
		const c = await counts(db);
		expect(first.seeded).toBe(true);
		expect(first.responses).toBe(c.responses);
		// Province, district, 15 old communes, the city and 7 new communes.
		expect(c.units).toBe(25);
		expect(c.procedureFields).toBe(8);
		expect(c.surveys).toBe(2);
		expect(c.surveyVersions).toBe(2);
		expect(c.surveyAssignments).toBe(4);
		// Pinned: the demo is deterministic, so these move only when the generator is changed
		// (2-4 counters and 3-6 officers per commune, one kiosk per counter).
		expect(c.counters).toBe(71);
		expect(c.kiosks).toBe(71);
		expect(c.officers).toBe(105);
		expect(c.responses).toBe(1273);
		const levels = await db
			.selectFrom('responses')
			.select((eb) => eb.fn.sum<number>('mainLevel').as('sum'))
			.executeTakeFirstOrThrow();
		expect(Number(levels.sum)).toBe(3120);
		expect(await readMeta(db)).toEqual({ version: 1, ...RANGE });
		expect(DEMO_NOTICE.vi).toMatch(/minh họa/);
		expect(DEMO_NOTICE.en).toMatch(/illustrative/);
	});

	it('does nothing the second time', async () => {
		const before = await counts(db);
		const again = await seedDemo(db, RANGE);
		expect(again).toEqual({ seeded: false, responses: 0 });
		expect(await counts(db)).toEqual(before);
	});

	it('gives identical data on a fresh database, and when extended day by day', async () => {
		const twin = await openMigrated(':memory:');
		const stepwise = await openMigrated(':memory:');
		try {
			await seedDemo(twin, RANGE);
			const part = await seedDemo(stepwise, { ...RANGE, until: '2025-07-03' });
			const rest = await seedDemo(stepwise, { until: RANGE.until });
			expect(rest.seeded).toBe(true);
			expect(part.responses + rest.responses).toBe(first.responses);
			const expected = await fingerprint(db);
			expect(expected.perUnit).toHaveLength(22);
			expect(await fingerprint(twin)).toEqual(expected);
			expect(await fingerprint(stepwise)).toEqual(expected);
			expect((await readMeta(stepwise))?.until).toBe(RANGE.until);
		} finally {
			await twin.destroy();
			await stepwise.destroy();
		}
	});

	it('has responses on open days only, never on Sunday', async () => {
		const dates = await db
			.selectFrom('responses')
			.select('localDate')
			.distinct()
			.orderBy('localDate')
			.execute();
		const days = dates.map((d) => d.localDate);
		expect(days).toHaveLength(18);
		for (const sunday of ['2025-06-22', '2025-06-29', '2025-07-06']) {
			expect(days).not.toContain(sunday);
		}
		expect(days[0]).toBe('2025-06-20');
		expect(days[days.length - 1]).toBe('2025-07-10');
		const sundays = await db
			.selectFrom('responses')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('weekday', '=', 7)
			.executeTakeFirstOrThrow();
		expect(Number(sundays.n)).toBe(0);
	});

	it('keeps old units before the merger and new ones after it', async () => {
		const spans = await db
			.selectFrom('responses')
			.innerJoin('units', 'units.id', 'responses.unitId')
			.select((eb) => [
				eb.fn.min('responses.localDate').as('first'),
				eb.fn.max('responses.localDate').as('last'),
				sql<string>`substr(units.code, 1, 3)`.as('prefix')
			])
			.groupBy(sql`substr(units.code, 1, 3)`)
			.orderBy('prefix')
			.execute();
		expect(spans).toEqual([
			{ prefix: 'CT-', first: '2025-07-01', last: '2025-07-10' },
			{ prefix: 'HG-', first: '2025-06-20', last: '2025-06-30' }
		]);
	});

	it('maps every old unit to a successor in Cần Thơ', async () => {
		const city = await unitId(db, 'CT');
		const newIds = new Set(await Promise.all(NEW_COMMUNES.map((p) => unitId(db, p.code))));
		for (const place of OLD_COMMUNES) {
			const u = await units.byCode(db, place.code);
			expect(u?.validTo).toBe('2025-06-30');
			expect(newIds.has(u!.successorId!)).toBe(true);
		}
		expect((await units.byCode(db, 'HG-PH'))?.successorId).toBe(city);
		expect((await units.byCode(db, 'HG'))?.successorId).toBe(city);
		const absorbed = new Map<string, number>();
		for (const place of OLD_COMMUNES) {
			const s = (await units.byCode(db, place.code))!.successorId!;
			absorbed.set(s, (absorbed.get(s) ?? 0) + 1);
		}
		expect([...absorbed.values()].every((n) => n >= 1 && n <= 3)).toBe(true);
		expect(absorbed.size).toBe(7);

		const lineage = await units.lineageIds(db, await unitId(db, 'CT-TANBINH'));
		const expected = await Promise.all(
			['CT-TANBINH', 'HG-PH-TANBINH', 'HG-PH-BINHTHANH', 'HG-PH-LONGTHANH'].map((c) =>
				unitId(db, c)
			)
		);
		expect(lineage.sort()).toEqual(expected.sort());
		const town = await units.byCode(db, 'HG-PH-CAYDUONG');
		expect(town?.name).toBe('Thị trấn Cây Dương');
		expect(town?.kind).toBe('town');
	});

	it('answers only the questions the desk survey shows', async () => {
		const hidden = await db
			.selectFrom('responseAnswers')
			.innerJoin('responses', 'responses.id', 'responseAnswers.responseId')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('responseAnswers.questionKey', 'in', ['reasons', 'comment'])
			.where('responses.mainLevels', '=', 3)
			.where('responses.mainLevel', '>', 1)
			.executeTakeFirstOrThrow();
		expect(Number(hidden.n)).toBe(0);
		const reasons = await db
			.selectFrom('responseAnswers')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('questionKey', '=', 'reasons')
			.executeTakeFirstOrThrow();
		expect(Number(reasons.n)).toBeGreaterThan(0);
		const everyResponseRated = await db
			.selectFrom('responses')
			.leftJoin('responseAnswers', (j) =>
				j
					.onRef('responseAnswers.responseId', '=', 'responses.id')
					.on('responseAnswers.questionKey', '=', 'satisfaction')
			)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where((eb) =>
				eb.or([
					eb('responseAnswers.valueInt', 'is', null),
					eb('responseAnswers.valueInt', '!=', eb.ref('responses.mainLevel'))
				])
			)
			.executeTakeFirstOrThrow();
		expect(Number(everyResponseRated.n)).toBe(0);
		const wrongSatisfied = await db
			.selectFrom('responses')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('mainLevels', '=', 3)
			.where(sql<boolean>`satisfied != (main_level >= 2)`)
			.executeTakeFirstOrThrow();
		expect(Number(wrongSatisfied.n)).toBe(0);
	});

	it('opens follow-up cases only with consent and a deadline', async () => {
		const cases = await db
			.selectFrom('followUpCases')
			.innerJoin('responses', 'responses.id', 'followUpCases.responseId')
			.select([
				'followUpCases.phone',
				'followUpCases.consentAt',
				'followUpCases.deadline',
				'followUpCases.status',
				'followUpCases.createdAt',
				'followUpCases.phoneEraseAfter',
				'responses.mainLevel',
				'responses.localDate',
				'responses.receivedAt'
			])
			.execute();
		expect(cases.length).toBeGreaterThan(0);
		for (const c of cases) {
			expect(c.mainLevel).toBe(1);
			if (c.phone !== null) {
				expect(c.consentAt).not.toBeNull();
				expect(c.phone).toMatch(/^0[3789]\d{8}$/);
			}
			expect(c.createdAt).toBe(c.receivedAt);
			expect(c.deadline > c.localDate).toBe(true);
			const year = Number(c.createdAt.slice(0, 4)) + 1;
			expect(c.phoneEraseAfter).toBe(`${year}${c.createdAt.slice(4)}`);
		}
		// The run ends on 10/7: cases of its last two weeks are not resolved yet.
		expect(cases.filter((c) => c.status === 'resolved' && c.localDate > '2025-06-26')).toEqual([]);
		expect(cases.filter((c) => c.status === 'resolved').length).toBeGreaterThan(0);
	});

	it('enters its holidays in the working calendar, weekdays only, and its deadlines count them', async () => {
		const days = await db
			.selectFrom('calendarDays')
			.select(['date', 'kind', 'name'])
			.where('date', '>=', '2025-04-28')
			.where('date', '<=', '2025-05-06')
			.orderBy('date')
			.execute();
		// 30/4 to 4/5/2025: Wednesday to Sunday; the weekend is off anyway.
		const name = 'Ngày Giải phóng miền Nam, Quốc tế Lao động';
		expect(days).toEqual([
			{ date: '2025-04-30', kind: 'off', name },
			{ date: '2025-05-01', kind: 'off', name },
			{ date: '2025-05-02', kind: 'off', name }
		]);
		// A case received on Tuesday 29/4 would be due on 9 May (5, 6, 7, 8, 9); one received on
		// Friday 20/6, in the seeded range, is due on Friday 27/6.
		expect(DEMO_CALENDAR.add('2025-04-29', 5)).toBe('2025-05-09');
		const deadlines = await db
			.selectFrom('followUpCases')
			.innerJoin('responses', 'responses.id', 'followUpCases.responseId')
			.select('followUpCases.deadline')
			.where('responses.localDate', '=', '2025-06-20')
			.execute();
		expect(deadlines.length).toBeGreaterThan(0);
		expect(new Set(deadlines.map((d) => d.deadline))).toEqual(new Set(['2025-06-27']));
	});

	it('fills the officer and field columns from the answers, as responses.record does', async () => {
		const rows = await db
			.selectFrom('responses')
			.leftJoin('responseAnswers as o', (j) =>
				j.onRef('o.responseId', '=', 'responses.id').on('o.questionKey', '=', 'officer')
			)
			.leftJoin('responseAnswers as f', (j) =>
				j.onRef('f.responseId', '=', 'responses.id').on('f.questionKey', '=', 'procedure_field')
			)
			.select([
				'responses.officerId',
				'responses.procedureFieldId',
				'o.valueText as officerAnswer',
				'f.valueText as fieldAnswer'
			])
			.execute();
		expect(rows.every((r) => r.officerId === r.officerAnswer)).toBe(true);
		expect(rows.every((r) => r.procedureFieldId === r.fieldAnswer)).toBe(true);
		const share = (n: number) => n / rows.length;
		// About 70% name the officer and 60% the field (taps and SIPAS answers name neither).
		expect(share(rows.filter((r) => r.officerId).length)).toBeGreaterThan(0.6);
		expect(share(rows.filter((r) => r.officerId).length)).toBeLessThan(0.75);
		expect(share(rows.filter((r) => r.procedureFieldId).length)).toBeGreaterThan(0.5);
		expect(share(rows.filter((r) => r.procedureFieldId).length)).toBeLessThan(0.65);
	});

	it('feeds the dashboard summaries with every response it writes', async () => {
		const summed = async (code: string) => {
			const { rows } = await sql<{ n: number }>`
				select coalesce(sum(responses), 0) as n from stats_main
				where scope_id = ${await unitId(db, code)} and grain = 'd'`.execute(db);
			return Number(rows[0].n);
		};
		const raw = async (prefix: string) => {
			const row = await db
				.selectFrom('responses')
				.innerJoin('units', 'units.id', 'responses.unitId')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('units.code', 'like', `${prefix}%`)
				.executeTakeFirstOrThrow();
			return Number(row.n);
		};
		expect(await summed('HG')).toBe(await raw('HG-'));
		expect(await summed('CT')).toBe(await raw('CT-'));
		expect((await summed('HG')) + (await summed('CT'))).toBe(1273);
	});

	it('ties kiosk responses to the kiosk of their counter', async () => {
		const mismatched = await db
			.selectFrom('responses')
			.innerJoin('kiosks', 'kiosks.id', 'responses.kioskId')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where((eb) =>
				eb.or([
					eb('kiosks.counterId', '!=', eb.ref('responses.counterId')),
					eb('kiosks.unitId', '!=', eb.ref('responses.unitId'))
				])
			)
			.executeTakeFirstOrThrow();
		expect(Number(mismatched.n)).toBe(0);
		const kioskChannel = await db
			.selectFrom('responses')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('channel', '=', 'kiosk')
			.where('kioskId', 'is', null)
			.executeTakeFirstOrThrow();
		expect(Number(kioskChannel.n)).toBe(0);
	});
});
