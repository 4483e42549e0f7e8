import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { templateDefinition } from '../../src/lib/domain/templates';
import { ingest } from '../../src/lib/server/ingest';
import * as held from '../../src/lib/server/phone-held';
import * as phone from '../../src/lib/server/phone-survey';
import * as webLinks from '../../src/lib/server/web-links';
import { publishTemplate, smallTree, testDb } from './helpers';

// Tuesday 2026-03-03, 09:00 in Vietnam (02:00 UTC).
const NOW = new Date('2026-03-03T02:00:00.000Z');
const hoursLater = (h: number) => new Date(NOW.getTime() + h * 3600_000);

async function setup(template: 'desk3' | 'sipas' = 'desk3') {
	const db = await testDb();
	const tree = await smallTree(db);
	const { surveyId, versionId } = await publishTemplate(db, tree.d.id, template, 'web');
	await db
		.insertInto('counters')
		.values({
			id: 'counter-2',
			unitId: tree.c1.id,
			number: 2,
			name: 'Quầy 2 – Hộ tịch',
			createdAt: NOW.toISOString(),
			updatedAt: NOW.toISOString()
		})
		.execute();
	const code = await webLinks.ensureLink(db, tree.c1.id, 'counter-2', NOW);
	const opened = await phone.open(db, code, NOW);
	if (!opened?.version) throw new Error('the link should serve the published survey');
	const withVersion = { ...opened, version: opened.version };
	return { db, tree, surveyId, versionId, code, opened: withVersion };
}

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [k, v] of entries) form.append(k, v);
	return form;
}

describe('opening a link', () => {
	it('serves the web survey in force up the tree, with the counter number', async () => {
		const { opened, versionId, tree } = await setup();
		expect(opened.version.id).toBe(versionId);
		expect(opened.link.unitId).toBe(tree.c1.id);
		expect(opened.link.unitName).toBe('Xã Tân Bình');
		expect(opened.counterNumber).toBe(2);
	});

	it('refuses unknown, malformed and revoked codes', async () => {
		const { db, code } = await setup();
		expect(await phone.open(db, 'zzzzzzzz', NOW)).toBeUndefined();
		expect(await phone.open(db, '../etc', NOW)).toBeUndefined();
		await db
			.updateTable('webLinks')
			.set({ revokedAt: NOW.toISOString() })
			.where('code', '=', code)
			.execute();
		expect(await phone.open(db, code, NOW)).toBeUndefined();
	});

	it('has no survey where none is assigned to the web channel', async () => {
		const { db, tree } = await setup();
		const code = await webLinks.ensureLink(db, tree.p2.id, null, NOW);
		const opened = await phone.open(db, code, NOW);
		expect(opened?.version).toBeNull();
		expect(opened?.counterNumber).toBeNull();
	});
});

