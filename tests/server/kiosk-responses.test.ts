import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import { kioskConfig } from '../../src/lib/server/kiosk-config';
import { ingest } from '../../src/lib/server/ingest';
import * as kiosks from '../../src/lib/server/kiosks';
import * as officers from '../../src/lib/server/officers';
import * as responses from '../../src/lib/server/responses';
import * as stats from '../../src/lib/server/stats';
import * as units from '../../src/lib/server/units';
import { publishTemplate, smallTree, testDb, TEST_ENGINE } from './helpers';

// Tuesday 2026-03-03, 09:00 in Vietnam (02:00 UTC).
const NOW = new Date('2026-03-03T02:00:00.000Z');
const at = (offsetSeconds: number) => new Date(NOW.getTime() + offsetSeconds * 1000).toISOString();

async function setup() {
	const db = await testDb();
	const tree = await smallTree(db);
	const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
	await db
		.insertInto('counters')
		.values({
			id: 'counter-1',
			unitId: tree.c1.id,
			number: 1,
			name: 'Quầy 1',
			createdAt: at(0),
			updatedAt: at(0)
		})
		.execute();
	const { kiosk, pairingCode } = await kiosks.create(
		db,
		{
			unitId: tree.c1.id,
			counterId: 'counter-1',
			name: 'Kiosk quầy 1'
		},
		NOW
	);
	const place: responses.Place = {
		channel: 'kiosk',
		unitId: tree.c1.id,
		counterId: 'counter-1',
		kioskId: kiosk.id,
		settings: { ...DEFAULT_KIOSK_SETTINGS }
	};
	return { db, tree, versionId, kiosk, pairingCode, place };
}

