import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as exports from '../../src/lib/server/exports';
import { OutputClosed } from '../../src/lib/server/exports/produce';
import * as stats from '../../src/lib/server/stats';
import { resolveQuery, type Asker } from '../../src/lib/server/stats/query';
import type { Db } from '../../src/lib/server/db/index';
import {
	ADMIN,
	HOSTILE,
	TODAY,
	VIETNAMESE,
	exportBytes,
	exportWorld,
	parseCsv,
	readXlsx,
	sheetRecords
} from './exports-world';

// The files are read back (exceljs; an RFC 4180 parser) and held to what /api/v1/stats answers
// for the same parameters: resolveQuery then stats.dashboard, exactly the endpoint's two calls.

async function apiFigures(db: Db, asker: Asker, params: Record<string, string>) {
	const q = await resolveQuery(db, asker, new URLSearchParams(params), TODAY);
	if (!q.ok) throw new Error('bad query');
	return stats.dashboard(db, q.filters, { comparison: q.comparison });
}

const FILTER_SETS: Record<string, string>[] = [
	// The new Tân Bình with the old one merged into it, over a year that spans the merger.
	{ unit: 'TBM', period: 'custom', from: '2025-06-01', to: '2026-03-31' },
	// The first quarter, from Phụng Hiệp district (predecessors only) and from the city.
	{ unit: 'CT', period: 'quarter', year: '2026', quarter: '1' },
	{ unit: 'PH', period: 'custom', from: '2025-01-01', to: '2025-12-31', compare: 'none' },
	// Filters: channel, survey, field, flagged answers out.
	{ unit: 'TBM', period: 'custom', from: '2025-06-01', to: '2026-03-31', channel: 'web' },
	{ period: 'custom', from: '2025-06-01', to: '2026-03-31', survey: 'DESK3', exclude_flagged: '1' },
	{ unit: 'CT', period: 'custom', from: '2026-01-01', to: '2026-03-31', field: 'ho-tich' }
];

