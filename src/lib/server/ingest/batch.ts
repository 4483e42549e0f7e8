// Over 300 lines: one batch's transaction, savepoint per answer and its prepared statements belong
// together (the hot path of every answer; see docs/ingest.md).
import type SQLite from 'better-sqlite3';
import type { AnswerRowValues } from '../../domain/survey';
import { statementOn } from '../db/prepared';
import { pendingTable } from '../stats/pending';
import { snake } from '../stats/sql-util';
import {
	REASONS_KEY,
	RESPONSE_FACT_COLUMNS,
	TABLES,
	addResponse,
	emptyDeltas,
	keyColumns,
	type Deltas,
	type ResponseFacts,
	type TableSpec
} from '../stats/tables';

/**
 * The write of a batch of answers, as plain SQL on one SQLite connection, synchronously: the hot
 * path of record() (responses.ts), which validated each answer before it got here.
 *
 * Why not Kysely here: building and compiling each query, and the promise per query, cost more
 * than SQLite's own work on these small statements (profiled under `npm run bench`). The
 * statements are prepared once per connection and written in the SQL both SQLite and
 * PostgreSQL accept (INSERT … ON CONFLICT … DO NOTHING, plain SELECT/UPDATE), with `?`
 * placeholders; a PostgreSQL writer would run the same text with numbered ones.
 *
 * The whole batch is one transaction with one COMMIT (one fsync); each answer runs under its
 * own savepoint, so one that fails (a constraint, a bug) is rolled back alone and reported,
 * and its neighbours still commit. The summaries' pending rows (stats/pending.ts) of every
 * answer written, at the day grain, are summed in memory and appended just before COMMIT, so
 * they commit or roll back with the answers.
 */

/** A response row, in the responses table's columns (camelCase, as everywhere in TypeScript). */
export interface ResponseRow extends ResponseFacts {
	kioskId: string | null;
	startedAt: string | null;
	submittedAt: string;
	receivedAt: string;
	durationMs: number | null;
	locale: string | null;
}

export interface FollowUpRow {
	id: string;
	phone: string;
	consentAt: string;
	phoneEraseAfter: string;
	deadline: string;
}

/** One answer to write: everything decided before the batch, so the batch only writes. */
export interface IngestJob {
	row: ResponseRow;
	answers: AnswerRowValues[];
	followUp: FollowUpRow | null;
	/** The device's minimum interval between answers (ms), for kiosk answers. */
	minIntervalMs: number;
	/**
	 * The token hash the kiosk authenticated with: the batch checks it is still the kiosk's and
	 * the kiosk not revoked, since the request may have used a cached kiosk row.
	 */
	kioskTokenHash: string | null;
}

export interface StoredResponse {
	id: string;
	kioskId: string | null;
	unitId: string;
}

export type IngestOutcome =
	| { kind: 'created' }
	/** The UUID is already stored (a re-send, or another place's answer: the caller decides). */
	| { kind: 'exists'; stored: StoredResponse }
	/** Another answer from the same device lies within its minimum interval. */
	| { kind: 'too_soon' }
	/** The kiosk was revoked, or paired again with a new token, since the request's token was read. */
	| { kind: 'unpaired'; revoked: boolean }
	| { kind: 'failed'; error: string };

/** This many identical answers from one device within BURST_WINDOW_MS flags the latest. */
export const BURST_SIZE = 4;
export const BURST_WINDOW_MS = 60 * 1000;

export const RESPONSE_COLUMNS = [
	...RESPONSE_FACT_COLUMNS,
	'kioskId',
	'startedAt',
	'submittedAt',
	'receivedAt',
	'durationMs',
	'locale'
] as const satisfies readonly (keyof ResponseRow)[];

function insertSql(table: string, columns: readonly string[], rows = 1): string {
	const one = `(${columns.map(() => '?').join(', ')})`;
	return `INSERT INTO ${snake(table)} (${columns.map(snake).join(', ')}) VALUES ${Array(rows)
		.fill(one)
		.join(', ')}`;
}

/** Pending rows per INSERT statement (13 to 16 columns: well under 999 parameters). */
export const ROWS_PER_INSERT = 32;

