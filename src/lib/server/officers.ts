import type { DbOrTx } from './db';
import type { UnitListQuery, UnitOfRow } from './unit-lists';
import { newId, nowIso } from './ids';
import { foldForSearch, normalizeText } from '../domain/text';

/** Photos are shown as small cards on the kiosk; 300 KB is plenty for a 400 px portrait. */
export const MAX_PHOTO_BYTES = 300 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export interface Photo {
	mime: PhotoType;
	bytes: Uint8Array;
}

export class OfficerError extends Error {
	constructor(
		readonly code: 'counter_elsewhere' | 'in_use' | 'not_found',
		message: string
	) {
		super(message);
	}
}

/**
 * The image type from the file's first bytes, never from its name or the browser's claim:
 * JPEG starts FF D8 FF, PNG with its 8-byte signature, WebP is a RIFF file of type "WEBP".
 */
export function detectImageType(bytes: Uint8Array): PhotoType | null {
	const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
	if (bytes.length >= 3 && at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (bytes.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))
		return 'image/png';
	if (bytes.length >= 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) {
		return 'image/webp';
	}
	return null;
}

/** Why an upload is refused ('photo_type', 'photo_size', 'photo_empty'), or the photo itself. */
export function checkPhoto(bytes: Uint8Array): Photo | 'photo_empty' | 'photo_size' | 'photo_type' {
	if (bytes.length === 0) return 'photo_empty';
	if (bytes.length > MAX_PHOTO_BYTES) return 'photo_size';
	const mime = detectImageType(bytes);
	return mime ? { mime, bytes } : 'photo_type';
}

export interface OfficerInput {
	fullName: string;
	title: string;
	counterId: string | null;
}

/** An officer without the photo bytes, which only the photo endpoint reads. */
export interface Officer {
	id: string;
	unitId: string;
	counterId: string | null;
	fullName: string;
	title: string;
	hasPhoto: boolean;
	active: number;
	createdAt: string;
	updatedAt: string;
}

const COLUMNS = [
	'officers.id',
	'officers.unitId',
	'officers.counterId',
	'officers.fullName',
	'officers.title',
	'officers.active',
	'officers.createdAt',
	'officers.updatedAt',
	'officers.photoMime'
] as const;

function shape<T extends { photoMime: string | null }>({ photoMime, ...rest }: T) {
	return { ...rest, hasPhoto: photoMime !== null };
}

export async function byId(db: DbOrTx, id: string): Promise<Officer | undefined> {
	const row = await db
		.selectFrom('officers')
		.select(COLUMNS)
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? shape(row) : undefined;
}

/** The seat must be a counter of the officer's own unit. */
async function checkCounter(db: DbOrTx, unitId: string, counterId: string | null) {
	if (!counterId) return;
	const counter = await db
		.selectFrom('counters')
		.select('unitId')
		.where('id', '=', counterId)
		.executeTakeFirst();
	if (counter?.unitId !== unitId) {
		throw new OfficerError('counter_elsewhere', 'The counter belongs to another unit');
	}
}

export async function create(
	db: DbOrTx,
	unitId: string,
	input: OfficerInput & { photo?: Photo | null },
	now = new Date()
): Promise<Officer> {
	await checkCounter(db, unitId, input.counterId);
	const fullName = normalizeText(input.fullName);
	const row = {
		id: newId(),
		unitId,
		counterId: input.counterId,
		fullName,
		searchText: foldForSearch(fullName),
		title: normalizeText(input.title),
		photoMime: input.photo?.mime ?? null,
		photo: input.photo?.bytes ?? null,
		active: 1,
		createdAt: nowIso(now),
		updatedAt: nowIso(now)
	};
	await db.insertInto('officers').values(row).execute();
	return shape(row);
}

export async function update(db: DbOrTx, id: string, input: OfficerInput, now = new Date()) {
	const officer = await byId(db, id);
	if (!officer) throw new OfficerError('not_found', 'No such officer');
	await checkCounter(db, officer.unitId, input.counterId);
	const fullName = normalizeText(input.fullName);
	await db
		.updateTable('officers')
		.set({
			fullName,
			searchText: foldForSearch(fullName),
			title: normalizeText(input.title),
			counterId: input.counterId,
			updatedAt: nowIso(now)
		})
		.where('id', '=', id)
		.execute();
}

