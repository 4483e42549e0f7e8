import type { DbOrTx } from '../db';
import { addMeasures } from './pending';
import { chunks, MAX_PARAMS, type AnyDb } from './sql-util';
import {
	TABLES,
	addResponse,
	emptyDeltas,
	keyColumns,
	type Deltas,
	type ReasonFact,
	type ResponseFacts
} from './tables';

/**
 * Adds many responses at once straight into the summary tables (the bulk loaders: the demo
 * seed; answers as they arrive go through the answer writer's pending rows, ingest/batch.ts):
 * rows that share a key are summed in memory first, so each summary row is written once per
 * call. The responses must already be in the database, or be written in the same transaction.
 */
export async function applyRows(
	db: DbOrTx,
	responses: readonly ResponseFacts[],
	reasons: readonly ReasonFact[] = []
): Promise<void> {
	if (responses.length === 0) return;
	const paths = await unitPaths(db, [...new Set(responses.map((r) => r.unitId))]);
	const chosen = new Map<string, (string | null)[]>();
	for (const a of reasons) {
		const list = chosen.get(a.responseId);
		if (list) list.push(a.valueText);
		else chosen.set(a.responseId, [a.valueText]);
	}
	const deltas = emptyDeltas();
	for (const r of responses) {
		addResponse(deltas, r, chosen.get(r.id) ?? [], paths.get(r.unitId) ?? [r.unitId]);
	}
	await recordParents(db, paths);
	for (const spec of Object.values(TABLES)) await upsert(db, deltas[spec.name]);
}

/** Each unit with its ancestors, nearest first (the unit itself at index 0), from unit_closure. */
export async function unitPaths(db: DbOrTx, unitIds: string[]): Promise<Map<string, string[]>> {
	const rows: { ancestorId: string; descendantId: string; depth: number }[] = [];
	for (const ids of chunks(unitIds)) {
		rows.push(
			...(await db
				.selectFrom('unitClosure')
				.select(['ancestorId', 'descendantId', 'depth'])
				.where('descendantId', 'in', ids)
				.execute())
		);
	}
	rows.sort((a, b) => a.depth - b.depth);
	const paths = new Map<string, string[]>();
	for (const r of rows) {
		const path = paths.get(r.descendantId);
		if (path) path.push(r.ancestorId);
		else paths.set(r.descendantId, [r.ancestorId]);
	}
	return paths;
}

/**
 * Notes the parent links the rollups were written under (first writer wins), so that a unit
 * moved later is noticed: its recorded parent no longer matches units.parent_id.
 */
async function recordParents(db: DbOrTx, paths: Map<string, string[]>): Promise<void> {
	const links = new Map<string, string>();
	for (const path of paths.values()) {
		path.forEach((id, i) => links.set(id, path[i + 1] ?? ''));
	}
	const rows = [...links].map(([unitId, parentId]) => ({ unitId, parentId }));
	for (const part of chunks(rows, Math.floor(MAX_PARAMS / 2))) {
		await (db as AnyDb)
			.insertInto('statsParents')
			.values(part)
			.onConflict((oc) => oc.column('unitId').doNothing())
			.execute();
	}
}

/** Adds accumulated rows to a summary table: insert, or add to the counts already there. */
export async function upsert(db: DbOrTx, deltas: Deltas): Promise<void> {
	if (deltas.size === 0) return;
	const spec = deltas.spec;
	const keys = keyColumns(spec);
	const size = Math.max(1, Math.floor(MAX_PARAMS / (keys.length + spec.measures.length)));
	const objects = [...deltas.rows.values()].map(({ key, values }) => {
		const o: Record<string, string | number> = {};
		keys.forEach((k, i) => (o[k] = key[i]));
		spec.measures.forEach((m, i) => (o[m] = values[i]));
		return o;
	});
	for (const part of chunks(objects, size)) {
		await (db as AnyDb).insertInto(spec.name).values(part).onConflict(addMeasures(spec)).execute();
	}
}
