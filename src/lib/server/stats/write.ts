import type { DbOrTx } from '../db';
import { deferToCommit } from '../group-commit';
import { addMeasures, appendPending } from './pending';
import { chunks, MAX_PARAMS, type AnyDb } from './sql-util';
import {
	REASONS_KEY,
	RESPONSE_FACT_COLUMNS,
	TABLES,
	addResponse,
	emptyDeltas,
	keyColumns,
	type Deltas,
	type ReasonFact,
	type ResponseFacts
} from './tables';

export interface ApplyOptions {
	/**
	 * Append to the pending rows (pending.ts) instead of adding into the summary tables: the
	 * write path of record(), where many small batches would each touch the same pages.
	 */
	pending?: boolean;
}

/**
 * Adds a response just written (and its chosen reasons) to the summaries, as pending rows
 * (pending.ts). Call it inside the transaction that inserted the response, after its answers:
 * it reads them back, so the summaries count exactly what was stored, and they commit or roll
 * back together. Inside a group commit (group-commit.ts) the batch's responses are added
 * together just before COMMIT.
 */
export async function applyResponse(db: DbOrTx, responseId: string): Promise<void> {
	const deferred = deferToCommit(db, 'stats', responseId, (tx, ids) =>
		applyIds(tx, ids as string[], { pending: true })
	);
	if (!deferred) await applyIds(db, [responseId], { pending: true });
}

/** Adds stored responses, by id, to the summaries; ids not in the database are skipped. */
export async function applyIds(db: DbOrTx, ids: string[], opts: ApplyOptions = {}): Promise<void> {
	const rows: ResponseFacts[] = [];
	const reasons: ReasonFact[] = [];
	for (const part of chunks(ids)) {
		rows.push(
			...(await db
				.selectFrom('responses')
				.select(RESPONSE_FACT_COLUMNS)
				.where('id', 'in', part)
				.execute())
		);
		reasons.push(
			...(await db
				.selectFrom('responseAnswers')
				.select(['responseId', 'valueText'])
				.where('responseId', 'in', part)
				.where('questionKey', '=', REASONS_KEY)
				.execute())
		);
	}
	await applyRows(db, rows, reasons, opts);
}

/**
 * Adds many responses at once (a bulk loader, or a batch of kiosk answers committed together):
 * rows that share a key are summed in memory first, so each summary row is written once per
 * call. The responses must already be in the database, or be written in the same transaction.
 */
export async function applyRows(
	db: DbOrTx,
	responses: readonly ResponseFacts[],
	reasons: readonly ReasonFact[] = [],
	opts: ApplyOptions = {}
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
	for (const spec of Object.values(TABLES)) {
		if (opts.pending) await appendPending(db, deltas[spec.name]);
		else await upsert(db, deltas[spec.name]);
	}
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