/** Shared with the PostgreSQL writer (pg-batch.ts), which runs the same text. */
export const SQL = {
	insertResponse: `${insertSql('responses', RESPONSE_COLUMNS)} ON CONFLICT (id) DO NOTHING`,
	insertAnswer: insertSql('responseAnswers', [
		'responseId',
		'questionKey',
		'seq',
		'valueInt',
		'valueText',
		'searchText'
	]),
	insertFollowUp: insertSql('followUpCases', [
		'id',
		'responseId',
		'unitId',
		'phone',
		'consentAt',
		'phoneEraseAfter',
		'status',
		'deadline',
		'createdAt',
		'updatedAt'
	]),
	device: 'SELECT token_hash AS "tokenHash", revoked_at AS "revokedAt" FROM kiosks WHERE id = ?',
	stored: 'SELECT id, kiosk_id AS "kioskId", unit_id AS "unitId" FROM responses WHERE id = ?',
	neighbours: `SELECT
		coalesce(sum(CASE WHEN submitted_at > ? AND submitted_at <= ? THEN 1 ELSE 0 END), 0) AS close,
		coalesce(sum(CASE WHEN main_level = ? AND submitted_at > ? AND submitted_at <= ? THEN 1 ELSE 0 END), 0) AS same
		FROM responses WHERE kiosk_id = ? AND submitted_at > ? AND submitted_at <= ?`,
	scope: 'SELECT ancestor_id AS id FROM unit_closure WHERE descendant_id = ? ORDER BY depth',
	link: 'INSERT INTO stats_parents (unit_id, parent_id) VALUES (?, ?) ON CONFLICT (unit_id) DO NOTHING',
	touchKiosk: 'UPDATE kiosks SET last_submission_at = ?, last_seen_at = ? WHERE id = ?',
	savepoint: 'SAVEPOINT answer',
	release: 'RELEASE answer',
	rollbackTo: 'ROLLBACK TO answer'
};

/** INSERT of `rows` pending rows of a table, by table and size. */
const pendingSql = new Map<string, string>();
export function insertPendingSql(spec: TableSpec, rows: number): string {
	const id = `${spec.name}:${rows}`;
	let text = pendingSql.get(id);
	if (!text) {
		text = insertSql(pendingTable(spec), [...keyColumns(spec), ...spec.measures], rows);
		pendingSql.set(id, text);
	}
	return text;
}

/**
 * The parameters of SQL.neighbours: whether another answer of the device lies within `gapMs`
 * either side of this one, and how many with the same level came in the minute before. Times
 * are ISO strings with milliseconds, so `< t` is `<= t - 1 ms`.
 */
/** The parameters of SQL.insertAnswer for one answer of response `responseId`. */
export function answerParams(responseId: string, a: AnswerRowValues) {
	return [responseId, a.questionKey, a.seq, a.valueInt, a.valueText, a.searchText];
}

/** The parameters of SQL.insertFollowUp: a new case, created as its response was received. */
export function followUpParams(f: FollowUpRow, row: ResponseRow) {
	return [
		f.id,
		row.id,
		row.unitId,
		f.phone,
		f.consentAt,
		f.phoneEraseAfter,
		'new',
		f.deadline,
		row.receivedAt,
		row.receivedAt
	];
}

export function neighbourParams(
	kioskId: string,
	submittedAt: string,
	mainLevel: number | null,
	gapMs: number
): (string | number | null)[] {
	const t = Date.parse(submittedAt);
	const iso = (ms: number) => new Date(ms).toISOString();
	const gap = Math.max(0, gapMs);
	const closeFrom = iso(t - gap);
	const closeTo = gap > 0 ? iso(t + gap - 1) : iso(t - 1); // gap 0: an empty range
	const burstFrom = iso(t - BURST_WINDOW_MS);
	return [
		closeFrom,
		closeTo,
		mainLevel,
		burstFrom,
		submittedAt,
		kioskId,
		gap > BURST_WINDOW_MS ? closeFrom : burstFrom,
		gap > 0 ? closeTo : submittedAt
	];
}

/** The pending day rows of the answers written, summed by key (stats/pending.ts). */
export function pendingDeltas(
	jobs: readonly IngestJob[],
	paths: Map<string, string[]>
): ReturnType<typeof emptyDeltas> {
	const deltas = emptyDeltas();
	for (const { row, answers } of jobs) {
		const reasons = answers.filter((a) => a.questionKey === REASONS_KEY).map((a) => a.valueText);
		addResponse(deltas, row, reasons, paths.get(row.unitId)!, 'day');
	}
	return deltas;
}

/** Parameters of the INSERTs of pending rows, ROWS_PER_INSERT rows then one at a time. */
export function pendingInserts(
	spec: TableSpec,
	deltas: Deltas
): [sql: string, params: (string | number)[]][] {
	const rows = [...deltas.rows.values()];
	const out: [string, (string | number)[]][] = [];
	let i = 0;
	for (const size of [ROWS_PER_INSERT, 1]) {
		for (; i + size <= rows.length; i += size) {
			const params: (string | number)[] = [];
			for (let j = i; j < i + size; j++) params.push(...rows[j].key, ...rows[j].values);
			out.push([insertPendingSql(spec, size), params]);
		}
	}
	return out;
}

/** Each device's latest answer time, once per batch: the parameters of SQL.touchKiosk. */
export function kioskTouches(jobs: readonly IngestJob[]): [string, string, string][] {
	const latest = new Map<string, string>();
	for (const { row } of jobs) if (row.kioskId) latest.set(row.kioskId, row.receivedAt);
	return [...latest].map(([id, at]) => [at, at, id]);
}

export class BatchWriter {
	private readonly begin: SQLite.Statement;
	private readonly commit: SQLite.Statement;
	private readonly rollback: SQLite.Statement;

