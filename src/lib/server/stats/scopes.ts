import type { DbOrTx } from '../db';
import type { AnyDb } from './sql-util';

/**
 * The unit tree as the dashboard needs it, loaded in one query per view: a province has ~150
 * units and a whole country ~3,500, so walking it in memory beats one lineage query per child
 * of the ranking.
 */
export interface UnitNode {
	id: string;
	parentId: string | null;
	successorId: string | null;
	code: string;
	name: string;
	kind: string;
	validFrom: string | null;
	validTo: string | null;
}

export interface UnitTree {
	byId: Map<string, UnitNode>;
	children: Map<string | null, UnitNode[]>;
	/** Units merged into a unit, by the successor's id. */
	predecessors: Map<string, string[]>;
}

export async function loadTree(db: DbOrTx): Promise<UnitTree> {
	const rows = await db
		.selectFrom('units')
		.select(['id', 'parentId', 'successorId', 'code', 'name', 'kind', 'validFrom', 'validTo'])
		.orderBy('name')
		.orderBy('id')
		.execute();
	const tree: UnitTree = { byId: new Map(), children: new Map(), predecessors: new Map() };
	for (const u of rows) {
		tree.byId.set(u.id, u);
		const siblings = tree.children.get(u.parentId);
		if (siblings) siblings.push(u);
		else tree.children.set(u.parentId, [u]);
		if (u.successorId) {
			const preds = tree.predecessors.get(u.successorId);
			if (preds) preds.push(u.id);
			else tree.predecessors.set(u.successorId, [u.id]);
		}
	}
	return tree;
}

/** The unit and everything under it. */
export function subtree(tree: UnitTree, id: string): string[] {
	const out: string[] = [];
	const stack = [id];
	while (stack.length > 0) {
		const current = stack.pop()!;
		out.push(current);
		for (const child of tree.children.get(current) ?? []) stack.push(child.id);
	}
	return out;
}

/**
 * units.lineageIds in memory, by the same steps: the subtree, then units merged into anything
 * collected so far and their subtrees, until nothing new appears. The stats tests check the
 * two agree on random trees.
 */
export function lineage(tree: UnitTree, id: string): string[] {
	const seen = new Set(subtree(tree, id));
	let frontier = [...seen];
	while (frontier.length > 0) {
		const next: string[] = [];
		for (const f of frontier) {
			for (const pred of tree.predecessors.get(f) ?? []) {
				if (seen.has(pred)) continue;
				for (const d of subtree(tree, pred)) {
					if (!seen.has(d)) {
						seen.add(d);
						next.push(d);
					}
				}
			}
		}
		frontier = next;
	}
	return [...seen];
}

/**
 * A lineage is a union of whole subtrees; its roots are the members whose parent is not a
 * member. Their subtrees are disjoint and cover the lineage, so the lineage's figures are the
 * sum of the roots' rollups.
 */
export function rootsOf(tree: UnitTree, members: Iterable<string>): string[] {
	const set = members instanceof Set ? (members as Set<string>) : new Set(members);
	const out: string[] = [];
	for (const id of set) {
		const parent = tree.byId.get(id)?.parentId ?? null;
		if (parent === null || !set.has(parent)) out.push(id);
	}
	return out.sort();
}

/**
 * Whether every rollup still matches the tree: false once a unit has moved since its
 * responses were rolled up into its ancestors (stats_parents records the parents used).
 * Creating and merging units never makes rollups wrong; only units.move does.
 */
export async function rollupsFresh(db: DbOrTx): Promise<boolean> {
	const row = await (db as AnyDb)
		.selectFrom('statsParents as p')
		.innerJoin('units as u', 'u.id', 'p.unitId')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where((eb) => eb('p.parentId', '<>', eb.fn.coalesce('u.parentId', eb.val(''))))
		.executeTakeFirst();
	return Number(row?.n ?? 0) === 0;
}