describe('XLSX summary', () => {
	it.each(FILTER_SETS)('has the figures of /api/v1/stats for %o', async (params) => {
		const { db } = await exportWorld();
		const want = await apiFigures(db, ADMIN, params);
		expect(want.headline.responses).toBeGreaterThan(0);
		const { bytes } = await exportBytes(db, ADMIN, { ...params, format: 'xlsx' });
		const wb = await readXlsx(bytes);
		expect(wb.worksheets.map((s) => s.name)).toEqual([
			'Tổng hợp',
			'Đơn vị',
			'Cán bộ',
			'Lĩnh vực',
			'Theo thời gian',
			'Lý do',
			'Khung giờ'
		]);

		const overview = wb.getWorksheet('Tổng hợp')!;
		const byLabel = new Map<string, ExcelJS.CellValue[]>();
		overview.eachRow((row) => {
			const v = row.values as ExcelJS.CellValue[];
			if (typeof v[1] === 'string') byLabel.set(v[1], v);
		});
		const h = want.headline;
		expect(byLabel.get('Số phản hồi')![2]).toBe(h.responses);
		const rate = byLabel.get('Tỷ lệ hài lòng')!;
		expect(rate[2]).toBeCloseTo(h.satisfaction.rate!, 12);
		expect(rate[3]).toBe(h.satisfaction.n);
		expect(rate[4]).toBeCloseTo(h.satisfaction.low!, 12);
		expect(rate[5]).toBeCloseTo(h.satisfaction.high!, 12);
		// Under 30 rated answers: marked as the dashboard marks it.
		expect(rate[8] ?? null).toBe(h.satisfaction.tooFew ? 'chưa đủ dữ liệu' : null);
		const happy = byLabel.get('Chỉ số hài lòng (0–100)')!;
		expect(happy[2]).toBeCloseTo(h.happyIndex.value!, 12);
		if (h.comparison) {
			expect(byLabel.get('Số phản hồi')![6]).toBe(h.comparison.responses);
			expect(byLabel.get('Số phản hồi')![7]).toBe(h.change!.responses.delta);
		} else {
			expect(byLabel.get('Số phản hồi')![6] ?? null).toBe(null);
		}

		const units = sheetRecords(wb.getWorksheet('Đơn vị')!);
		expect(units.map((u) => [u['Mã đơn vị'], u['Số phản hồi'], u['Số hài lòng']])).toEqual(
			want.ranking.map((u) => [u.code, u.responses, u.satisfaction.satisfied])
		);
		const officers = sheetRecords(wb.getWorksheet('Cán bộ')!);
		expect(officers.map((o) => o['Số phản hồi'])).toEqual(want.officers.map((o) => o.responses));
		const trend = sheetRecords(wb.getWorksheet('Theo thời gian')!);
		expect(trend.map((p) => p['Số phản hồi'])).toEqual(want.trend.points.map((p) => p.responses));
		const reasons = sheetRecords(wb.getWorksheet('Lý do')!);
		expect(reasons.map((r) => [r['Mã lý do'], r['Số lần chọn']])).toEqual(
			want.reasons.map((r) => [r.reason, r.count])
		);
		const hours = sheetRecords(wb.getWorksheet('Khung giờ')!);
		expect(hours.reduce((a, r) => a + Number(r['Số phản hồi']), 0)).toBe(
			want.heatmap.reduce((a, c) => a + c.responses, 0)
		);
	});

	it('says the scope in words, formats shares as percentages and prints on A4 landscape', async () => {
		const { db } = await exportWorld();
		const { bytes } = await exportBytes(db, ADMIN, FILTER_SETS[0]);
		const wb = await readXlsx(bytes);
		const overview = wb.getWorksheet('Tổng hợp')!;
		const text = JSON.stringify(overview.getSheetValues());
		expect(text).toContain('Xã Tân Bình (mới) (TBM)');
		expect(text).toContain('Từ ngày 01/06/2025 đến ngày 31/03/2026');
		const trend = wb.getWorksheet('Theo thời gian')!;
		expect(trend.getRow(1).getCell(6).value).toBe('Tỷ lệ hài lòng');
		const rated = trend.getColumn(6).values.findIndex((v, i) => i > 1 && typeof v === 'number');
		expect(rated).toBeGreaterThan(1);
		expect(trend.getRow(rated).getCell(6).numFmt).toBe('0.0%');
		const units = wb.getWorksheet('Đơn vị')!;
		expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(units.autoFilter).toBe('A1:M1');
		expect(units.pageSetup).toMatchObject({
			paperSize: 9,
			orientation: 'landscape',
			fitToWidth: 1,
			fitToHeight: 0,
			printTitlesRow: '1:1'
		});
	});
});

