import { csvSafe } from './safe-text';

// CSV for Excel: UTF-8 with a byte order mark (without it Excel reads Vietnamese as Windows-1252),
// RFC 4180 quoting, CRLF line ends. Every text cell goes through the formula guard.

export const BOM = '\uFEFF';

export type CsvCell = string | number | null;

function cell(value: CsvCell): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = csvSafe(value);
	return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: CsvCell[]): string {
	return `${cells.map(cell).join(',')}\r\n`;
}