describe('follow-up questions', () => {
	it('asks the desk survey reasons, comment and phone only after the lowest level', () => {
		const def = templateDefinition('desk3');
		expect(phone.followUps(def, 1).map((q) => q.key)).toEqual(['reasons', 'comment', 'phone']);
		expect(phone.followUps(def, 2)).toEqual([]);
		expect(phone.followUps(def, 3)).toEqual([]);
		expect(phone.parseRating(def, '3')).toBe(3);
		expect(phone.parseRating(def, '4')).toBeNull();
		expect(phone.parseRating(def, '1.0')).toBeNull();
		expect(phone.parseRating(def, null)).toBeNull();
	});

	it('groups the SIPAS criteria into the five sections, the comment after them', () => {
		const def = templateDefinition('sipas');
		const groups = phone.groupBySection(def, phone.followUps(def, 5));
		expect(groups.map((g) => g.title?.vi ?? null)).toEqual([
			'I. Tiếp cận dịch vụ',
			'II. Thủ tục hành chính',
			'III. Công chức',
			'IV. Kết quả giải quyết',
			'V. Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị',
			null
		]);
		expect(groups.map((g) => g.questions.length)).toEqual([4, 4, 5, 3, 3, 1]);
		expect(groups[5].questions[0].key).toBe('comment');
	});

	it('reads chips, comment and phone; a number without the ticked box is sent back', () => {
		const questions = phone.followUps(templateDefinition('desk3'), 1);
		const withConsent = phone.readFollowUps(
			questions,
			formOf([
				['q_reasons', 'wait'],
				['q_reasons', 'guidance'],
				['q_comment', 'Chờ hơn một giờ'],
				['q_phone', '0912 345 678'],
				['phone_consent', 'on']
			])
		);
		expect(withConsent.errors).toEqual({});
		expect(withConsent.phoneConsent).toBe(true);
		expect(withConsent.answers).toEqual({
			reasons: ['wait', 'guidance'],
			comment: 'Chờ hơn một giờ',
			phone: '0912 345 678'
		});

		const without = phone.readFollowUps(
			questions,
			formOf([
				['q_comment', 'Chờ lâu'],
				['q_phone', '0912345678']
			])
		);
		expect(without.errors).toEqual({ phone: 'needs_consent' });
		expect(without.answers).toEqual({ comment: 'Chờ lâu' });
		expect(without.values).toEqual({ q_reasons: [], q_comment: 'Chờ lâu', q_phone: '0912345678' });
	});
});