describe('answers (Phản hồi) and comments (Ý kiến)', () => {
	it.each(FILTER_SETS)('count what /api/v1/stats counts, for %o', async (params) => {
		const { db } = await exportWorld();
		const want = await apiFigures(db, ADMIN, params);
		const xlsx = await exportBytes(db, ADMIN, { ...params, content: 'responses' });
		const records = sheetRecords((await readXlsx(xlsx.bytes)).getWorksheet('Phản hồi')!);
		expect(xlsx.rows).toBe(want.headline.responses);
		expect(records).toHaveLength(want.headline.responses);
		expect(records.filter((r) => r['Hài lòng'] === 1)).toHaveLength(
			want.headline.satisfaction.satisfied
		);

		const csv = await exportBytes(db, ADMIN, { ...params, content: 'responses', format: 'csv' });
		const text = csv.bytes.toString('utf8');
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows = await parseCsv(text.slice(1));
		expect(rows).toHaveLength(want.headline.responses);
		expect(rows.filter((r) => r['Hài lòng'] === '1')).toHaveLength(
			want.headline.satisfaction.satisfied
		);
		// The same columns as the sheet.
		expect(Object.keys(rows[0])).toEqual(Object.keys(records[0]));
		// Reasons: one 0/1 column per option, counted as the Lý do figures count them.
		const wait = want.reasons.find((r) => r.reason === 'wait')?.count ?? 0;
		expect(rows.filter((r) => r['reasons.wait'] === '1')).toHaveLength(wait);
	});

	it('writes times in Vietnam time, codes or labels, and never a phone number', async () => {
		const { db, specs } = await exportWorld();
		const params = { ...FILTER_SETS[0], content: 'responses' };
		const labelled = sheetRecords(
			(await readXlsx((await exportBytes(db, ADMIN, params)).bytes)).getWorksheet('Phản hồi')!
		);
		const r001 = labelled.find((r) => r['Mã phản hồi'] === 'r001')!;
		// r001: 2025-06-20 at 07:00 Vietnam time, a real date in the sheet.
		expect(r001['Thời gian (giờ Việt Nam)']).toBeInstanceOf(Date);
		expect((r001['Thời gian (giờ Việt Nam)'] as Date).toISOString()).toBe(
			'2025-06-20T07:00:00.000Z'
		);
		expect(r001['Mã đơn vị']).toBe('TB');
		expect(r001['Đơn vị']).toBe('Xã Tân Bình');
		expect(r001['satisfaction']).toBe('Không hài lòng');
		const r002 = labelled.find((r) => r['Mã phản hồi'] === 'r002')!;
		expect(r002['reasons']).toBe('Phải chờ lâu; Lý do khác');
		expect(r002['Cán bộ']).toBe('Nguyễn Thị Hằng');
		expect(Object.keys(r001)).not.toContain('phone');

		const coded = await exportBytes(db, ADMIN, { ...params, format: 'csv', labels: 'codes' });
		const rows = await parseCsv(coded.bytes.toString('utf8').slice(1));
		const c001 = rows.find((r) => r['Mã phản hồi'] === 'r001')!;
		expect(c001['Thời gian (giờ Việt Nam)']).toBe('2025-06-20 07:00:00');
		expect(c001['satisfaction']).toBe('1');
		expect(rows.find((r) => r['Mã phản hồi'] === 'r002')!['reasons']).toBe('wait; other');
		expect(Object.keys(c001).some((k) => /phone|điện thoại/i.test(k))).toBe(false);
		expect(specs.length).toBe(42);
	});

	it('exports comments with Vietnamese intact and hostile text neutralised', async () => {
		const { db } = await exportWorld();
		const params = { unit: 'TBM', period: 'custom', from: '2025-06-01', to: '2026-03-31' };
		const xlsx = await exportBytes(db, ADMIN, { ...params, content: 'comments' });
		const sheet = (await readXlsx(xlsx.bytes)).getWorksheet('Ý kiến')!;
		const comments = sheetRecords(sheet).map((r) => r['Ý kiến']);
		expect(comments.sort()).toEqual([VIETNAMESE, ...HOSTILE].sort());
		// Plain strings in the sheet: no cell is a formula, and the file holds no <f> element.
		sheet.eachRow((row) =>
			row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))
		);
		const zip = await JSZip.loadAsync(xlsx.bytes);
		for (const name of Object.keys(zip.files).filter((n) => n.includes('worksheets/'))) {
			expect(await zip.file(name)!.async('string')).not.toMatch(/<f[ >]/);
		}

		const csv = await exportBytes(db, ADMIN, { ...params, content: 'comments', format: 'csv' });
		const text = csv.bytes.toString('utf8');
		const rows = await parseCsv(text.slice(1));
		const got = rows.map((r) => r['Ý kiến']).sort();
		expect(got).toEqual(
			[
				VIETNAMESE,
				`'=HYPERLINK("http://x","y")`,
				`'+cmd|' /C calc'!A0`,
				`'@SUM(1+1)`,
				`'-2+3`,
				`'\tTab đầu dòng`
			].sort()
		);
		// RFC 4180: the comment with quotes and a comma is quoted, its quotes doubled.
		expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
	});

	it('exports the comments page view: rating and search filters, no dates meaning all', async () => {
		const { db } = await exportWorld();
		const all = await exportBytes(db, ADMIN, { unit: 'TBM', content: 'comments', format: 'csv' });
		expect(all.rows).toBe(1 + HOSTILE.length);
		const found = await exportBytes(db, ADMIN, {
			unit: 'TBM',
			content: 'comments',
			format: 'csv',
			q: 'huong dan'
		});
		const rows = await parseCsv(found.bytes.toString('utf8').slice(1));
		expect(rows.map((r) => r['Ý kiến'])).toEqual([VIETNAMESE]);
	});
});

