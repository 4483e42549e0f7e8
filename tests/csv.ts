import { parseString } from '@fast-csv/parse';

/**
 * The rows of an exported CSV file (without its byte order mark), keyed by header, read with an
 * RFC 4180 parser (fast-csv, which exceljs ships): for the server and the browser tests alike.
 */
export function parseCsv(text: string): Promise<Record<string, string>[]> {
	return new Promise((resolve, reject) => {
		const rows: Record<string, string>[] = [];
		parseString(text, { headers: true })
			.on('data', (r: Record<string, string>) => rows.push(r))
			.on('error', reject)
			.on('end', () => resolve(rows));
	});
}
