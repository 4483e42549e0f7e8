import { describe, expect, it } from 'vitest';
import { canEditSurvey, canSeeSurvey, scopeRoot } from '../../src/lib/server/auth/guard';
import type { Db } from '../../src/lib/server/db/index';
import { newId } from '../../src/lib/server/ids';
import * as surveyAdmin from '../../src/lib/server/survey-admin';
import * as assignments from '../../src/lib/server/survey-assignments';
import { AssignmentError } from '../../src/lib/server/survey-assignments';
import { versionInForce } from '../../src/lib/server/surveys';
import {
	MAX_IMPORT_BYTES,
	readEnvelope,
	type ImportProblem
} from '../../src/lib/domain/survey-envelope';
import { templateDefinition } from '../../src/lib/domain/templates';
import { publishTemplate, smallTree, testDb } from './helpers';

const TODAY = '2026-12-01';

const person = (role: SessionUser['role'], unitId: string | null): SessionUser => ({
	id: `u-${role}-${unitId}`,
	username: role,
	displayName: role,
	role,
	unitId
});

/** Publishes the current draft as version `n`, as the builder will. */
async function publishDraft(db: Db, surveyId: string, n = 1) {
	const survey = (await surveyAdmin.byId(db, surveyId))!;
	await db
		.insertInto('surveyVersions')
		.values({
			id: newId(),
			surveyId,
			version: n,
			definition: survey.draft!,
			publishedAt: '2026-11-30T03:00:00.000Z',
			publishedBy: null
		})
		.execute();
}

