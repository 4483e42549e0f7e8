import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index';
import * as counters from '../../src/lib/server/counters';
import * as officers from '../../src/lib/server/officers';
import * as kiosks from '../../src/lib/server/kiosks';
import { newId } from '../../src/lib/server/ids';
import { publishTemplate, smallTree, testDb } from './helpers';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const WEBP = new Uint8Array(
	[...'RIFF']
		.map((c) => c.charCodeAt(0))
		.concat(
			[0x24, 0, 0, 0],
			[...'WEBPVP8 '].map((c) => c.charCodeAt(0))
		)
);
const GIF = new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)));

/** One kiosk response at a unit, naming a counter and an officer. */
async function respond(db: Db, unitId: string, counterId: string | null, officerId: string | null) {
	const { versionId } = await publishTemplate(db, unitId);
	const at = '2026-03-02T02:00:00.000Z';
	await db
		.insertInto('responses')
		.values({
			id: newId(),
			surveyVersionId: versionId,
			unitId,
			counterId,
			officerId,
			procedureFieldId: null,
			kioskId: null,
			channel: 'kiosk',
			startedAt: null,
			submittedAt: at,
			receivedAt: at,
			durationMs: null,
			localDate: '2026-03-02',
			localHour: 9,
			weekday: 1,
			mainLevel: 3,
			mainLevels: 3,
			satisfied: 1,
			locale: 'vi'
		})
		.execute();
}

describe('counters', () => {
	it('creates, edits and refuses a number taken in the same unit only', async () => {
		const db = await testDb();
		const { c1, c2 } = await smallTree(db);
		const one = await counters.create(db, c1.id, { number: 1, name: ' Quầy 1 – Hộ tịch ' });
		const row = await db
			.selectFrom('counters')
			.selectAll()
			.where('id', '=', one.id)
			.executeTakeFirst();
		expect(row).toMatchObject({ unitId: c1.id, number: 1, name: 'Quầy 1 – Hộ tịch', active: 1 });

		await expect(counters.create(db, c1.id, { number: 1, name: 'Khác' })).rejects.toMatchObject({
			code: 'number_taken'
		});
		await counters.create(db, c2.id, { number: 1, name: 'Quầy 1' });
		const two = await counters.create(db, c1.id, { number: 2, name: 'Quầy 2' });
		await expect(counters.update(db, two.id, { number: 1, name: 'Quầy 2' })).rejects.toMatchObject({
			code: 'number_taken'
		});
		await counters.update(db, two.id, { number: 5, name: 'Quầy 5 – Đất đai' });
		expect(await counters.byId(db, two.id)).toMatchObject({ number: 5, name: 'Quầy 5 – Đất đai' });
		// Its own number is not "taken" by itself.
		await counters.update(db, two.id, { number: 5, name: 'Quầy năm' });
		expect((await counters.byId(db, two.id))?.name).toBe('Quầy năm');
	});

	it('deactivates one with history and deletes only unused ones', async () => {
		const db = await testDb();
		const { c1 } = await smallTree(db);
		const used = await counters.create(db, c1.id, { number: 1, name: 'Quầy 1' });
		const spare = await counters.create(db, c1.id, { number: 2, name: 'Quầy 2' });
		const withKiosk = await counters.create(db, c1.id, { number: 3, name: 'Quầy 3' });
		await kiosks.create(db, { unitId: c1.id, counterId: withKiosk.id, name: 'Kiosk 3' });
		const seated = await officers.create(db, c1.id, {
			fullName: 'Lê Văn Tám',
			title: 'Công chức',
			counterId: spare.id
		});
		await respond(db, c1.id, used.id, null);

		expect(await counters.usage(db, used)).toEqual({
			responses: 1,
			kiosks: 0,
			webLinks: 0,
			officers: 0
		});
		expect(await counters.usage(db, spare)).toEqual({
			responses: 0,
			kiosks: 0,
			webLinks: 0,
			officers: 1
		});
		await expect(counters.remove(db, used.id)).rejects.toMatchObject({ code: 'in_use' });
		await expect(counters.remove(db, withKiosk.id)).rejects.toMatchObject({ code: 'in_use' });
		expect(await counters.byId(db, used.id)).toBeDefined();

		await counters.setActive(db, used.id, false);
		expect((await counters.byId(db, used.id))?.active).toBe(0);
		await counters.setActive(db, used.id, true);
		expect((await counters.byId(db, used.id))?.active).toBe(1);

		expect(await counters.countInUnit(db, c1.id)).toBe(3);
		await counters.remove(db, spare.id);
		expect(await counters.byId(db, spare.id)).toBeUndefined();
		expect(await counters.countInUnit(db, c1.id)).toBe(2);
		expect((await officers.byId(db, seated.id))?.counterId).toBeNull();
	});

	it('lists counters of a unit or a scope, searched without diacritics, paged', async () => {
		const db = await testDb();
		const { p, c1, c2, p2 } = await smallTree(db);
		const a = await counters.create(db, c1.id, { number: 1, name: 'Hộ tịch' });
		await counters.create(db, c1.id, { number: 2, name: 'Chứng thực' });
		await counters.create(db, c2.id, { number: 1, name: 'Đất đai' });
		await officers.create(db, c1.id, { fullName: 'A', title: 'B', counterId: a.id });

		const own = await counters.list(db, { unitId: c1.id, limit: 10, offset: 0 });
		expect(own.rows.map((r) => [r.number, r.name, r.officerCount])).toEqual([
			[1, 'Hộ tịch', 1],
			[2, 'Chứng thực', 0]
		]);
		const found = await counters.list(db, {
			withinId: p.id,
			query: 'ho tich',
			limit: 10,
			offset: 0
		});
		expect(found.rows.map((r) => r.id)).toEqual([a.id]);
		const byUnit = await counters.list(db, {
			withinId: p.id,
			query: 'hoa an',
			limit: 10,
			offset: 0
		});
		expect(byUnit.rows.map((r) => r.name)).toEqual(['Đất đai']);
		const dat = await counters.list(db, { query: 'dat dai', limit: 10, offset: 0 });
		expect(dat.total).toBe(1);
		expect((await counters.list(db, { withinId: p2.id, limit: 10, offset: 0 })).total).toBe(0);
		const paged = await counters.list(db, { withinId: p.id, limit: 2, offset: 2 });
		expect(paged.total).toBe(3);
		expect(paged.rows.length).toBe(1);
	});
});