	constructor(private readonly sqlite: SQLite.Database) {
		this.begin = sqlite.prepare('BEGIN IMMEDIATE');
		this.commit = sqlite.prepare('COMMIT');
		this.rollback = sqlite.prepare('ROLLBACK');
	}

	private statement(sql: string): SQLite.Statement {
		return statementOn(this.sqlite, sql);
	}

	/**
	 * Writes the jobs in one transaction and commits it; returns one outcome per job, in order.
	 * Throws only when the transaction itself cannot begin or commit (then nothing was written).
	 */
	write(jobs: readonly IngestJob[]): IngestOutcome[] {
		this.begin.run();
		try {
			const outcomes = jobs.map((job) => this.one(job));
			const written = jobs.filter((_, i) => outcomes[i].kind === 'created');
			this.appendSummaries(written);
			this.touchKiosks(written);
			this.commit.run();
			return outcomes;
		} catch (error) {
			if (this.sqlite.inTransaction) this.rollback.run();
			throw error;
		}
	}

	private one(job: IngestJob): IngestOutcome {
		this.statement(SQL.savepoint).run();
		try {
			const outcome = this.insert(job);
			this.statement(SQL.release).run();
			return outcome;
		} catch (error) {
			this.statement(SQL.rollbackTo).run();
			this.statement(SQL.release).run();
			return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
		}
	}

	private insert(job: IngestJob): IngestOutcome {
		const row = job.row;
		if (row.kioskId && job.kioskTokenHash !== null) {
			const device = this.statement(SQL.device).get(row.kioskId) as
				{ tokenHash: string | null; revokedAt: string | null } | undefined;
			if (!device || device.revokedAt || device.tokenHash !== job.kioskTokenHash) {
				return { kind: 'unpaired', revoked: Boolean(device?.revokedAt) };
			}
		}
		if (row.kioskId) {
			const near = this.neighbours(row.kioskId, row.submittedAt, row.mainLevel, job.minIntervalMs);
			if (near.tooSoon) {
				// A re-send of an answer already in (the same UUID racing itself) is not "too soon".
				const stored = this.stored(row.id);
				return stored ? { kind: 'exists', stored } : { kind: 'too_soon' };
			}
			row.flagBurst = Number(near.sameLevel >= BURST_SIZE - 1);
		}
		const inserted = this.statement(SQL.insertResponse).run(RESPONSE_COLUMNS.map((c) => row[c]));
		if (inserted.changes !== 1) return { kind: 'exists', stored: this.stored(row.id)! };
		const answer = this.statement(SQL.insertAnswer);
		for (const a of job.answers) answer.run(answerParams(row.id, a));
		if (job.followUp) {
			this.statement(SQL.insertFollowUp).run(followUpParams(job.followUp, row));
		}
		return { kind: 'created' };
	}

	private stored(id: string): StoredResponse | undefined {
		return this.statement(SQL.stored).get(id) as StoredResponse | undefined;
	}

	/**
	 * The device's other answers around this one, in one range read of responses(kiosk_id,
	 * submitted_at): whether one lies within the minimum interval either side (too soon), and how
	 * many with the same level came in the minute before (a burst). Times are ISO strings with
	 * milliseconds, so `< t` is `<= t - 1 ms`.
	 */
	private neighbours(
		kioskId: string,
		submittedAt: string,
		mainLevel: number | null,
		gapMs: number
	): { tooSoon: boolean; sameLevel: number } {
		const r = this.statement(SQL.neighbours).get(
			...neighbourParams(kioskId, submittedAt, mainLevel, gapMs)
		) as { close: number; same: number };
		return { tooSoon: r.close > 0, sameLevel: r.same };
	}

	/** Each unit with its ancestors, nearest first, and the parent links the rollups were written under. */
	private scopes(unitIds: string[]): Map<string, string[]> {
		const read = this.statement(SQL.scope);
		const link = this.statement(SQL.link);
		const paths = new Map<string, string[]>();
		const linked = new Set<string>();
		for (const unitId of unitIds) {
			const path = (read.all(unitId) as { id: string }[]).map((r) => r.id);
			if (path.length === 0) path.push(unitId);
			paths.set(unitId, path);
			// Noted so that a unit moved later is noticed (stats/write.ts recordParents).
			path.forEach((id, i) => {
				if (linked.has(id)) return;
				linked.add(id);
				link.run(id, path[i + 1] ?? '');
			});
		}
		return paths;
	}

	private appendSummaries(jobs: IngestJob[]): void {
		if (jobs.length === 0) return;
		const paths = this.scopes([...new Set(jobs.map((j) => j.row.unitId))]);
		const deltas = pendingDeltas(jobs, paths);
		for (const spec of Object.values(TABLES)) {
			for (const [text, params] of pendingInserts(spec, deltas[spec.name])) {
				this.statement(text).run(params);
			}
		}
	}

	private touchKiosks(jobs: IngestJob[]): void {
		const touch = this.statement(SQL.touchKiosk);
		for (const params of kioskTouches(jobs)) touch.run(...params);
	}
}
