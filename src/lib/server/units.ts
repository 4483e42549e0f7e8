import type { DbOrTx } from './db';
import type { NewUnit, Unit } from './db/schema';
import { newId, nowIso } from './ids';
import { foldForSearch, normalizeText } from '../domain/text';

export const UNIT_KINDS = [
	'province',
	'city',
	'district',
	'town',
	'commune',
	'ward',
	'special_zone',
	'agency',
	'centre',
	'other'
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface CreateUnitInput {
	code: string;
	name: string;
	kind: UnitKind;
	parentId?: string | null;
	validFrom?: string | null;
	validTo?: string | null;
}

/** Creates a unit and its closure rows (itself at depth 0, one row per ancestor). */
export async function create(db: DbOrTx, input: CreateUnitInput, now = new Date()): Promise<Unit> {
	const name = normalizeText(input.name);
	const row: NewUnit = {
		id: newId(),
		parentId: input.parentId ?? null,
		code: normalizeText(input.code),
		name,
		searchText: foldForSearch(`${input.code} ${name}`),
		kind: input.kind,
		validFrom: input.validFrom ?? null,
		validTo: input.validTo ?? null,
		successorId: null,
		createdAt: nowIso(now),
		updatedAt: nowIso(now)
	};
	await db.insertInto('units').values(row).execute();
	await db
		.insertInto('unitClosure')
		.values({ ancestorId: row.id, descendantId: row.id, depth: 0 })
		.execute();
	if (row.parentId) {
		await db
			.insertInto('unitClosure')
			.columns(['ancestorId', 'descendantId', 'depth'])
			.expression((eb) =>
				eb
					.selectFrom('unitClosure')
					.select((s) => [
						'ancestorId',
						s.val(row.id).as('descendantId'),
						s(s.ref('depth'), '+', 1).as('depth')
					])
					.where('descendantId', '=', row.parentId!)
			)
			.execute();
	}
	return row as Unit;
}

export async function byId(db: DbOrTx, id: string): Promise<Unit | undefined> {
	return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function byCode(db: DbOrTx, code: string): Promise<Unit | undefined> {
	return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Ids of the unit and everything under it, at any depth. */
export async function subtreeIds(db: DbOrTx, unitId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('unitClosure')
		.select('descendantId')
		.where('ancestorId', '=', unitId)
		.execute();
	return rows.map((r) => r.descendantId);
}

/** True when `unitId` is `ancestorId` itself or lies anywhere below it. */
export async function isWithin(db: DbOrTx, ancestorId: string, unitId: string): Promise<boolean> {
	const row = await db
		.selectFrom('unitClosure')
		.select('depth')
		.where('ancestorId', '=', ancestorId)
		.where('descendantId', '=', unitId)
		.executeTakeFirst();
	return row !== undefined;
}

/** The path from the root down to the unit (inclusive), for breadcrumbs and report headers. */
export async function ancestors(db: DbOrTx, unitId: string): Promise<Unit[]> {
	return db
		.selectFrom('unitClosure')
		.innerJoin('units', 'units.id', 'unitClosure.ancestorId')
		.selectAll('units')
		.where('unitClosure.descendantId', '=', unitId)
		.orderBy('unitClosure.depth', 'desc')
		.execute();
}

export async function children(db: DbOrTx, parentId: string | null): Promise<Unit[]> {
	let q = db.selectFrom('units').selectAll();
	q = parentId === null ? q.where('parentId', 'is', null) : q.where('parentId', '=', parentId);
	return q.orderBy('name').execute();
}

/**
 * Moves a unit (with its subtree) under a new parent: the classic closure-table move, deleting
 * the links from the old ancestors and adding the cross product with the new ones.
 */
export async function move(db: DbOrTx, unitId: string, newParentId: string | null): Promise<void> {
	if (newParentId && (await isWithin(db, unitId, newParentId))) {
		throw new UnitError('cycle', 'A unit cannot be moved under itself or its own subtree');
	}
	const subtree = await subtreeIds(db, unitId);
	const oldAncestors = (
		await db
			.selectFrom('unitClosure')
			.select('ancestorId')
			.where('descendantId', '=', unitId)
			.where('depth', '>', 0)
			.execute()
	).map((r) => r.ancestorId);
	if (oldAncestors.length > 0) {
		await db
			.deleteFrom('unitClosure')
			.where('descendantId', 'in', subtree)
			.where('ancestorId', 'in', oldAncestors)
			.execute();
	}
	if (newParentId) {
		const above = await db
			.selectFrom('unitClosure')
			.select(['ancestorId', 'depth'])
			.where('descendantId', '=', newParentId)
			.execute();
		const below = await db
			.selectFrom('unitClosure')
			.select(['descendantId', 'depth'])
			.where('ancestorId', '=', unitId)
			.execute();
		const rows = above.flatMap((a) =>
			below.map((b) => ({
				ancestorId: a.ancestorId,
				descendantId: b.descendantId,
				depth: a.depth + b.depth + 1
			}))
		);
		// Chunked so a large subtree stays under SQLite's bound-parameter limit.
		for (let i = 0; i < rows.length; i += 300) {
			await db
				.insertInto('unitClosure')
				.values(rows.slice(i, i + 300))
				.execute();
		}
	}
	await db
		.updateTable('units')
		.set({ parentId: newParentId, updatedAt: nowIso() })
		.where('id', '=', unitId)
		.execute();
}

/**
 * Folds a unit into its successor from `effectiveDate`: the unit stays (its responses keep
 * pointing to it) but its validity ends the day before, and figures for the successor include it.
 */
export async function mergeInto(
	db: DbOrTx,
	unitId: string,
	successorId: string,
	effectiveDate: string
): Promise<void> {
	if (unitId === successorId) throw new UnitError('self', 'A unit cannot succeed itself');
	if ((await lineageIds(db, unitId)).includes(successorId)) {
		throw new UnitError('cycle', 'The successor is already a predecessor of this unit');
	}
	const lastDay = new Date(`${effectiveDate}T00:00:00Z`);
	lastDay.setUTCDate(lastDay.getUTCDate() - 1);
	await db
		.updateTable('units')
		.set({ successorId, validTo: lastDay.toISOString().slice(0, 10), updatedAt: nowIso() })
		.where('id', '=', unitId)
		.execute();
}

/**
 * Every unit whose history counts for `unitId`: its subtree, the units merged into any of those
 * (directly or through a chain of merges), and their subtrees. Iterates by layers; each layer is
 * one query for successors and one for subtrees.
 */
export async function lineageIds(db: DbOrTx, unitId: string): Promise<string[]> {
	const seen = new Set(await subtreeIds(db, unitId));
	let frontier = [...seen];
	while (frontier.length > 0) {
		const preds: string[] = [];
		for (let i = 0; i < frontier.length; i += 500) {
			const rows = await db
				.selectFrom('units')
				.select('id')
				.where('successorId', 'in', frontier.slice(i, i + 500))
				.execute();
			for (const r of rows) if (!seen.has(r.id)) preds.push(r.id);
		}
		if (preds.length === 0) break;
		const rows = await db
			.selectFrom('unitClosure')
			.select('descendantId')
			.where('ancestorId', 'in', preds)
			.execute();
		frontier = [];
		for (const r of rows) {
			if (!seen.has(r.descendantId)) {
				seen.add(r.descendantId);
				frontier.push(r.descendantId);
			}
		}
	}
	return [...seen];
}

/** The unit that finally carries a merged unit's history (follows the successor chain). */
export async function finalSuccessor(db: DbOrTx, unitId: string): Promise<Unit | undefined> {
	let current = await byId(db, unitId);
	const visited = new Set<string>();
	while (current?.successorId && !visited.has(current.id)) {
		visited.add(current.id);
		current = await byId(db, current.successorId);
	}
	return current;
}

export interface UnitSearch {
	query?: string;
	/** Restrict to this subtree (the caller's scope). */
	withinId?: string | null;
	limit: number;
	offset: number;
}

export async function search(
	db: DbOrTx,
	{ query, withinId, limit, offset }: UnitSearch
): Promise<{ rows: Unit[]; total: number }> {
	let q = db.selectFrom('units');
	if (withinId) {
		q = q
			.innerJoin('unitClosure', 'unitClosure.descendantId', 'units.id')
			.where('unitClosure.ancestorId', '=', withinId);
	}
	const folded = query ? foldForSearch(query) : '';
	// Wildcards typed by the user are dropped rather than escaped: ESCAPE differs across dialects.
	const needle = folded.replace(/[\\%_]/g, '');
	if (needle) q = q.where('units.searchText', 'like', `%${needle}%`);
	const total = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
	const rows = await q
		.selectAll('units')
		.orderBy('units.name')
		.limit(limit)
		.offset(offset)
		.execute();
	return { rows, total: Number(total?.n ?? 0) };
}

export class UnitError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
	}
}
