import type { DbOrTx } from '../db';
import type { NewUnit, Unit } from '../db/schema';
import { newId, nowIso } from '../ids';
import { foldForSearch, normalizeText } from '../../domain/text';
import { UnitError, type CreateUnitInput } from './model';

// The unit tree as a closure table (unit_closure: one row per ancestor and descendant, with the
// depth): creating and moving units, reading a unit, its subtree, its path and its children.

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

/** Renames a unit; the code stays (reports and fixtures refer to it). */
export async function rename(db: DbOrTx, unitId: string, name: string, now = new Date()) {
	const unit = await byId(db, unitId);
	if (!unit) throw new UnitError('not_found', 'No such unit');
	const clean = normalizeText(name);
	await db
		.updateTable('units')
		.set({
			name: clean,
			searchText: foldForSearch(`${unit.code} ${clean}`),
			updatedAt: nowIso(now)
		})
		.where('id', '=', unitId)
		.execute();
}

/** Names of the given units, in one query per 500 ids (parents and successors of a page). */
export async function namesByIds(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, string>> {
	const unique = [...new Set(ids)];
	const names = new Map<string, string>();
	for (let i = 0; i < unique.length; i += 500) {
		const rows = await db
			.selectFrom('units')
			.select(['id', 'name'])
			.where('id', 'in', unique.slice(i, i + 500))
			.execute();
		for (const r of rows) names.set(r.id, r.name);
	}
	return names;
}
