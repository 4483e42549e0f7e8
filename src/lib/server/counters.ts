import type { DbOrTx } from './db';
import type { UnitListQuery, UnitOfRow } from './unit-lists';
import type { CountersTable } from './db/schema';
import type { Selectable } from 'kysely';
import { newId, nowIso } from './ids';
import { foldForSearch, normalizeText } from '../domain/text';
import { isClosed, openFirst } from '../domain/unit-names';

export type Counter = Selectable<CountersTable>;

export class CounterError extends Error {
	constructor(
		readonly code: 'number_taken' | 'in_use' | 'not_found',
		message: string
	) {
		super(message);
	}
}

export interface CounterInput {
	number: number;
	name: string;
}

export async function byId(db: DbOrTx, id: string): Promise<Counter | undefined> {
	return db.selectFrom('counters').selectAll().where('id', '=', id).executeTakeFirst();
}

async function numberTaken(db: DbOrTx, unitId: string, number: number, exceptId?: string) {
	let q = db
		.selectFrom('counters')
		.select('id')
		.where('unitId', '=', unitId)
		.where('number', '=', number);
	if (exceptId) q = q.where('id', '<>', exceptId);
	return (await q.executeTakeFirst()) !== undefined;
}

/** Adds a counter to a unit; numbers are unique within a unit (the kiosk shows "Quầy 3"). */
export async function create(
	db: DbOrTx,
	unitId: string,
	input: CounterInput,
	now = new Date()
): Promise<Counter> {
	if (await numberTaken(db, unitId, input.number)) {
		throw new CounterError('number_taken', `Counter ${input.number} exists in this unit`);
	}
	const row: Counter = {
		id: newId(),
		unitId,
		number: input.number,
		name: normalizeText(input.name),
		active: 1,
		createdAt: nowIso(now),
		updatedAt: nowIso(now)
	};
	await db.insertInto('counters').values(row).execute();
	return row;
}

export async function update(db: DbOrTx, id: string, input: CounterInput, now = new Date()) {
	const counter = await byId(db, id);
	if (!counter) throw new CounterError('not_found', 'No such counter');
	if (await numberTaken(db, counter.unitId, input.number, id)) {
		throw new CounterError('number_taken', `Counter ${input.number} exists in this unit`);
	}
	await db
		.updateTable('counters')
		.set({ number: input.number, name: normalizeText(input.name), updatedAt: nowIso(now) })
		.where('id', '=', id)
		.execute();
}

/** An inactive counter keeps its history and is no longer offered for new kiosks and officers. */
export async function setActive(db: DbOrTx, id: string, active: boolean, now = new Date()) {
	await db
		.updateTable('counters')
		.set({ active: active ? 1 : 0, updatedAt: nowIso(now) })
		.where('id', '=', id)
		.execute();
}

export interface CounterUsage {
	responses: number;
	kiosks: number;
	webLinks: number;
	officers: number;
}

/** What refers to a counter; responses are counted within its unit so the index serves it. */
export async function usage(db: DbOrTx, counter: Pick<Counter, 'id' | 'unitId'>) {
	const count = async (q: Promise<{ n: number | string } | undefined>) => Number((await q)?.n ?? 0);
	const onCounter = (table: 'kiosks' | 'webLinks' | 'officers') =>
		count(
			db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number | string>().as('n'))
				.where('counterId', '=', counter.id)
				.executeTakeFirst()
		);
	const [responses, kiosks, webLinks, officers] = await Promise.all([
		count(
			db
				.selectFrom('responses')
				.select((eb) => eb.fn.countAll<number | string>().as('n'))
				.where('unitId', '=', counter.unitId)
				.where('counterId', '=', counter.id)
				.executeTakeFirst()
		),
		onCounter('kiosks'),
		onCounter('webLinks'),
		onCounter('officers')
	]);
	return { responses, kiosks, webLinks, officers } satisfies CounterUsage;
}

