import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../src/lib/server/db/index';
import * as exports from '../../src/lib/server/exports';
import * as stats from '../../src/lib/server/stats';
import type { Asker } from '../../src/lib/server/stats/query';
import { foldForSearch } from '../../src/lib/domain/text';
import { testDb } from './helpers';
import {
	addCounter,
	addField,
	addOfficer,
	addSurvey,
	mergedTree,
	writeBatch,
	type ResponseSpec
} from './stats-world';

// A world for the export tests: the merged Tân Bình of stats-world with answers over a quarter,
// Vietnamese and hostile comments, written through the answer writer's batch so the summary
// tables (which /api/v1/stats reads) hold them too.

export const TODAY = '2026-04-15';
export const HOSTILE = [
	'=HYPERLINK("http://x","y")',
	"+cmd|' /C calc'!A0",
	'@SUM(1+1)',
	'-2+3',
	'\tTab đầu dòng'
];
export const VIETNAMESE = 'Cán bộ hướng dẫn tận tình, nhưng phải chờ lâu — “rất đông”, 100%';

export async function exportWorld(given?: Db) {
	const db = given ?? (await testDb());
	const tree = await mergedTree(db);
	const desk = await addSurvey(db, 'DESK3', 'desk3');
	const sipas = await addSurvey(db, 'SIPAS', 'sipas');
	const officer = await addOfficer(db, tree.tb.id, 'Nguyễn Thị Hằng');
	const field = await addField(db, 'ho-tich', 'Hộ tịch');
	const counterTb = await addCounter(db, tree.tbNew.id, 1);
	const counterHa = await addCounter(db, tree.ha.id, 1);
	const specs: ResponseSpec[] = [];
	let n = 0;
	const days = ['2025-06-20', '2025-06-30', '2026-01-05', '2026-02-10', '2026-03-02', '2026-03-31'];
	for (const date of days) {
		for (let i = 0; i < 7; i++) {
			const old = date < '2025-07-01';
			specs.push({
				id: `r${String(++n).padStart(3, '0')}`,
				unitId: old ? tree.tb.id : i % 3 === 0 ? tree.ha.id : tree.tbNew.id,
				survey: i % 4 === 3 ? sipas : desk,
				date,
				hour: 7 + i,
				level: i % 4 === 3 ? 1 + (i % 5) : 1 + (i % 3),
				channel: i % 2 ? 'web' : 'kiosk',
				counterId: old ? null : i % 3 === 0 ? counterHa : counterTb,
				officerId: old && i % 2 ? officer : null,
				fieldId: i % 2 ? field : null,
				burst: i === 5,
				outOfHours: i === 6,
				reasons: i % 3 === 1 ? ['wait', 'other'] : []
			});
		}
	}
	await writeBatch(db, specs);
	await stats.foldAll(db);
	// Comments: Vietnamese and hostile ones, on responses of the new and old Tân Bình.
	const comments = [VIETNAMESE, ...HOSTILE];
	const commented = specs.filter((s) => s.unitId !== tree.ha.id).slice(0, comments.length);
	for (const [i, s] of commented.entries()) {
		await db
			.insertInto('responseAnswers')
			.values({
				responseId: s.id,
				questionKey: 'comment',
				seq: 0,
				valueInt: null,
				valueText: comments[i],
				searchText: foldForSearch(comments[i])
			})
			.execute();
	}
	return { db, tree, desk, sipas, officer, field, counterTb, counterHa, specs, commented };
}

export const ADMIN: Asker = { role: 'admin', unitId: null };

/** Runs an export as the endpoint does and returns its bytes. */
export async function exportBytes(db: Db, asker: Asker, params: Record<string, string>) {
	const parsed = await exports.parseExport(db, asker, new URLSearchParams(params), TODAY);
	if (!parsed.ok) throw new Error(`export refused: ${JSON.stringify(parsed)}`);
	const scope = await exports.describeScope(db, parsed.request);
	const out = new PassThrough();
	const parts: Buffer[] = [];
	out.on('data', (c: Buffer) => parts.push(c));
	const rows = await exports.produce(db, parsed.request, scope, out);
	return { rows, bytes: Buffer.concat(parts), request: parsed.request };
}

export async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes as unknown as ArrayBuffer);
	return wb;
}

/** A sheet's rows as objects keyed by the header of row 1. */
export function sheetRecords(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
	const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
	const out: Record<string, ExcelJS.CellValue>[] = [];
	sheet.eachRow((row, i) => {
		if (i === 1) return;
		const values = row.values as ExcelJS.CellValue[];
		out.push(Object.fromEntries(header.map((h, j) => [h, values[j + 1] ?? null])));
	});
	return out;
}

export { parseCsv } from '../csv';
