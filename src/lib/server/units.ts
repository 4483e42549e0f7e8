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
	const total = await q
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirst();
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

export interface OutlineNode {
	id: string;
	parentId: string | null;
	code: string;
	name: string;
	validTo: string | null;
	successorId: string | null;
	/** 0 for the top of the outline (the scope root, or a top-level unit). */
	depth: number;
	childCount: number;
}

const collator = new Intl.Collator('vi');

/**
 * The tree (or the subtree under `withinId`) in display order: depth first, siblings by name.
 * One query for the light columns of every unit in scope; a province deployment has ~150 units
 * and the whole country ~3,500, which is cheap to order in memory and keeps the query portable
 * (no recursive CTE or path column).
 */
export async function outline(db: DbOrTx, withinId: string | null = null): Promise<OutlineNode[]> {
	let q = db
		.selectFrom('units')
		.select([
			'units.id',
			'units.parentId',
			'units.code',
			'units.name',
			'units.validTo',
			'units.successorId'
		]);
	if (withinId) {
		q = q
			.innerJoin('unitClosure', 'unitClosure.descendantId', 'units.id')
			.where('unitClosure.ancestorId', '=', withinId);
	}
	const rows = await q.execute();
	const inScope = new Set(rows.map((r) => r.id));
	const kids = new Map<string | null, typeof rows>();
	for (const r of rows) {
		// The top of the scope: its parent, if any, lies outside what the caller may see.
		const key = r.parentId && inScope.has(r.parentId) ? r.parentId : null;
		const list = kids.get(key);
		if (list) list.push(r);
		else kids.set(key, [r]);
	}
	for (const list of kids.values()) {
		list.sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
	}
	const out: OutlineNode[] = [];
	const stack: { row: (typeof rows)[number]; depth: number }[] = (kids.get(null) ?? [])
		.map((row) => ({ row, depth: 0 }))
		.reverse();
	while (stack.length > 0) {
		const { row, depth } = stack.pop()!;
		const children = kids.get(row.id) ?? [];
		out.push({ ...row, depth, childCount: children.length });
		for (let i = children.length - 1; i >= 0; i--)
			stack.push({ row: children[i], depth: depth + 1 });
	}
	return out;
}

export interface TreeRow {
	unit: Unit;
	depth: number;
	childCount: number;
}

/** One page of the outline with the full rows of its units. */
export async function treePage(
	db: DbOrTx,
	{ withinId, limit, offset }: { withinId?: string | null; limit: number; offset: number }
): Promise<{ rows: TreeRow[]; total: number }> {
	const all = await outline(db, withinId ?? null);
	const slice = all.slice(offset, offset + limit);
	if (slice.length === 0) return { rows: [], total: all.length };
	const full = await db
		.selectFrom('units')
		.selectAll()
		.where(
			'id',
			'in',
			slice.map((n) => n.id)
		)
		.execute();
	const byKey = new Map(full.map((u) => [u.id, u]));
	return {
		rows: slice.flatMap((n) => {
			const unit = byKey.get(n.id);
			return unit ? [{ unit, depth: n.depth, childCount: n.childCount }] : [];
		}),
		total: all.length
	};
}

/** Direct children of a unit, optionally matching a query (folded like search), paged. */
export async function childrenPage(
	db: DbOrTx,
	parentId: string,
	{ query, limit, offset }: { query?: string; limit: number; offset: number }
): Promise<{ rows: Unit[]; total: number }> {
	let q = db.selectFrom('units').where('parentId', '=', parentId);
	const needle = query ? foldForSearch(query).replace(/[\\%_]/g, '') : '';
	if (needle) q = q.where('searchText', 'like', `%${needle}%`);
	const total = await q
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirst();
	const rows = await q
		.selectAll()
		.orderBy('name')
		.orderBy('code')
		.limit(limit)
		.offset(offset)
		.execute();
	return { rows, total: Number(total?.n ?? 0) };
}

/**
 * The units merged into this one, directly or through a chain of merges (a commune merged into
 * a commune that later merged here), nearest first. Their history counts for this unit.
 */