describe('officers', () => {
	it('recognises photos by their bytes and refuses other files and big ones', () => {
		expect(officers.detectImageType(JPEG)).toBe('image/jpeg');
		expect(officers.detectImageType(PNG)).toBe('image/png');
		expect(officers.detectImageType(WEBP)).toBe('image/webp');
		expect(officers.detectImageType(GIF)).toBeNull();
		expect(officers.detectImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
		expect(officers.checkPhoto(new Uint8Array())).toBe('photo_empty');
		expect(officers.checkPhoto(GIF)).toBe('photo_type');
		const big = new Uint8Array(officers.MAX_PHOTO_BYTES + 1);
		big.set(JPEG);
		expect(officers.checkPhoto(big)).toBe('photo_size');
		const limit = new Uint8Array(officers.MAX_PHOTO_BYTES);
		limit.set(PNG);
		expect(officers.checkPhoto(limit)).toMatchObject({ mime: 'image/png' });
	});

	it('creates, edits, seats at a counter of its own unit only, stores the photo', async () => {
		const db = await testDb();
		const { c1, c2 } = await smallTree(db);
		const mine = await counters.create(db, c1.id, { number: 1, name: 'Quầy 1' });
		const theirs = await counters.create(db, c2.id, { number: 1, name: 'Quầy 1' });
		const o = await officers.create(db, c1.id, {
			fullName: ' Nguyễn Thị Lan ',
			title: 'Công chức Tư pháp – Hộ tịch',
			counterId: mine.id,
			photo: { mime: 'image/jpeg', bytes: JPEG }
		});
		const row = await db
			.selectFrom('officers')
			.selectAll()
			.where('id', '=', o.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			unitId: c1.id,
			counterId: mine.id,
			fullName: 'Nguyễn Thị Lan',
			searchText: 'nguyen thi lan',
			photoMime: 'image/jpeg',
			active: 1
		});
		expect([...row.photo!]).toEqual([...JPEG]);

		await expect(
			officers.create(db, c1.id, { fullName: 'X', title: 'Y', counterId: theirs.id })
		).rejects.toMatchObject({ code: 'counter_elsewhere' });
		await expect(
			officers.update(db, o.id, { fullName: 'X', title: 'Y', counterId: theirs.id })
		).rejects.toMatchObject({ code: 'counter_elsewhere' });

		await officers.update(db, o.id, {
			fullName: 'Trần Văn Đức',
			title: 'Phó Chủ tịch',
			counterId: null
		});
		expect(await officers.byId(db, o.id)).toMatchObject({
			fullName: 'Trần Văn Đức',
			title: 'Phó Chủ tịch',
			counterId: null,
			hasPhoto: true
		});
		const found = await officers.list(db, {
			withinId: c1.id,
			query: 'tran van duc',
			limit: 5,
			offset: 0
		});
		expect(found.rows.map((r) => r.id)).toEqual([o.id]);

		await officers.setPhoto(db, o.id, { mime: 'image/png', bytes: PNG });
		expect(await officers.photoOf(db, o.id)).toMatchObject({ mime: 'image/png' });
		await officers.setPhoto(db, o.id, null);
		expect(await officers.photoOf(db, o.id)).toBeNull();
		expect((await officers.byId(db, o.id))?.hasPhoto).toBe(false);
	});

	it('deactivates one with responses and deletes only unnamed ones', async () => {
		const db = await testDb();
		const { c1 } = await smallTree(db);
		const named = await officers.create(db, c1.id, {
			fullName: 'Phạm Minh',
			title: 'CC',
			counterId: null
		});
		const unnamed = await officers.create(db, c1.id, {
			fullName: 'Võ Hoa',
			title: 'CC',
			counterId: null
		});
		await respond(db, c1.id, null, named.id);
		expect(await officers.responseCount(db, named)).toBe(1);
		expect(await officers.responseCount(db, unnamed)).toBe(0);
		await expect(officers.remove(db, named.id)).rejects.toMatchObject({ code: 'in_use' });
		await officers.setActive(db, named.id, false);
		expect((await officers.byId(db, named.id))?.active).toBe(0);
		await officers.remove(db, unnamed.id);
		expect(await officers.byId(db, unnamed.id)).toBeUndefined();
		// The inactive officer still counts for the unit's tab, as in its list.
		expect(await officers.countInUnit(db, c1.id)).toBe(1);

		// Active officers come first in lists.
		await officers.create(db, c1.id, { fullName: 'Zô Anh', title: 'CC', counterId: null });
		const list = await officers.list(db, { unitId: c1.id, limit: 10, offset: 0 });
		expect(list.rows.map((r) => [r.fullName, r.active])).toEqual([
			['Zô Anh', 1],
			['Phạm Minh', 0]
		]);
	});
});
