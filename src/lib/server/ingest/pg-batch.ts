import { CompiledQuery } from 'kysely';
import type { Db } from '../db';
import { numbered } from '../db/dialect';
import { TABLES } from '../stats/tables';
import {
	BURST_SIZE,
	RESPONSE_COLUMNS,
	SQL,
	answerParams,
	followUpParams,
	kioskTouches,
	neighbourParams,
	pendingDeltas,
	pendingInserts,
	type IngestJob,
	type IngestOutcome,
	type StoredResponse
} from './batch';

/**
 * The write of a batch of answers on PostgreSQL: the same statements as batch.ts (SQL, shared),
 * in the same order and with the same outcomes, run on one connection of the instance's pool,
 * awaited. One transaction per batch (one tick's answers), committed with synchronous_commit
 * on (db/dialect.ts), so an acknowledged answer is durable; each answer under a savepoint.
 *
 * What several instances need:
 * - the client's UUID is the primary key and the insert is ON CONFLICT (id) DO NOTHING: a
 *   re-send racing itself on another instance waits for the first COMMIT and finds it stored;
 * - a kiosk's minimum interval: the batch takes a transaction advisory lock per kiosk (in a
 *   fixed order, so two batches never deadlock) before it reads the kiosk's neighbouring
 *   answers, so an answer committed by another instance is seen, never raced past.
 */
export class PgBatchWriter {
	constructor(private readonly db: Db) {}

	/** As BatchWriter.write: one outcome per job; throws only if the transaction failed. */
	write(jobs: readonly IngestJob[]): Promise<IngestOutcome[]> {
		return this.db.connection().execute(async (conn) => {
			const run = new Runner(conn);
			await run.exec('BEGIN');
			try {
				const kiosks = [...new Set(jobs.map((j) => j.row.kioskId).filter((k) => k !== null))];
				for (const id of kiosks.sort()) {
					await run.exec('SELECT pg_advisory_xact_lock(hashtext(?))', [`kiosk:${id}`]);
				}
				const outcomes: IngestOutcome[] = [];
				for (const job of jobs) outcomes.push(await this.one(run, job));
				const written = jobs.filter((_, i) => outcomes[i].kind === 'created');
				if (written.length > 0) {
					const paths = await this.scopes(run, [...new Set(written.map((j) => j.row.unitId))]);
					const deltas = pendingDeltas(written, paths);
					for (const spec of Object.values(TABLES)) {
						for (const [text, params] of pendingInserts(spec, deltas[spec.name])) {
							await run.exec(text, params);
						}
					}
				}
				for (const params of kioskTouches(written)) await run.exec(SQL.touchKiosk, params);
				await run.exec('COMMIT');
				return outcomes;
			} catch (error) {
				await run.exec('ROLLBACK').catch(() => {});
				throw error;
			}
		});
	}

	private async one(run: Runner, job: IngestJob): Promise<IngestOutcome> {
		await run.exec(SQL.savepoint);
		try {
			const outcome = await this.insert(run, job);
			await run.exec(SQL.release);
			return outcome;
		} catch (error) {
			await run.exec(SQL.rollbackTo);
			await run.exec(SQL.release);
			return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
		}
	}

	private async insert(run: Runner, job: IngestJob): Promise<IngestOutcome> {
		const row = job.row;
		if (row.kioskId && job.kioskTokenHash !== null) {
			const device = await run.first<{ tokenHash: string | null; revokedAt: string | null }>(
				SQL.device,
				[row.kioskId]
			);
			if (!device || device.revokedAt || device.tokenHash !== job.kioskTokenHash) {
				return { kind: 'unpaired', revoked: Boolean(device?.revokedAt) };
			}
		}
		if (row.kioskId) {
			const near = (await run.first<{ close: number; same: number }>(
				SQL.neighbours,
				neighbourParams(row.kioskId, row.submittedAt, row.mainLevel, job.minIntervalMs)
			))!;
			if (near.close > 0) {
				const stored = await this.stored(run, row.id);
				return stored ? { kind: 'exists', stored } : { kind: 'too_soon' };
			}
			row.flagBurst = Number(near.same >= BURST_SIZE - 1);
		}
		const inserted = await run.exec(
			SQL.insertResponse,
			RESPONSE_COLUMNS.map((c) => row[c])
		);
		if (inserted !== 1) return { kind: 'exists', stored: (await this.stored(run, row.id))! };
		for (const a of job.answers) await run.exec(SQL.insertAnswer, answerParams(row.id, a));
		if (job.followUp) await run.exec(SQL.insertFollowUp, followUpParams(job.followUp, row));
		return { kind: 'created' };
	}

	private stored(run: Runner, id: string): Promise<StoredResponse | undefined> {
		return run.first<StoredResponse>(SQL.stored, [id]);
	}

	/** As BatchWriter.scopes: each unit's ancestors, nearest first, with the parent links noted. */
	private async scopes(run: Runner, unitIds: string[]): Promise<Map<string, string[]>> {
		const paths = new Map<string, string[]>();
		const linked = new Set<string>();
		for (const unitId of unitIds) {
			const path = (await run.all<{ id: string }>(SQL.scope, [unitId])).map((r) => r.id);
			if (path.length === 0) path.push(unitId);
			paths.set(unitId, path);
			for (const [i, id] of path.entries()) {
				if (linked.has(id)) continue;
				linked.add(id);
				await run.exec(SQL.link, [id, path[i + 1] ?? '']);
			}
		}
		return paths;
	}
}

/** Runs the shared `?` SQL on one pooled connection, numbered for PostgreSQL. */
class Runner {
	constructor(private readonly conn: Db) {}

	/** Runs a statement; the rows it changed. */
	async exec(text: string, params: readonly unknown[] = []): Promise<number> {
		const r = await this.conn.executeQuery(CompiledQuery.raw(numbered(text), [...params]));
		return Number(r.numAffectedRows ?? 0);
	}

	async all<T>(text: string, params: readonly unknown[]): Promise<T[]> {
		const r = await this.conn.executeQuery<T>(CompiledQuery.raw(numbered(text), [...params]));
		return r.rows;
	}

	async first<T>(text: string, params: readonly unknown[]): Promise<T | undefined> {
		return (await this.all<T>(text, params))[0];
	}
}
