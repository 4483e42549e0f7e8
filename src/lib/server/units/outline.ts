import type { DbOrTx } from '../db';
import type { Unit } from '../db/schema';
import { foldForSearch } from '../../domain/text';

// The tree as the admin pages show it: searched, outlined in display order, paged.

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
