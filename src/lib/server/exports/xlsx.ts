import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { Cell, CellKind, Column } from './columns';

// XLSX through exceljs's streaming writer: each row is committed (written to the zip stream)
// as it is added, so a million rows never sit in memory. Every sheet prints on A4 landscape,
// fitted to the page width, its header row repeated; tables get a frozen header and a filter.
// Text is always written as a plain string: exceljs writes a formula only when given one, so a
// comment such as =HYPERLINK(…) stays text (safe-text.ts).

export type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;
export type Sheet = ExcelJS.Worksheet;

const FORMATS: Partial<Record<CellKind, string>> = {
	datetime: 'dd/mm/yyyy hh:mm:ss',
	date: 'dd/mm/yyyy',
	percent: '0.0%',
	number: '0.0',
	int: '0'
};

export function newWorkbook(stream: Writable): Workbook {
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream,
		useStyles: true,
		useSharedStrings: false
	});
	wb.creator = 'Ý Kiến';
	return wb;
}

const A4 = 9;

function pageSetup(titleRow: number | null): Partial<ExcelJS.PageSetup> {
	return {
		paperSize: A4,
		orientation: 'landscape',
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0,
		...(titleRow ? { printTitlesRow: `${titleRow}:${titleRow}` } : {})
	};
}

/** Column letters: 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
	let s = '';
	for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
		s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
	return s;
}

/**
 * One style object per column, shared by its cells. exceljs gives every new cell a fresh copy of
 * its column's style and then looks each copy up by serialising it (about a seventh of the
 * time of a big export); a cell holding the column's own object is found in its WeakMap cache.
 */
const columnStyles = new WeakMap<Sheet, Partial<ExcelJS.Style>[]>();

/** A sheet that is one table: the header on row 1, frozen, filtered and repeated on print. */
export function tableSheet(wb: Workbook, name: string, columns: Column[]): Sheet {
	const sheet = wb.addWorksheet(name, {
		views: [{ state: 'frozen', ySplit: 1 }],
		pageSetup: pageSetup(1)
	});
	sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
	columnStyles.set(
		sheet,
		columns.map((c) => Object.freeze(FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {}))
	);
	sheet.autoFilter = `A1:${columnLetter(columns.length)}1`;
	const header = sheet.getRow(1);
	header.font = { bold: true };
	header.commit();
	return sheet;
}

/** A free-form sheet (the summary): no frozen header, printed the same way. */
export function plainSheet(wb: Workbook, name: string, widths: number[]): Sheet {
	const sheet = wb.addWorksheet(name, { pageSetup: pageSetup(null) });
	sheet.columns = widths.map((width) => ({ width }));
	return sheet;
}

export function addRow(
	sheet: Sheet,
	cells: Cell[],
	style?: { bold?: boolean; formats?: (CellKind | null)[] }
): void {
	const row = sheet.addRow(cells);
	const shared = columnStyles.get(sheet);
	if (shared) {
		for (let i = 0; i < cells.length; i++) {
			if (cells[i] !== null) row.getCell(i + 1).style = shared[i];
		}
	}
	if (style?.bold) row.font = { bold: true };
	style?.formats?.forEach((kind, i) => {
		const fmt = kind ? FORMATS[kind] : undefined;
		if (fmt) row.getCell(i + 1).numFmt = fmt;
	});
	row.commit();
}

/** Bytes of a sheet's XML waiting to be compressed before rows wait for the zip to catch up. */
const BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * Waits while the zip is behind. exceljs hands each sheet's XML to the archiver without
 * waiting (its StreamBuf ignores backpressure), and deflate is the slowest step of a big
 * export: without this the XML piled up in memory, about 130 MB per 100,000 rows measured
 * here. The archiver's pass-through in front of the compressor says how far behind it is
 * (archiver's bundled readable-stream has no writableLength, hence the internal state).
 */
export async function keepUp(sheet: Sheet): Promise<void> {
	type Piped = { destroyed?: boolean; _writableState?: { length: number } };
	const pipes = (sheet as unknown as { stream?: { pipes?: Piped[] } }).stream?.pipes ?? [];
	for (const pipe of pipes) {
		while ((pipe._writableState?.length ?? 0) > BACKLOG_BYTES && !pipe.destroyed) await sleep(5);
	}
}