describe('submitting', () => {
	it('records a web response at the link place, once per browser within the window', async () => {
		const { db, opened, tree, surveyId } = await setup();
		const browser = webLinks.browserKeyOf(webLinks.newBrowserCookie());
		const id = randomUUID();
		const input = { id, answers: { satisfaction: 3 }, phoneConsent: false, locale: 'vi' as const };
		expect(await phone.submit(db, opened, input, browser, NOW)).toEqual({ kind: 'done', id });

		const row = await db
			.selectFrom('responses')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			channel: 'web',
			unitId: tree.c1.id,
			counterId: 'counter-2',
			kioskId: null,
			mainLevel: 3,
			satisfied: 1,
			locale: 'vi'
		});
		const marks = await db.selectFrom('webAnswerMarks').selectAll().execute();
		expect(marks).toEqual([
			{ linkCode: opened.link.code, surveyId, browserKey: browser, answeredAt: NOW.toISOString() }
		]);

		// A double submit of the same form is done again, and stores nothing more.
		const later = new Date(NOW.getTime() + 2000);
		expect(await phone.submit(db, opened, input, browser, later)).toEqual({ kind: 'done', id });
		// A new answer from the same browser within 24 h is refused; another browser may answer.
		const again = { ...input, id: randomUUID() };
		expect(await phone.submit(db, opened, again, browser, hoursLater(23))).toEqual({
			kind: 'already'
		});
		expect(await phone.alreadyAnswered(db, opened, browser, hoursLater(23))).toBe(true);
		const other = webLinks.browserKeyOf(webLinks.newBrowserCookie());
		expect(await phone.alreadyAnswered(db, opened, other, hoursLater(23))).toBe(false);
		expect(
			(await phone.submit(db, opened, { ...again, id: randomUUID() }, other, hoursLater(1))).kind
		).toBe('done');
		// After the window the first browser may answer again.
		expect(await phone.alreadyAnswered(db, opened, browser, hoursLater(24))).toBe(false);
		expect((await phone.submit(db, opened, again, browser, hoursLater(25))).kind).toBe('done');
		const count = await db
			.selectFrom('responses')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(3);
	});

	it('honours a shorter repeat window set on the link', async () => {
		const { db, opened } = await setup();
		await db
			.updateTable('webLinks')
			.set({ repeatWindowHours: 2 })
			.where('code', '=', opened.link.code)
			.execute();
		const reopened = await phone.open(db, opened.link.code, NOW);
		const withVersion = { ...reopened!, version: reopened!.version! };
		const browser = webLinks.browserKeyOf(webLinks.newBrowserCookie());
		const base = { answers: { satisfaction: 2 }, phoneConsent: false, locale: 'vi' as const };
		await phone.submit(db, withVersion, { ...base, id: randomUUID() }, browser, NOW);
		expect(await phone.alreadyAnswered(db, withVersion, browser, hoursLater(1.5))).toBe(true);
		expect(await phone.alreadyAnswered(db, withVersion, browser, hoursLater(2))).toBe(false);
	});

	it('opens a follow-up case with the phone only when consent is given', async () => {
		const { db, opened, tree } = await setup();
		const id = randomUUID();
		const result = await phone.submit(
			db,
			opened,
			{
				id,
				answers: {
					satisfaction: 1,
					reasons: ['wait'],
					comment: 'Chờ lâu',
					phone: '+84 912 345 678'
				},
				phoneConsent: true,
				startedAt: new Date(NOW.getTime() - 40_000).toISOString(),
				locale: 'en'
			},
			webLinks.browserKeyOf(webLinks.newBrowserCookie()),
			NOW
		);
		expect(result).toEqual({ kind: 'done', id });
		const cases = await db
			.selectFrom('followUpCases')
			.selectAll()
			.where('responseId', '=', id)
			.execute();
		expect(cases).toHaveLength(1);
		expect(cases[0]).toMatchObject({ unitId: tree.c1.id, phone: '0912345678', status: 'new' });
		const row = await db
			.selectFrom('responses')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.durationMs).toBe(40_000);
		expect(row.locale).toBe('en');

		const id2 = randomUUID();
		await phone.submit(
			db,
			opened,
			{
				id: id2,
				answers: { satisfaction: 1, phone: '0912345678' },
				phoneConsent: false,
				locale: 'vi'
			},
			webLinks.browserKeyOf(webLinks.newBrowserCookie()),
			NOW
		);
		expect(
			await db.selectFrom('followUpCases').selectAll().where('responseId', '=', id2).execute()
		).toEqual([]);
		const stored = await db
			.selectFrom('responseAnswers')
			.selectAll()
			.where('responseId', '=', id2)
			.execute();
		expect(stored.map((a) => a.questionKey)).toEqual(['satisfaction']);
	});

	it('turns record() errors into field codes and keeps a bad start time out', async () => {
		const { db, opened } = await setup();
		const browser = webLinks.browserKeyOf(webLinks.newBrowserCookie());
		const bad = await phone.submit(
			db,
			opened,
			{
				id: randomUUID(),
				answers: { satisfaction: 1, reasons: ['nope'], comment: 'x'.repeat(1001), phone: '12345' },
				phoneConsent: true,
				locale: 'vi'
			},
			browser,
			NOW
		);
		expect(bad).toEqual({
			kind: 'invalid',
			errors: { reasons: 'invalid', comment: 'too_long', phone: 'phone_invalid' }
		});
		const missing = await phone.submit(
			db,
			opened,
			{ id: randomUUID(), answers: {}, phoneConsent: false, locale: 'vi' },
			browser,
			NOW
		);
		expect(missing).toEqual({ kind: 'invalid', errors: { satisfaction: 'required' } });
		// Nothing was stored, so the browser is not marked.
		expect(await phone.alreadyAnswered(db, opened, browser, NOW)).toBe(false);

		const id = randomUUID();
		await phone.submit(
			db,
			opened,
			{
				id,
				answers: { satisfaction: 2 },
				phoneConsent: false,
				startedAt: 'yesterday',
				locale: 'vi'
			},
			browser,
			NOW
		);
		const row = await db
			.selectFrom('responses')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.startedAt).toBeNull();
	});

	it('keeps a SIPAS answer with its section items', async () => {
		const { db, opened } = await setup('sipas');
		const id = randomUUID();
		const questions = phone.followUps(opened.version.definition, 4);
		const read = phone.readFollowUps(
			questions,
			formOf([
				['q_sipas_1_1', '5'],
				['q_sipas_3_2', '2']
			])
		);
		const result = await phone.submit(
			db,
			opened,
			{ id, answers: { ...read.answers, satisfaction: 4 }, phoneConsent: false, locale: 'vi' },
			webLinks.browserKeyOf(webLinks.newBrowserCookie()),
			NOW
		);
		expect(result).toEqual({ kind: 'done', id });
		const stored = await db
			.selectFrom('responseAnswers')
			.select(['questionKey', 'valueInt'])
			.where('responseId', '=', id)
			.orderBy('questionKey')
			.execute();
		expect(stored).toEqual([
			{ questionKey: 'satisfaction', valueInt: 4 },
			{ questionKey: 'sipas_1_1', valueInt: 5 },
			{ questionKey: 'sipas_3_2', valueInt: 2 }
		]);
	});
});