describe('access', () => {
	it('refuses a unit outside the asker’s subtree with 403, and bad parameters with 400', async () => {
		const { db, tree } = await exportWorld();
		const viewer: Asker = { role: 'viewer', unitId: tree.ha.id };
		const forged = await exports.parseExport(
			db,
			viewer,
			new URLSearchParams({ unit: 'TBM', content: 'responses' }),
			TODAY
		);
		expect(forged).toMatchObject({ ok: false, status: 403, code: 'forbidden' });
		const own = await exports.parseExport(db, viewer, new URLSearchParams({ unit: 'HA' }), TODAY);
		expect(own.ok).toBe(true);
		const bad = await exports.parseExport(
			db,
			ADMIN,
			new URLSearchParams({ format: 'pdf', content: 'summary' }),
			TODAY
		);
		expect(bad).toMatchObject({ ok: false, status: 400, details: { format: 'Use xlsx or csv' } });
		const csvSummary = await exports.parseExport(
			db,
			ADMIN,
			new URLSearchParams({ format: 'csv', content: 'summary' }),
			TODAY
		);
		expect(csvSummary).toMatchObject({ ok: false, status: 400 });
	});
});

describe('follow-up cases (the cases list)', () => {
	it('exports the list as the cases page filters it, never with the phone number', async () => {
		const { db, tree, commented } = await exportWorld();
		const at = '2026-03-02T02:00:00.000Z';
		for (const [i, s] of commented.slice(0, 3).entries()) {
			await db
				.insertInto('followUpCases')
				.values({
					id: `case-${i}`,
					responseId: s.id,
					unitId: s.unitId,
					phone: '0912345678',
					consentAt: at,
					phoneEraseAfter: '2026-09-02T02:00:00.000Z',
					status: i === 2 ? 'resolved' : 'new',
					deadline: '2026-03-09',
					assignedTo: null,
					createdAt: at,
					updatedAt: at,
					resolvedAt: i === 2 ? at : null
				})
				.execute();
		}
		const viewer: Asker = { role: 'viewer', unitId: tree.tbNew.id };
		const open = await exportBytes(db, viewer, { content: 'cases', format: 'csv' });
		const text = open.bytes.toString('utf8');
		expect(text).not.toContain('0912345678');
		const rows = await parseCsv(text.slice(1));
		expect(rows.map((r) => r['Mã phản hồi']).sort()).toEqual(['case-0', 'case-1']);
		expect(rows.map((r) => r['Trạng thái'])).toEqual(['Mới', 'Mới']);
		expect(rows.find((r) => r['Mã phản hồi'] === 'case-0')!['Ý kiến']).toBe(VIETNAMESE);
		expect(rows.find((r) => r['Mã phản hồi'] === 'case-1')!['Ý kiến']).toBe(`'${HOSTILE[0]}`);

		const all = await exportBytes(db, viewer, { content: 'cases', status: 'all' });
		const sheet = (await readXlsx(all.bytes)).getWorksheet('Phản hồi người dân')!;
		expect(sheetRecords(sheet)).toHaveLength(3);
		expect(JSON.stringify(sheet.getSheetValues())).not.toContain('0912345678');

		const outside = await exports.parseExport(
			db,
			{ role: 'viewer', unitId: tree.ha.id },
			new URLSearchParams({ content: 'cases', unit: 'TBM' }),
			TODAY
		);
		expect(outside).toMatchObject({ ok: false, status: 403 });
	});
});

describe('a cancelled download', () => {
	it('stops reading when the reader goes away', async () => {
		const { db } = await exportWorld();
		const parsed = await exports.parseExport(
			db,
			ADMIN,
			new URLSearchParams({ ...FILTER_SETS[0], content: 'responses', format: 'csv' }),
			TODAY
		);
		if (!parsed.ok) throw new Error('refused');
		const out = new PassThrough();
		let lines = 0;
		out.on('data', () => {
			if (++lines === 2) out.destroy();
		});
		const scope = await exports.describeScope(db, parsed.request);
		await expect(exports.produce(db, parsed.request, scope, out)).rejects.toBeInstanceOf(
			OutputClosed
		);
		expect(lines).toBe(2);
	});
});