export async function predecessors(db: DbOrTx, unitId: string): Promise<Unit[]> {
	const out: Unit[] = [];
	const seen = new Set([unitId]);
	let frontier = [unitId];
	while (frontier.length > 0) {
		const rows = await db
			.selectFrom('units')
			.selectAll()
			.where('successorId', 'in', frontier)
			.orderBy('name')
			.execute();
		frontier = [];
		for (const r of rows) {
			if (seen.has(r.id)) continue;
			seen.add(r.id);
			out.push(r);
			frontier.push(r.id);
		}
	}
	return out;
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

/**
 * Ends a unit's validity on `validTo` (its last day, 'YYYY-MM-DD'). The unit and its history
 * stay; a merged unit's end date is set by its merger and is not changed here.
 */
export async function close(db: DbOrTx, unitId: string, validTo: string, now = new Date()) {
	const unit = await byId(db, unitId);
	if (!unit) throw new UnitError('not_found', 'No such unit');
	if (unit.successorId) throw new UnitError('merged', 'A merged unit keeps the end of its merger');
	if (unit.validFrom && validTo < unit.validFrom) {
		throw new UnitError('before_start', 'A unit cannot end before it starts');
	}
	await refuseOutlivingChildren(db, unitId, validTo);
	await db
		.updateTable('units')
		.set({ validTo, updatedAt: nowIso(now) })
		.where('id', '=', unitId)
		.execute();
}

/** A unit outliving its parent would hang from nothing in the reports of later periods. */
async function refuseOutlivingChildren(db: DbOrTx, unitId: string, lastDay: string) {
	const outliving = await db
		.selectFrom('units')
		.select('id')
		.where('parentId', '=', unitId)
		.where('successorId', 'is', null)
		.where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', lastDay)]))
		.executeTakeFirst();
	if (outliving) {
		throw new UnitError('open_children', 'Close, move or merge the units under it first');
	}
}

/** Whether a unit is in operation on `date`: started, not ended and not merged away. */
export function isOpenOn(
	unit: Pick<Unit, 'validFrom' | 'validTo' | 'successorId'>,
	date: string
): boolean {
	if (unit.successorId) return false;
	if (unit.validFrom && unit.validFrom > date) return false;
	return !unit.validTo || unit.validTo >= date;
}

/**
 * Whether the user may change a unit's own record (rename, close, add units under it): an admin
 * anywhere; a manager only strictly inside their subtree, never their own root or above it.
 */
export async function mayEditUnit(
	db: DbOrTx,
	user: Pick<SessionUser, 'role' | 'unitId'>,
	unitId: string
): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (user.role !== 'manager' || !user.unitId || user.unitId === unitId) return false;
	return isWithin(db, user.unitId, unitId);
}

/** Whether the user may create a unit under `parentId` (null: at the top, admins only). */
export async function mayCreateUnder(
	db: DbOrTx,
	user: Pick<SessionUser, 'role' | 'unitId'>,
	parentId: string | null
): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (user.role !== 'manager' || !user.unitId || parentId === null) return false;
	return isWithin(db, user.unitId, parentId);
}

/**
 * Why `parent` cannot take a unit that starts on `from`, or null: a merged unit takes no new
 * units (its successor does), nor does one that has ended by then.
 */
export function parentProblem(
	parent: Pick<Unit, 'validTo' | 'successorId'>,
	from: string
): 'parent_merged' | 'parent_closed' | null {
	if (parent.successorId) return 'parent_merged';
	if (parent.validTo && parent.validTo < from) return 'parent_closed';
	return null;
}

/**
 * mergeInto with the checks an administrator's form needs: the unit is not merged already, the
 * successor is not merged or ended by then, and the merger comes after the unit started.
 */
export async function merge(
	db: DbOrTx,
	unitId: string,
	successorId: string,
	effectiveDate: string
): Promise<void> {
	const [unit, successor] = await Promise.all([byId(db, unitId), byId(db, successorId)]);
	if (!unit || !successor) throw new UnitError('not_found', 'No such unit');
	if (unitId === successorId) throw new UnitError('self', 'A unit cannot succeed itself');
	if (unit.successorId) throw new UnitError('already_merged', 'This unit is merged already');
	if ((await lineageIds(db, unitId)).includes(successorId)) {
		throw new UnitError('cycle', 'The successor lies under this unit or is its predecessor');
	}
	if (unit.validFrom && effectiveDate <= unit.validFrom) {
		throw new UnitError('before_start', 'A unit cannot be merged before it starts');
	}
	const problem = parentProblem(successor, effectiveDate);
	if (problem) throw new UnitError('successor_closed', 'The successor has ended or merged by then');
	const lastDay = new Date(`${effectiveDate}T00:00:00Z`);
	lastDay.setUTCDate(lastDay.getUTCDate() - 1);
	await refuseOutlivingChildren(db, unitId, lastDay.toISOString().slice(0, 10));
	await mergeInto(db, unitId, successorId, effectiveDate);
}