function envelope(definition: unknown, extra: Record<string, unknown> = {}) {
	return {
		format: 'ykien-survey',
		formatVersion: 1,
		exportedAt: '2026-12-01T00:00:00.000Z',
		survey: { name: 'Khảo sát nhập', code: 'X-1' },
		version: null,
		definition,
		...extra
	};
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

async function refusal(fn: () => Promise<unknown>) {
	try {
		await fn();
	} catch (e) {
		if (e instanceof AssignmentError) return e.problem;
		throw e;
	}
	throw new Error('expected a refusal');
}

describe('survey management', () => {
	it('creates a survey from a template or blank, as a draft with a unique code and no version', async () => {
		const db = await testDb();
		const { c1 } = await smallTree(db);
		const a = await surveyAdmin.create(db, {
			name: '  Đánh giá tại quầy 2027 ',
			start: 'desk4',
			ownerUnitId: c1.id,
			createdBy: null
		});
		const b = await surveyAdmin.create(db, {
			name: 'Đánh giá tại quầy 2027',
			start: 'blank',
			ownerUnitId: null,
			createdBy: null
		});
		expect(a.name).toBe('Đánh giá tại quầy 2027');
		expect(a.code).toMatch(/^DANH-GIA-TAI-QUAY-2027-[A-Z2-9]{4}$/);
		expect(b.code).not.toBe(a.code);
		expect(a.template).toBe('desk4');
		expect(b.template).toBeNull();
		expect(JSON.parse(a.draft!)).toEqual(templateDefinition('desk4'));
		const blank = JSON.parse(b.draft!);
		expect(blank.questions).toHaveLength(1);
		expect(blank.questions[0]).toEqual(templateDefinition('desk3').questions[0]);
		expect(blank.questions[0].levels).toHaveLength(3);

		const detail = await surveyAdmin.detail(db, a.id, { withinId: null, today: TODAY });
		expect(detail?.versions).toEqual([]);
		expect(detail?.draftQuestions).toBe(6);
		expect(detail?.ownerUnitName).toBe('Xã Tân Bình');
	});

	it('lists shared surveys and those of the scope, with version, draft and assignments in force', async () => {
		const db = await testDb();
		const { d, c1, c2, p2 } = await smallTree(db);
		const shared = await publishTemplate(db, d.id, 'desk3');
		const own = await surveyAdmin.create(db, {
			name: 'Phiếu Tân Bình',
			start: 'smiley',
			ownerUnitId: c1.id,
			createdBy: null
		});
		const other = await surveyAdmin.create(db, {
			name: 'Phiếu Cần Thơ',
			start: 'sipas',
			ownerUnitId: p2.id,
			createdBy: null
		});
		await publishDraft(db, own.id, 1);
		await publishDraft(db, own.id, 2);
		await assignments.assign(
			db,
			{ surveyId: own.id, unitId: c1.id, channel: 'web', validFrom: TODAY, validTo: null },
			TODAY
		);

		const forC1 = await surveyAdmin.list(db, {
			withinId: c1.id,
			today: TODAY,
			limit: 10,
			offset: 0
		});
		expect(forC1.total).toBe(2);
		const byId = new Map(forC1.rows.map((r) => [r.id, r]));
		expect(byId.get(own.id)).toMatchObject({
			latestVersion: 2,
			hasDraft: true,
			assignmentsInForce: 1,
			ownerUnitName: 'Xã Tân Bình'
		});
		expect(byId.get(shared.surveyId)).toMatchObject({
			latestVersion: 1,
			hasDraft: false,
			assignmentsInForce: 1,
			ownerUnitId: null
		});
		expect(byId.has(other.id)).toBe(false);

		const forC2 = await surveyAdmin.list(db, {
			withinId: c2.id,
			today: TODAY,
			limit: 10,
			offset: 0
		});
		expect(forC2.rows.map((r) => r.id)).toEqual([shared.surveyId]);
		const all = await surveyAdmin.list(db, { withinId: null, today: TODAY, limit: 2, offset: 2 });
		expect(all.total).toBe(3);
		expect(all.rows).toHaveLength(1);

		// The guard agrees with the list: a viewer sees, only a manager of the subtree edits.
		const viewer = person('viewer', c1.id);
		const managerD = person('manager', d.id);
		const managerC2 = person('manager', c2.id);
		expect(scopeRoot(viewer)).toBe(c1.id);
		expect(await canSeeSurvey(db, viewer, own)).toBe(true);
		expect(await canEditSurvey(db, viewer, own)).toBe(false);
		expect(await canEditSurvey(db, managerD, own)).toBe(true);
		expect(await canSeeSurvey(db, managerC2, own)).toBe(false);
		expect(await canEditSurvey(db, managerC2, { ownerUnitId: null })).toBe(false);
	});

	it('refuses an assignment of a survey that has no published version', async () => {
		const db = await testDb();
		const { c1 } = await smallTree(db);
		const s = await surveyAdmin.create(db, {
			name: 'Chưa xuất bản',
			start: 'desk3',
			ownerUnitId: c1.id,
			createdBy: null
		});
		const input = { surveyId: s.id, unitId: c1.id, channel: 'kiosk' as const };
		expect(
			await refusal(() =>
				assignments.assign(db, { ...input, validFrom: TODAY, validTo: null }, TODAY)
			)
		).toEqual({ code: 'no_version' });
		await publishDraft(db, s.id);
		expect(
			await refusal(() =>
				assignments.assign(db, { ...input, validFrom: TODAY, validTo: '2026-11-30' }, TODAY)
			)
		).toEqual({ code: 'dates_reversed' });
		expect(
			await refusal(() =>
				assignments.assign(db, { ...input, validFrom: '2026-11-30', validTo: null }, TODAY)
			)
		).toEqual({ code: 'starts_in_past' });
		const made = await assignments.assign(
			db,
			{ ...input, validFrom: TODAY, validTo: TODAY },
			TODAY
		);
		expect(made).toMatchObject({ unitId: c1.id, validFrom: TODAY, validTo: TODAY });
	});

	it('refuses overlapping dates on the same unit and channel, naming the other survey', async () => {
		const db = await testDb();
		const { d, c1 } = await smallTree(db);
		const first = await surveyAdmin.create(db, {
			name: 'Phiếu thứ nhất',
			start: 'desk3',
			ownerUnitId: null,
			createdBy: null
		});
		const second = await surveyAdmin.create(db, {
			name: 'Phiếu thứ hai',
			start: 'desk4',
			ownerUnitId: null,
			createdBy: null
		});
		await publishDraft(db, first.id);
		await publishDraft(db, second.id);
		const existing = await assignments.assign(
			db,
			{
				surveyId: first.id,
				unitId: c1.id,
				channel: 'kiosk',
				validFrom: '2027-01-01',
				validTo: '2027-03-31'
			},
			TODAY
		);
		const at = (validFrom: string, validTo: string | null, more = {}) => ({
			surveyId: second.id,
			unitId: c1.id,
			channel: 'kiosk' as const,
			validFrom,
			validTo,
			...more
		});

		// Overlaps: inside, across either end, open-ended from before the end, one shared day.
		for (const [from, to] of [
			['2027-02-01', '2027-02-10'],
			['2026-12-15', '2027-01-01'],
			['2027-03-31', '2027-06-30'],
			['2027-03-01', null]
		] as const) {
			const problem = await refusal(() => assignments.assign(db, at(from, to), TODAY));
			expect(problem).toEqual({
				code: 'conflict',
				conflict: {
					assignmentId: existing.id,
					surveyId: first.id,
					surveyName: 'Phiếu thứ nhất',
					surveyCode: first.code,
					validFrom: '2027-01-01',
					validTo: '2027-03-31'
				}
			});
		}
		// The same survey twice over the same days is a conflict too.
		expect(
			await refusal(() =>
				assignments.assign(db, { ...at('2027-01-10', null), surveyId: first.id }, TODAY)
			)
		).toMatchObject({ code: 'conflict' });

		// Not conflicts: disjoint dates, the other channel, a higher unit (it is overridden below).
		await assignments.assign(db, at('2027-04-01', null), TODAY);
		await assignments.assign(db, at('2026-12-01', '2026-12-31'), TODAY);
		await assignments.assign(db, at('2027-01-01', null, { channel: 'web' }), TODAY);
		await assignments.assign(db, at('2027-01-01', null, { unitId: d.id }), TODAY);

		// The lower unit's assignment wins there, the higher one elsewhere in its subtree.
		const atC1 = await versionInForce(db, c1.id, 'kiosk', '2027-02-01');
		expect(atC1?.surveyId).toBe(first.id);
		const atD = await versionInForce(db, d.id, 'kiosk', '2027-02-01');
		expect(atD?.surveyId).toBe(second.id);

		// An open-ended assignment blocks everything after it on that unit and channel.
		expect(
			await refusal(() => assignments.assign(db, at('2030-01-01', '2030-01-31'), TODAY))
		).toMatchObject({ code: 'conflict', conflict: { validFrom: '2027-04-01', validTo: null } });
	});

	it('ends an assignment without reaching into the past, deletes only one not yet started', async () => {
		const db = await testDb();
		const { c1 } = await smallTree(db);
		const s = await surveyAdmin.create(db, {
			name: 'Phiếu',
			start: 'desk3',
			ownerUnitId: null,
			createdBy: null
		});
		await publishDraft(db, s.id);
		const base = { surveyId: s.id, unitId: c1.id, channel: 'kiosk' as const };
		const running = await assignments.assign(
			db,
			{ ...base, validFrom: TODAY, validTo: '2027-06-30' },
			TODAY
		);
		const later = await assignments.assign(
			db,
			{ ...base, channel: 'web', validFrom: '2027-01-01', validTo: null },
			TODAY
		);
		expect(await refusal(() => assignments.end(db, running.id, '2026-11-29', TODAY))).toEqual({
			code: 'end_before_start'
		});
		expect(await refusal(() => assignments.end(db, running.id, '2027-07-01', TODAY))).toEqual({
			code: 'end_after_end'
		});
		expect(await refusal(() => assignments.remove(db, running.id, TODAY))).toEqual({
			code: 'already_started'
		});
		expect((await assignments.end(db, running.id, TODAY, TODAY)).validTo).toBe(TODAY);
		expect((await assignments.byId(db, running.id))?.validTo).toBe(TODAY);
		// Seen on 5/1/2027: yesterday is as far back as an end may go.
		expect(await refusal(() => assignments.end(db, later.id, '2027-01-03', '2027-01-05'))).toEqual({
			code: 'end_in_past'
		});

		await assignments.remove(db, later.id, TODAY);
		expect(await assignments.byId(db, later.id)).toBeUndefined();
		expect(await refusal(() => assignments.remove(db, later.id, TODAY))).toEqual({
			code: 'not_found'
		});

		const rows = await assignments.ofSurvey(db, s.id, { withinId: null, today: TODAY });
		expect(rows.map((r) => [r.unitName, r.channel, r.state, r.inScope])).toEqual([
			['Xã Tân Bình', 'kiosk', 'in_force', true]
		]);
	});

	it('shows a scoped caller the assignments of their subtree and of the units above it', async () => {
		const db = await testDb();
		const { p, d, c1, c2 } = await smallTree(db);
		const s = await surveyAdmin.create(db, {
			name: 'Phiếu',
			start: 'desk3',
			ownerUnitId: null,
			createdBy: null
		});
		await publishDraft(db, s.id);
		for (const unitId of [p.id, c1.id, c2.id]) {
			await assignments.assign(
				db,
				{ surveyId: s.id, unitId, channel: 'kiosk', validFrom: TODAY, validTo: null },
				TODAY
			);
		}
		const rows = await assignments.ofSurvey(db, s.id, { withinId: c1.id, today: TODAY });
		expect(rows.map((r) => [r.unitName, r.inScope]).sort()).toEqual([
			['Tỉnh Hậu Giang', false],
			['Xã Tân Bình', true]
		]);
		const fromD = await assignments.ofSurvey(db, s.id, { withinId: d.id, today: TODAY });
		expect(fromD).toHaveLength(3);
	});
});

describe('survey files', () => {
	const problemsOf = (value: unknown): ImportProblem[] => {
		const read = readEnvelope(value instanceof Uint8Array ? value : bytes(value));
		return read.ok ? [] : read.problems;
	};

	it('refuses a file over 256 KB, an empty file, non-UTF-8 and non-JSON', () => {
		const huge = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x20);
		expect(problemsOf(huge)).toEqual([{ code: 'too_large' }]);
		expect(problemsOf(new Uint8Array())).toEqual([{ code: 'empty' }]);
		expect(problemsOf(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual([{ code: 'not_utf8' }]);
		expect(problemsOf(new TextEncoder().encode('{"format": '))).toEqual([{ code: 'not_json' }]);
		expect(problemsOf([1, 2])).toEqual([{ code: 'not_object' }]);
	});

	it('refuses a wrong format or format version, and unknown envelope fields', () => {
		const def = templateDefinition('smiley');
		expect(problemsOf({ ...envelope(def), format: 'other' })).toEqual([{ code: 'wrong_format' }]);
		expect(problemsOf({ ...envelope(def), formatVersion: 2 })).toEqual([
			{ code: 'wrong_format_version' }
		]);
		expect(problemsOf(envelope(def, { survey: { name: ' ' }, version: 0, extra: true }))).toEqual([
			{ code: 'field', path: 'extra', message: 'unknown field' },
			{ code: 'field', path: 'survey.name', message: 'is required' },
			{ code: 'field', path: 'version', message: 'must be null or a whole number from 1' }
		]);
	});

	it('refuses script in a label and an unknown question type, with paths', () => {
		const def = templateDefinition('desk3');
		def.questions[2].prompt.vi = '<script>alert(1)</script>';
		const unknown = {
			...templateDefinition('smiley'),
			questions: [
				...templateDefinition('smiley').questions,
				{ key: 'x', type: 'video', prompt: { vi: 'Quay video' } }
			]
		};
		expect(problemsOf(envelope(def))).toEqual([
			{
				code: 'field',
				path: 'questions[2].prompt.vi',
				message: 'must be plain text (no < or > or control characters)'
			}
		]);
		expect(problemsOf(envelope(unknown))).toEqual([
			{ code: 'field', path: 'questions[1].type', message: 'unknown question type' }
		]);
		expect(problemsOf(envelope(def, { definition: undefined }))).toEqual([
			{ code: 'field', path: 'definition', message: 'is required' }
		]);
	});

	it('round-trips a published version and a draft through export and import', async () => {
		const db = await testDb();
		const { c1 } = await smallTree(db);
		const s = await surveyAdmin.create(db, {
			name: 'Khảo sát SIPAS 2027',
			start: 'sipas',
			ownerUnitId: c1.id,
			createdBy: null
		});
		await publishDraft(db, s.id, 1);
		const now = new Date('2026-12-01T01:02:03.000Z');
		const file = await surveyAdmin.exportSurvey(db, s, 1, now);
		expect(file?.filename).toBe(`survey-${s.code}-v1.json`);
		expect(file?.envelope).toMatchObject({
			format: 'ykien-survey',
			formatVersion: 1,
			exportedAt: '2026-12-01T01:02:03.000Z',
			survey: { name: 'Khảo sát SIPAS 2027', code: s.code },
			version: 1
		});
		expect(await surveyAdmin.exportSurvey(db, s, 2)).toBeNull();
		const draft = await surveyAdmin.exportSurvey(db, s, null);
		expect(draft?.filename).toBe(`survey-${s.code}-draft.json`);

		const imported = await surveyAdmin.importSurvey(db, bytes(file!.envelope), {
			ownerUnitId: null,
			createdBy: null
		});
		if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
		expect(imported.source).toEqual({ code: s.code, version: 1 });
		expect(imported.survey.name).toBe('Khảo sát SIPAS 2027');
		expect(imported.survey.code).not.toBe(s.code);
		expect(imported.survey.ownerUnitId).toBeNull();
		expect(JSON.parse(imported.survey.draft!)).toEqual(templateDefinition('sipas'));
		const again = await surveyAdmin.exportSurvey(db, imported.survey, null);
		expect(again?.envelope.definition).toEqual(file?.envelope.definition);

		const refused = await surveyAdmin.importSurvey(db, bytes({ ...file!.envelope, format: 'x' }), {
			ownerUnitId: null,
			createdBy: null
		});
		expect(refused).toEqual({ ok: false, problems: [{ code: 'wrong_format' }] });
		const count = await db
			.selectFrom('surveys')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirst();
		expect(Number(count?.n)).toBe(2);
	});
});