/**
 * Deletes a counter nothing has used: no response, kiosk or phone link refers to it. Officers
 * seated there are unseated. A counter with history can only be deactivated.
 */
export async function remove(db: DbOrTx, id: string): Promise<void> {
	// Exact check over every response (not only the unit's): a foreign key must never break.
	const used = await db
		.selectFrom('responses')
		.select('id')
		.where('counterId', '=', id)
		.limit(1)
		.executeTakeFirst();
	const held =
		(await db.selectFrom('kiosks').select('id').where('counterId', '=', id).executeTakeFirst()) ??
		(await db.selectFrom('webLinks').select('code').where('counterId', '=', id).executeTakeFirst());
	if (used || held) throw new CounterError('in_use', 'This counter is in use; deactivate it');
	await db.updateTable('officers').set({ counterId: null }).where('counterId', '=', id).execute();
	await db.deleteFrom('counters').where('id', '=', id).execute();
}

export interface CounterListRow extends Counter, UnitOfRow {
	officerCount: number;
}

/**
 * Counters matching a query on their number, name or unit, paged. The counters table has no
 * folded search column, and a deployment has a few per unit (hundreds in all), so matching is
 * done in memory, the same folding as the unit search: "ho tich" finds "Hộ tịch".
 */
export async function list(
	db: DbOrTx,
	{ unitId, withinId, query, today, limit, offset }: UnitListQuery
): Promise<{ rows: CounterListRow[]; total: number }> {
	let q = db
		.selectFrom('counters')
		.innerJoin('units', 'units.id', 'counters.unitId')
		.selectAll('counters')
		.select([
			'units.name as unitName',
			'units.code as unitCode',
			'units.validTo as unitValidTo',
			'units.searchText as unitText'
		]);
	if (unitId) q = q.where('counters.unitId', '=', unitId);
	if (withinId) {
		q = q
			.innerJoin('unitClosure', 'unitClosure.descendantId', 'counters.unitId')
			.where('unitClosure.ancestorId', '=', withinId);
	}
	const all = await q
		.orderBy('units.name')
		.orderBy('units.code')
		.orderBy('counters.number')
		.execute();
	const rows = today ? openFirst(all, (r) => isClosed(r.unitValidTo, today)) : all;
	const needle = query ? foldForSearch(query) : '';
	const matching = needle
		? rows.filter((r) => {
				const own = foldForSearch(`${r.number} ${r.name}`);
				return own.includes(needle) || (!unitId && r.unitText.includes(needle));
			})
		: rows;
	const page = matching.slice(offset, offset + limit);
	const seated = new Map<string, number>();
	if (page.length > 0) {
		const counts = await db
			.selectFrom('officers')
			.select(['counterId', (eb) => eb.fn.countAll<number | string>().as('n')])
			.where(
				'counterId',
				'in',
				page.map((r) => r.id)
			)
			.where('active', '=', 1)
			.groupBy('counterId')
			.execute();
		for (const c of counts) if (c.counterId) seated.set(c.counterId, Number(c.n));
	}
	return {
		rows: page.map(({ unitText: _, ...r }) => ({ ...r, officerCount: seated.get(r.id) ?? 0 })),
		total: matching.length
	};
}

/** Counters of a unit for a select box: active ones, plus `keepId` if it is inactive. */
export async function options(db: DbOrTx, unitId: string, keepId: string | null = null) {
	const rows = await db
		.selectFrom('counters')
		.select(['id', 'number', 'name', 'active'])
		.where('unitId', '=', unitId)
		.orderBy('number')
		.execute();
	return rows.filter((r) => r.active === 1 || r.id === keepId);
}

/** How many counters a unit has, active or not (the unit page's tab, like its list). */
export async function countInUnit(db: DbOrTx, unitId: string): Promise<number> {
	const row = await db
		.selectFrom('counters')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('unitId', '=', unitId)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}