describe('kiosk pairing', () => {
	it('pairs once with the code, in any case and with or without the dash', async () => {
		const { db, pairingCode, kiosk } = await setup();
		expect(pairingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		const paired = await kiosks.pair(db, pairingCode.toLowerCase().replace('-', ''), NOW);
		expect(paired?.kiosk.id).toBe(kiosk.id);
		expect((await kiosks.byToken(db, paired!.token))?.id).toBe(kiosk.id);
		expect(await kiosks.pair(db, pairingCode, NOW)).toBeNull();
		const row = await kiosks.byId(db, kiosk.id);
		expect(row?.tokenHash).not.toContain(paired!.token);
	});

	it('refuses an expired code and rotates the token on re-pair', async () => {
		const { db, pairingCode, kiosk } = await setup();
		const late = new Date(NOW.getTime() + kiosks.PAIRING_TTL_MS + 1);
		expect(await kiosks.pair(db, pairingCode, late)).toBeNull();
		const code2 = await kiosks.issuePairingCode(db, kiosk.id, NOW);
		const first = await kiosks.pair(db, code2, NOW);
		const code3 = await kiosks.issuePairingCode(db, kiosk.id, NOW);
		expect(await kiosks.byToken(db, first!.token)).toBeDefined();
		const second = await kiosks.pair(db, code3, NOW);
		expect(await kiosks.byToken(db, first!.token)).toBeUndefined();
		expect((await kiosks.byToken(db, second!.token))?.id).toBe(kiosk.id);
	});

	it('serves the survey in force, the officers and the settings to a paired kiosk', async () => {
		const { db, kiosk, versionId } = await setup();
		const config = await kioskConfig(db, kiosk, NOW);
		expect(config.unit.code).toBe('C1');
		expect(config.counter).toEqual({ number: 1, name: 'Quầy 1' });
		expect(config.survey?.versionId).toBe(versionId);
		expect(config.survey?.definition.mainQuestion).toBe('satisfaction');
		expect(config.kiosk.settings.minIntervalSeconds).toBe(4);
	});
});

describe('recording responses', () => {
	it('writes a one-tap answer with unit, counter, local time and satisfaction, once', async () => {
		const { db, place, versionId, tree } = await setup();
		const id = randomUUID();
		const body = {
			id,
			surveyVersionId: versionId,
			answers: { satisfaction: 3 },
			submittedAt: at(0)
		};
		expect(await responses.record(db, place, body, NOW)).toEqual({ ok: true, status: 201, id });
		expect(await responses.record(db, place, body, NOW)).toEqual({ ok: true, status: 200, id });
		const rows = await db.selectFrom('responses').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			unitId: tree.c1.id,
			counterId: 'counter-1',
			localDate: '2026-03-03',
			localHour: 9,
			weekday: 2,
			mainLevel: 3,
			mainLevels: 3,
			satisfied: 1,
			flagOutOfHours: 0,
			flagBurst: 0
		});
		const answers = await db.selectFrom('responseAnswers').selectAll().execute();
		expect(answers).toEqual([
			{
				responseId: id,
				questionKey: 'satisfaction',
				seq: 0,
				valueInt: 3,
				valueText: null,
				searchText: null
			}
		]);
	});

	it('keeps reasons, comment and the phone (only with consent) and opens a follow-up case', async () => {
		const { db, place, versionId } = await setup();
		const withConsent = randomUUID();
		const r = await responses.record(
			db,
			place,
			{
				id: withConsent,
				surveyVersionId: versionId,
				answers: {
					satisfaction: 1,
					reasons: ['wait', 'attitude'],
					comment: ' Chờ  quá lâu ',
					phone: '091 234 5678'
				},
				phoneConsent: true,
				submittedAt: at(0)
			},
			NOW
		);
		expect(r.ok).toBe(true);
		const cases = await db.selectFrom('followUpCases').selectAll().execute();
		expect(cases).toHaveLength(1);
		expect(cases[0]).toMatchObject({
			responseId: withConsent,
			phone: '0912345678',
			status: 'new',
			deadline: '2026-03-10'
		});
		const answers = await db
			.selectFrom('responseAnswers')
			.select(['questionKey', 'seq', 'valueText', 'searchText'])
			.where('responseId', '=', withConsent)
			.orderBy('questionKey')
			.orderBy('seq')
			.execute();
		// The free text is also kept folded for the comments search; choices are not.
		expect(answers).toEqual([
			{ questionKey: 'comment', seq: 0, valueText: 'Chờ  quá lâu', searchText: 'cho qua lau' },
			{ questionKey: 'reasons', seq: 0, valueText: 'wait', searchText: null },
			{ questionKey: 'reasons', seq: 1, valueText: 'attitude', searchText: null },
			{ questionKey: 'satisfaction', seq: 0, valueText: null, searchText: null }
		]);

		const without = randomUUID();
		await responses.record(
			db,
			place,
			{
				id: without,
				surveyVersionId: versionId,
				answers: { satisfaction: 1, phone: '0987654321' },
				submittedAt: at(10)
			},
			NOW
		);
		expect(await db.selectFrom('followUpCases').selectAll().execute()).toHaveLength(1);
		const stored = JSON.stringify(await db.selectFrom('responseAnswers').selectAll().execute());
		expect(stored).not.toContain('0987654321');
		expect(stored).not.toContain('0912345678');
	});

	it('refuses bad input with a clear code and writes nothing', async () => {
		const { db, place, versionId } = await setup();
		const cases: [unknown, number, string][] = [
			[
				{
					id: 'not-a-uuid',
					surveyVersionId: versionId,
					answers: { satisfaction: 1 },
					submittedAt: at(0)
				},
				400,
				'invalid_request'
			],
			[
				{
					id: randomUUID(),
					surveyVersionId: versionId,
					answers: { satisfaction: 7 },
					submittedAt: at(0)
				},
				422,
				'invalid_answers'
			],
			[
				{ id: randomUUID(), surveyVersionId: versionId, answers: {}, submittedAt: at(0) },
				422,
				'invalid_answers'
			],
			[
				{
					id: randomUUID(),
					surveyVersionId: versionId,
					answers: { satisfaction: 3, reasons: ['wait'] },
					submittedAt: at(0)
				},
				422,
				'invalid_answers'
			],
			[
				{
					id: randomUUID(),
					surveyVersionId: 'nope',
					answers: { satisfaction: 1 },
					submittedAt: at(0)
				},
				422,
				'unknown_survey_version'
			],
			[
				{
					id: randomUUID(),
					surveyVersionId: versionId,
					answers: { satisfaction: 1 },
					submittedAt: at(3600)
				},
				422,
				'implausible_time'
			],
			[
				{
					id: randomUUID(),
					surveyVersionId: versionId,
					answers: { satisfaction: 1 },
					submittedAt: at(0),
					extra: 1
				},
				400,
				'invalid_request'
			]
		];
		for (const [body, status, code] of cases) {
			const r = await responses.record(db, place, body, NOW);
			expect(r.ok ? 'ok' : `${r.status} ${r.code}`).toBe(`${status} ${code}`);
		}
		expect(await db.selectFrom('responses').selectAll().execute()).toHaveLength(0);
		expect(await db.selectFrom('responseAnswers').selectAll().execute()).toHaveLength(0);
	});

	it('enforces the minimum interval per device and flags bursts and out-of-hours answers', async () => {
		const { db, place, versionId } = await setup();
		const send = (seconds: number, level = 3, iso = at(seconds)) =>
			responses.record(
				db,
				place,
				{
					id: randomUUID(),
					surveyVersionId: versionId,
					answers: { satisfaction: level },
					submittedAt: iso
				},
				NOW
			);
		expect((await send(0)).ok).toBe(true);
		const tooSoon = await send(2);
		expect(tooSoon.ok ? 'ok' : tooSoon.code).toBe('too_soon');
		for (const s of [5, 10, 15]) expect((await send(s)).ok).toBe(true);
		const flags = await db
			.selectFrom('responses')
			.select(['submittedAt', 'flagBurst'])
			.orderBy('submittedAt')
			.execute();
		expect(flags.map((f) => f.flagBurst)).toEqual([0, 0, 0, 1]);
		// 20:30 in Vietnam the evening before
		expect((await send(0, 2, '2026-03-02T13:30:00.000Z')).ok).toBe(true);
		const late = await db
			.selectFrom('responses')
			.select('flagOutOfHours')
			.where('localHour', '=', 20)
			.executeTakeFirstOrThrow();
		expect(late.flagOutOfHours).toBe(1);
	});

	it('takes an answer id sent again in upper case as the same answer (no minimum interval)', async () => {
		const { db, place, versionId } = await setup();
		const noInterval = { ...place, settings: { ...place.settings, minIntervalSeconds: 0 } };
		const id = randomUUID().toLowerCase();
		const send = (sentId: string, seconds: number) =>
			responses.record(
				db,
				noInterval,
				{
					id: sentId,
					surveyVersionId: versionId,
					answers: { satisfaction: 3 },
					submittedAt: at(seconds)
				},
				NOW
			);
		const first = await send(id, 0);
		const again = await send(id.toUpperCase(), 1);
		expect(first).toMatchObject({ ok: true, status: 201, id });
		expect(again).toMatchObject({ ok: true, status: 200, id });
		const rows = await db.selectFrom('responses').select('id').execute();
		expect(rows).toEqual([{ id }]);
	});

	it('commits answers arriving together in one transaction and counts each once', async () => {
		const { db, place, versionId, tree } = await setup();
		const others = await Promise.all(
			[1, 2, 3, 4].map((i) => kiosks.create(db, { unitId: tree.c2.id, name: `Kiosk ${i}` }))
		);
		const places = [
			place,
			...others.map((o) => ({ ...place, unitId: tree.c2.id, counterId: null, kioskId: o.kiosk.id }))
		];
		const before = ingest(db).commits;
		const ids = places.map(() => randomUUID());
		const results = await Promise.all(
			places.map((p, i) =>
				responses.record(
					db,
					p,
					{
						id: ids[i],
						surveyVersionId: versionId,
						answers: { satisfaction: 1 + (i % 3) },
						submittedAt: at(i)
					},
					NOW
				)
			)
		);
		expect(results.map((r) => (r.ok ? r.status : r.code))).toEqual([201, 201, 201, 201, 201]);
		// On PostgreSQL each answer's validation reads wait on the pool, so the answers reach the
		// writer in different turns of the event loop: one commit per turn there.
		if (TEST_ENGINE === 'sqlite') expect(ingest(db).commits - before).toBe(1);
		// Levels 1, 2, 3, 1, 2 on the three-level scale, satisfied from 2: three satisfied.
		const day = { unitId: tree.d.id, from: '2026-03-03', to: '2026-03-03' };
		const figures = await stats.dashboard(db, day);
		expect(figures.headline.responses).toBe(5);
		expect(figures.headline.satisfaction).toMatchObject({ n: 5, satisfied: 3 });
	});

	it('lets only one of two racing answers from a device through, and a racing re-send is a duplicate', async () => {
		const { db, place, versionId } = await setup();
		const body = (id: string, seconds: number) => ({
			id,
			surveyVersionId: versionId,
			answers: { satisfaction: 3 },
			submittedAt: at(seconds)
		});
		const [a, b] = await Promise.all([
			responses.record(db, place, body(randomUUID(), 0), NOW),
			responses.record(db, place, body(randomUUID(), 1), NOW)
		]);
		// Which of the two wins is the writer's order: the first on SQLite's one writer thread,
		// either on PostgreSQL, where two batches may race on two pooled connections.
		expect([a, b].map((r) => (r.ok ? r.status : r.code)).sort()).toEqual([201, 'too_soon']);
		const id = randomUUID();
		const [c, d] = await Promise.all([
			responses.record(db, place, body(id, 60), NOW),
			responses.record(db, place, body(id, 60), NOW)
		]);
		expect([c, d].sort((x, y) => (x.ok && y.ok ? y.status - x.status : 0))).toEqual([
			{ ok: true, status: 201, id },
			{ ok: true, status: 200, id }
		]);
		expect(await db.selectFrom('responses').selectAll().execute()).toHaveLength(2);
	});

	it('accepts an officer as soon as it is added, only for its own unit', async () => {
		const { db, place, versionId, tree } = await setup();
		const send = (officer: string, seconds: number) =>
			responses.record(
				db,
				place,
				{
					id: randomUUID(),
					surveyVersionId: versionId,
					answers: { satisfaction: 3, officer },
					submittedAt: at(seconds)
				},
				NOW
			);
		const elsewhere = await officers.create(db, tree.c2.id, {
			fullName: 'Trần Văn B',
			title: 'Công chức',
			counterId: null
		});
		const refused = await send(elsewhere.id, 0);
		expect(refused.ok ? 'ok' : refused.errors).toEqual([
			{ path: 'officer', message: 'is not a known officer' }
		]);
		const here = await officers.create(db, tree.c1.id, {
			fullName: 'Nguyễn Thị A',
			title: 'Công chức',
			counterId: 'counter-1'
		});
		expect((await send(here.id, 10)).ok).toBe(true);
		const row = await db.selectFrom('responses').select('officerId').executeTakeFirstOrThrow();
		expect(row.officerId).toBe(here.id);
	});

	it('refuses an answer from a kiosk revoked elsewhere while its row was cached here', async () => {
		const { db, place, versionId, pairingCode } = await setup();
		const { token } = (await kiosks.pair(db, pairingCode, NOW))!;
		const cached = await kiosks.byTokenRecent(db, token);
		// Another instance revokes it: this process's cache does not hear of it.
		await db
			.updateTable('kiosks')
			.set({ revokedAt: at(0) })
			.where('id', '=', cached!.id)
			.execute();
		expect((await kiosks.byTokenRecent(db, token))?.revokedAt).toBeNull();
		const r = await responses.record(
			db,
			{ ...place, kioskTokenHash: cached!.tokenHash },
			{
				id: randomUUID(),
				surveyVersionId: versionId,
				answers: { satisfaction: 3 },
				submittedAt: at(0)
			},
			NOW
		);
		expect(r.ok ? 'ok' : `${r.status} ${r.code}`).toBe('401 revoked');
		expect(await db.selectFrom('responses').selectAll().execute()).toHaveLength(0);
	});

	it('answers 409 when the same UUID arrives from another device', async () => {
		const { db, place, versionId, tree } = await setup();
		const id = randomUUID();
		await responses.record(
			db,
			place,
			{ id, surveyVersionId: versionId, answers: { satisfaction: 2 }, submittedAt: at(0) },
			NOW
		);
		const { kiosk: other } = await kiosks.create(db, { unitId: tree.c2.id, name: 'Khác' });
		const r = await responses.record(
			db,
			{ ...place, unitId: tree.c2.id, counterId: null, kioskId: other.id },
			{ id, surveyVersionId: versionId, answers: { satisfaction: 2 }, submittedAt: at(0) },
			NOW
		);
		expect(r.ok ? 'ok' : `${r.status} ${r.code}`).toBe('409 id_conflict');
		expect(await units.subtreeIds(db, tree.c2.id)).toEqual([tree.c2.id]);
	});
});
