import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { DbOrTx } from '../db';
import * as stats from '../stats';
import { CASE_COLUMNS, caseRows, countCases } from './cases-table';
import { BOM, csvLine } from './csv';
import {
	FIXED_COLUMNS,
	FLAG_COLUMNS,
	answerCells,
	answerHeaders,
	questionColumns,
	type Cell,
	type Column
} from './columns';
import type { Scope } from './describe';
import { loadLookups, type Lookups } from './lookups';
import type { ExportRequest } from './request';
import {
	commentChunks,
	countComments,
	countResponses,
	responseChunks,
	type CommentRow,
	type ResponseRow
} from './rows';
import { writeSummarySheets } from './summary-sheets';
import { vietnamWallClock, wallClockText } from './time';
import { addRow, keepUp, newWorkbook, tableSheet, type Sheet } from './xlsx';

// One export from its request to bytes on `out`: the same code serves the immediate download
// and the background job (jobs.ts), so both give the same file.

/** Answer rows of an export (summary exports count none): what decides "large". */
export async function countRows(db: DbOrTx, req: ExportRequest): Promise<number> {
	if (req.content === 'summary') return 0;
	if (req.content === 'cases') return countCases(db, req);
	const view = await stats.prepare(db, req.query.filters);
	if (req.content === 'comments') return countComments(db, view, req);
	return (await countResponses(db, view)).total;
}

/** A table going out: a sheet of the workbook, or the CSV file. */
interface Sink {
	row(cells: Cell[]): Promise<void>;
	close(): Promise<void>;
}

/** Thrown when the reader went away (a download cancelled): the export stops reading. */
export class OutputClosed extends Error {}

async function write(out: Writable, text: string): Promise<void> {
	if (out.destroyed) throw new OutputClosed('the output was closed');
	if (!out.write(text)) await drained(out);
}

/** The next 'drain' (or 'close': a reader gone never drains), leaving no listener behind. */
function drained(out: Writable): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			out.off('drain', done);
			out.off('close', done);
			resolve();
		};
		out.on('drain', done);
		out.on('close', done);
	});
}

function csvSink(out: Writable, columns: Column[]): Sink {
	let started = false;
	return {
		async row(cells) {
			if (!started) {
				started = true;
				await write(out, BOM + csvLine(columns.map((c) => c.header)));
			}
			await write(out, csvLine(cells.map((c) => (c instanceof Date ? wallClockText(c) : c))));
		},
		async close() {
			if (!started) await write(out, BOM + csvLine(columns.map((c) => c.header)));
			out.end();
			await once(out, 'finish');
		}
	};
}

function sheetSink(sheet: Sheet, out: Writable): Sink {
	let rows = 0;
	return {
		async row(cells) {
			if (out.destroyed) throw new OutputClosed('the output was closed');
			if (++rows % 500 === 0) await keepUp(sheet);
			addRow(sheet, cells);
		},
		async close() {
			sheet.commit();
		}
	};
}

/**
 * Lets the event loop (HTTP requests, the answer writer's acknowledgements) run: an export
 * streamed at once runs on the server's thread, so it steps aside every BREATHE_EVERY rows
 * (about 10-30 ms of work on this machine) and after every chunk's queries.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
const BREATHE_EVERY = 100;

function place(lk: Lookups, view: stats.View, r: ResponseRow): Cell[] {
	const unit = view.tree.byId.get(r.unitId);
	const version = lk.versions.get(r.surveyVersionId);
	return [
		vietnamWallClock(r.submittedAt),
		r.id,
		unit?.code ?? r.unitId,
		unit?.name ?? null,
		r.counterId ? (lk.counters.get(r.counterId) ?? r.counterId) : null,
		r.officerId ? (lk.officers.get(r.officerId) ?? r.officerId) : null,
		r.procedureFieldId ? (lk.fields.get(r.procedureFieldId) ?? r.procedureFieldId) : null,
		r.channel,
		version?.surveyCode ?? null,
		version?.version ?? null,
		r.satisfied
	];
}

export type Progress = (rowsDone: number) => void | Promise<void>;

/** Writes one kind of table (answers, comments, cases) to the sink `open` gives for its columns. */
type TableWriter = (
	db: DbOrTx,
	req: ExportRequest,
	open: (columns: Column[]) => Sink,
	progress: Progress
) => Promise<number>;

/**
 * Writes the rows of each chunk as `cells` gives them (a row with its chunk, where the chunk
 * carries more than its rows), stepping aside as it goes and reporting progress after each
 * chunk, then closes the sink. Returns the rows written.
 */