describe('a rating left on the second step', () => {
	const minutesLater = (m: number) => new Date(NOW.getTime() + m * 60_000);
	const stored = (db: Awaited<ReturnType<typeof setup>>['db']) =>
		db.selectFrom('responses').select(['id', 'mainLevel', 'submittedAt']).execute();
	const heldCount = async (db: Awaited<ReturnType<typeof setup>>['db']) =>
		(await db.selectFrom('webHeldRatings').select('id').execute()).length;

	it('is recorded on its own, at the time it was given, once the hold is over', async () => {
		const { db, opened } = await setup();
		const id = randomUUID();
		const tap = { id, rating: 1, locale: 'vi' as const, startedAt: NOW.toISOString() };
		await phone.holdFirstTap(db, opened, tap, 'browser-a', NOW);
		await phone.holdFirstTap(db, opened, tap, 'browser-a', minutesLater(1));
		expect(await held.sweep(db, minutesLater(29))).toBe(0);
		expect(await stored(db)).toEqual([]);

		expect(await held.sweep(db, minutesLater(31))).toBe(1);
		expect(await stored(db)).toEqual([{ id, mainLevel: 1, submittedAt: NOW.toISOString() }]);
		expect(await heldCount(db)).toBe(0);
		// The browser counts as having answered: the link says so for the repeat window.
		expect(await phone.alreadyAnswered(db, opened, 'browser-a', minutesLater(32))).toBe(true);
		expect(await held.sweep(db, minutesLater(60))).toBe(0);
	});

	it('is recorded once, with its follow-ups, when the second step is sent', async () => {
		const { db, opened } = await setup();
		const id = randomUUID();
		const tap = { id, rating: 1, locale: 'vi' as const, startedAt: undefined };
		await phone.holdFirstTap(db, opened, tap, 'browser-b', NOW);
		const result = await phone.submit(
			db,
			opened,
			{ id, answers: { satisfaction: 1, comment: 'Chờ lâu' }, phoneConsent: false, locale: 'vi' },
			'browser-b',
			minutesLater(3)
		);
		expect(result).toEqual({ kind: 'done', id });
		expect(await heldCount(db)).toBe(0);
		expect(await held.sweep(db, minutesLater(40))).toBe(0);
		const rows = await stored(db);
		expect(rows.map((r) => r.id)).toEqual([id]);
		const answers = await db
			.selectFrom('responseAnswers')
			.select('questionKey')
			.where('responseId', '=', id)
			.orderBy('questionKey')
			.execute();
		expect(answers.map((a) => a.questionKey)).toEqual(['comment', 'satisfaction']);
	});

	it('stays held while the writer cannot record, and is recorded once it can', async () => {
		const { db, opened } = await setup();
		const id = randomUUID();
		const tap = { id, rating: 1, locale: 'vi' as const, startedAt: undefined };
		await phone.holdFirstTap(db, opened, tap, 'browser-c', NOW);
		const down = vi
			.spyOn(ingest(db), 'record')
			.mockRejectedValue(new Error('flushing the WAL failed'));
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			expect(await held.sweep(db, minutesLater(31))).toBe(0);
			expect(await heldCount(db)).toBe(1);
			// The resident sending the second step meanwhile is told, and nothing is marked.
			const result = await phone.submit(
				db,
				opened,
				{ id, answers: { satisfaction: 1 }, phoneConsent: false, locale: 'vi' },
				'browser-c',
				minutesLater(32)
			);
			expect(result).toEqual({ kind: 'failed', code: 'unavailable' });
			expect(await phone.alreadyAnswered(db, opened, 'browser-c', minutesLater(32))).toBe(false);
		} finally {
			down.mockRestore();
			quiet.mockRestore();
		}
		expect(await held.sweep(db, minutesLater(33))).toBe(1);
		expect(await stored(db)).toEqual([{ id, mainLevel: 1, submittedAt: NOW.toISOString() }]);
		expect(await heldCount(db)).toBe(0);
	});
});