/** Replaces the photo, or removes it with null (the kiosk then shows initials). */
export async function setPhoto(db: DbOrTx, id: string, photo: Photo | null, now = new Date()) {
	await db
		.updateTable('officers')
		.set({ photo: photo?.bytes ?? null, photoMime: photo?.mime ?? null, updatedAt: nowIso(now) })
		.where('id', '=', id)
		.execute();
}

export async function photoOf(db: DbOrTx, id: string): Promise<Photo | null> {
	const row = await db
		.selectFrom('officers')
		.select(['photo', 'photoMime'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row?.photo || !row.photoMime) return null;
	return { mime: row.photoMime as PhotoType, bytes: row.photo };
}

/** An inactive officer keeps their history and is no longer offered on the kiosk. */
export async function setActive(db: DbOrTx, id: string, active: boolean, now = new Date()) {
	await db
		.updateTable('officers')
		.set({ active: active ? 1 : 0, updatedAt: nowIso(now) })
		.where('id', '=', id)
		.execute();
}

/** Responses naming the officer, counted within their unit so the index serves it. */
export async function responseCount(db: DbOrTx, officer: Pick<Officer, 'id' | 'unitId'>) {
	const row = await db
		.selectFrom('responses')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('unitId', '=', officer.unitId)
		.where('officerId', '=', officer.id)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Deletes an officer no response names; one with history can only be deactivated. */
export async function remove(db: DbOrTx, id: string): Promise<void> {
	const used = await db
		.selectFrom('responses')
		.select('id')
		.where('officerId', '=', id)
		.limit(1)
		.executeTakeFirst();
	if (used) throw new OfficerError('in_use', 'This officer has responses; deactivate instead');
	await db.deleteFrom('officers').where('id', '=', id).execute();
}

export interface OfficerListRow extends Officer, UnitOfRow {
	counterNumber: number | null;
	counterName: string | null;
}

export async function list(
	db: DbOrTx,
	{ unitId, withinId, query, today, limit, offset }: UnitListQuery
): Promise<{ rows: OfficerListRow[]; total: number }> {
	let q = db
		.selectFrom('officers')
		.innerJoin('units', 'units.id', 'officers.unitId')
		.leftJoin('counters', 'counters.id', 'officers.counterId');
	if (unitId) q = q.where('officers.unitId', '=', unitId);
	if (withinId) {
		q = q
			.innerJoin('unitClosure', 'unitClosure.descendantId', 'officers.unitId')
			.where('unitClosure.ancestorId', '=', withinId);
	}
	// Wildcards typed by the user are dropped rather than escaped: ESCAPE differs across dialects.
	const needle = query ? foldForSearch(query).replace(/[\\%_]/g, '') : '';
	if (needle) q = q.where('officers.searchText', 'like', `%${needle}%`);
	const total = await q
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirst();
	let ordered = q.select([
		...COLUMNS,
		'units.name as unitName',
		'units.code as unitCode',
		'units.validTo as unitValidTo',
		'counters.number as counterNumber',
		'counters.name as counterName'
	]);
	if (today) {
		ordered = ordered.orderBy((eb) =>
			eb
				.case()
				.when(eb.and([eb('units.validTo', 'is not', null), eb('units.validTo', '<', today)]))
				.then(1)
				.else(0)
				.end()
		);
	}
	const rows = await ordered
		.orderBy('officers.active', 'desc')
		.orderBy('units.name')
		.orderBy('officers.fullName')
		.orderBy('officers.id')
		.limit(limit)
		.offset(offset)
		.execute();
	return { rows: rows.map(shape), total: Number(total?.n ?? 0) };
}

/** How many officers a unit has, active or not (the unit page's tab, like its list). */
export async function countInUnit(db: DbOrTx, unitId: string): Promise<number> {
	const row = await db
		.selectFrom('officers')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('unitId', '=', unitId)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}