async function writeChunks<C, R>(
	sink: Sink,
	chunks: AsyncIterable<C>,
	rowsOf: (chunk: C) => R[],
	cells: (row: R, chunk: C) => Cell[],
	progress: Progress
): Promise<number> {
	let done = 0;
	for await (const chunk of chunks) {
		const rows = rowsOf(chunk);
		for (const [i, r] of rows.entries()) {
			if (i % BREATHE_EVERY === BREATHE_EVERY - 1) await breathe();
			await sink.row(cells(r, chunk));
		}
		done += rows.length;
		await progress(done);
		await breathe();
	}
	await sink.close();
	return done;
}

const responsesTable: TableWriter = async (db, req, open, progress) => {
	const view = await stats.prepare(db, req.query.filters);
	const lk = await loadLookups(db);
	const { versionIds } = await countResponses(db, view);
	const questions = questionColumns(
		versionIds.flatMap((id) => (lk.versions.has(id) ? [lk.versions.get(id)!] : []))
	);
	const sink = open([...FIXED_COLUMNS, ...answerHeaders(questions, req.labels), ...FLAG_COLUMNS]);
	return writeChunks(
		sink,
		responseChunks(db, view),
		(chunk) => chunk.rows,
		(r, { answers }) => [
			...place(lk, view, r),
			...answerCells(
				questions,
				req.labels,
				lk.versions.get(r.surveyVersionId),
				answers.get(r.id) ?? []
			),
			r.flagBurst,
			r.flagOutOfHours
		],
		progress
	);
};

const COMMENT_COLUMNS: Column[] = [
	...FIXED_COLUMNS,
	{ header: 'Mức đánh giá', kind: 'text', width: 18 },
	{ header: 'Câu hỏi', kind: 'text', width: 16 },
	{ header: 'Ý kiến', kind: 'text', width: 60 },
	...FLAG_COLUMNS
];

const commentsTable: TableWriter = async (db, req, open, progress) => {
	const view = await stats.prepare(db, req.query.filters);
	const lk = await loadLookups(db);
	const sink = open(COMMENT_COLUMNS);
	const cells = (r: CommentRow): Cell[] => {
		const def = lk.versions.get(r.surveyVersionId)?.definition;
		const main = def?.questions.find((q) => q.key === def.mainQuestion);
		const level =
			main?.type === 'rating' && r.mainLevel !== null
				? req.labels === 'text'
					? (main.levels.find((l) => l.value === r.mainLevel)?.label.vi ?? String(r.mainLevel))
					: r.mainLevel
				: null;
		return [...place(lk, view, r), level, r.questionKey, r.comment, r.flagBurst, r.flagOutOfHours];
	};
	return writeChunks(sink, commentChunks(db, view, req), (rows) => rows, cells, progress);
};

const casesTable: TableWriter = async (db, req, open, progress) => {
	const sink = open(CASE_COLUMNS);
	return writeChunks(
		sink,
		caseRows(db, req),
		(rows) => rows,
		(row) => row,
		progress
	);
};

/**
 * Writes the export to `out` and ends it; returns the answer rows written. `progress` is
 * called after every chunk.
 */
export async function produce(
	db: DbOrTx,
	req: ExportRequest,
	scope: Scope,
	out: Writable,
	progress: Progress = () => {}
): Promise<number> {
	if (req.format === 'csv') {
		const open = (columns: Column[]) => csvSink(out, columns);
		if (req.content === 'cases') return casesTable(db, req, open, progress);
		return req.content === 'comments'
			? commentsTable(db, req, open, progress)
			: responsesTable(db, req, open, progress);
	}
	const wb = newWorkbook(out);
	let rows = 0;
	const open = (name: string) => (columns: Column[]) =>
		sheetSink(tableSheet(wb, name, columns), out);
	if (req.content === 'summary') {
		const figures = await stats.dashboard(db, req.query.filters, {
			comparison: req.query.comparison
		});
		writeSummarySheets(wb, figures, scope, await stats.reasonLabels(db), req.labels);
	} else if (req.content === 'cases') {
		rows = await casesTable(db, req, open('Phản hồi người dân'), progress);
	} else if (req.content === 'comments') {
		rows = await commentsTable(db, req, open('Ý kiến'), progress);
	} else {
		rows = await responsesTable(db, req, open('Phản hồi'), progress);
	}
	const finished = once(out, 'finish');
	await wb.commit();
	await finished;
	return rows;
}