describe('a long survey page by page', () => {
	const minutesLater = (m: number) => new Date(NOW.getTime() + m * 60_000);

	it('makes one page per section, and the questions after them share one page', async () => {
		const { opened } = await setup('sipas');
		const pages = phone.followUpPages(opened.version.definition, 4);
		expect(pages.map((p) => p.map((g) => g.title?.vi ?? g.key))).toEqual([
			['I. Tiếp cận dịch vụ'],
			['II. Thủ tục hành chính'],
			['III. Công chức'],
			['IV. Kết quả giải quyết'],
			[expect.stringMatching(/^V\./)],
			['_comment']
		]);
		// Below "Hài lòng", the "why" chips are a page of their own, first, as at the desk.
		const low = phone.followUpPages(opened.version.definition, 3);
		expect(low.map((p) => p.map((g) => g.title?.vi ?? g.key))[0]).toEqual(['_reasons']);
		expect(low).toHaveLength(7);
		// The desk survey after a low rating: reasons, comment and number on one page, as now.
		const desk = templateDefinition('desk3');
		expect(
			phone.followUpPages(desk, 1).map((p) => p.flatMap((g) => g.questions.map((q) => q.key)))
		).toEqual([['reasons', 'comment', 'phone']]);
	});

	it('keeps each page sent with the held tap; a page sent again replaces its answers', async () => {
		const { db, opened } = await setup('sipas');
		const id = randomUUID();
		const tap = { id, rating: 2, locale: 'vi' as const, startedAt: undefined };
		await phone.holdFirstTap(db, opened, tap, 'browser-p', NOW);
		expect(
			await held.keepPage(db, id, 'browser-p', ['sipas_1_1', 'sipas_1_2'], { sipas_1_1: 5 })
		).toBe(true);
		expect(await held.keepPage(db, id, 'browser-p', ['sipas_2_1'], { sipas_2_1: 1 })).toBe(true);
		expect(await held.keepPage(db, id, 'browser-p', ['sipas_2_1'], { sipas_2_1: 2 })).toBe(true);
		// Another browser cannot add to this resident's answer.
		expect(await held.keepPage(db, id, 'browser-q', ['sipas_3_1'], { sipas_3_1: 1 })).toBe(false);
		expect(await held.heldAnswers(db, id, 'browser-p')).toEqual({ sipas_1_1: 5, sipas_2_1: 2 });
		expect(await held.heldAnswers(db, id, 'browser-q')).toBeNull();

		// Left on page 3: the sweep records the rating with the two pages sent.
		expect(await held.sweep(db, minutesLater(31))).toBe(1);
		const answers = await db
			.selectFrom('responseAnswers')
			.select(['questionKey', 'valueInt'])
			.where('responseId', '=', id)
			.orderBy('questionKey')
			.execute();
		expect(answers.map((a) => [a.questionKey, a.valueInt])).toEqual([
			['satisfaction', 2],
			['sipas_1_1', 5],
			['sipas_2_1', 2]
		]);
	});
});
