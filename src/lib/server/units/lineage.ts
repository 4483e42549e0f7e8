import type { DbOrTx } from '../db';
import type { Unit } from '../db/schema';
import { byId, subtreeIds } from './tree';

// A unit's lineage: the units whose history counts for it (its subtree and the units merged into
// it, through chains of merges), and the other way, the unit that carries a merged unit's history.

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
