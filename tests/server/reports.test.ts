import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../src/lib/domain/metrics';
import { reportPeriod, type ReportPeriodInput } from '../../src/lib/domain/report-periods';
import type { Db } from '../../src/lib/server/db/index';
import * as reports from '../../src/lib/server/reports';
import * as stats from '../../src/lib/server/stats';
import * as users from '../../src/lib/server/users';
import { testDb } from './helpers';
import { docxText, docxXml, pdfPages, pdfTopMargins, squash } from './report-text';
import { reportWorld } from './report-world';
import { writeBatch } from './stats-world';

// The Decree 09 first quarter of 2026 and the periods it is compared with.
const Q1: ReportPeriodInput = { basis: 'cutoff', kind: 'quarter', year: 2026, index: 1 };
const RANGE = { from: '2025-12-15', to: '2026-03-14' };
const PREVIOUS = { from: '2025-09-15', to: '2025-12-14' };
const AS_OF = '2026-12-05';
const LABELS = { wait: { vi: 'Phải chờ lâu', en: 'Long wait' } };

const TEXTS: reports.ReportTexts = {
	issuer: 'Ủy ban nhân dân tỉnh Hậu Giang',
	number: 'Số: 12/BC-UBND',
	place: 'Phụng Hiệp',
	date: '2026-12-05',
	assessment: 'Người dân nhìn chung hài lòng với cách phục vụ tại bộ phận một cửa.',
	proposals: 'Bố trí thêm ghế chờ tại xã Tân Bình.',
	recipients: 'Ban Tuyên giáo và Dân vận Tỉnh ủy;\nLưu: VT.',
	signerTitle: 'KT. Chủ tịch\nPhó Chủ tịch',
	signerName: 'Nguyễn Văn Bình'
};

async function world() {
	const db = await testDb();
	const w = await reportWorld(db);
	// Comments: one in the quarter, one the day after it ends.
	await db
		.insertInto('responseAnswers')
		.values([
			{
				responseId: 'rw-40',
				questionKey: 'comment',
				seq: 0,
				valueInt: null,
				valueText: 'Cán bộ hướng dẫn tận tình, chu đáo.',
				searchText: 'can bo huong dan tan tinh, chu dao.'
			},
			{
				responseId: 'rw-99',
				questionKey: 'comment',
				seq: 0,
				valueInt: null,
				valueText: 'Ý kiến ngoài kỳ báo cáo.',
				searchText: 'y kien ngoai ky bao cao.'
			}
		])
		.execute();
	// Follow-up cases: on time, late, open and overdue, and one opened at 01:00 on 15/3 in
	// Vietnam (18:00 UTC on 14/3), after the quarter.
	const c = (
		id: string,
		responseId: string,
		createdAt: string,
		deadline: string,
		resolvedAt: string | null
	) => ({
		id,
		responseId,
		unitId: w.tb.id,
		phone: null,
		consentAt: null,
		phoneEraseAfter: null,
		status: resolvedAt ? ('resolved' as const) : ('new' as const),
		deadline,
		assignedTo: null,
		createdAt,
		updatedAt: createdAt,
		resolvedAt
	});
	await db
		.insertInto('followUpCases')
		.values([
			c('case-1', 'rw-29', '2026-01-05T02:00:00.000Z', '2026-01-12', '2026-01-12T09:00:00.000Z'),
			c('case-2', 'rw-30', '2026-02-02T02:00:00.000Z', '2026-02-09', '2026-02-20T03:00:00.000Z'),
			c('case-3', 'rw-31', '2026-03-10T02:00:00.000Z', '2026-03-17', null),
			c('case-4', 'rw-32', '2026-03-14T18:00:00.000Z', '2026-03-21', null)
		])
		.execute();
	return { db, ...w };
}

function input(unitId: string, commentIds: string[] = []): reports.ReportInput {
	return { template: 'results', unitId, period: Q1, texts: TEXTS, commentIds };
}

/** What /api/v1/stats returns for unit + the same dates: stats.dashboard, as the endpoint calls it. */
function api(db: Db, unitId: string) {
	return stats.dashboard(db, { unitId, ...RANGE }, { comparison: PREVIOUS });
}

/** "35 (45,5%)" from the API's distribution: the top level of each scale. */
function levelCells(f: stats.DashboardFigures): string {
	const n = f.headline.satisfaction.n;
	const top = f.distribution.reduce((s, d) => s + d.counts[d.levels - 1], 0);
	const sat = f.headline.satisfaction.satisfied;
	const cell = (k: number) => `${k} (${formatPercent(k / n, 'vi')})`;
	return `${n} ${cell(top)} ${cell(sat - top)} ${cell(n - sat)}`;
}

function rateCells(r: stats.Scored): string {
	const s = r.satisfaction;
	if (s.tooFew) return `${s.n} chưa đủ dữ liệu —`;
	const iv = `${formatPercent(s.low!, 'vi').replace('%', '')}–${formatPercent(s.high!, 'vi')}`;
	return `${s.n} ${formatPercent(s.rate!, 'vi')} ${iv}`;
}

describe('report figures come from the statistics module', () => {
	it('equal /api/v1/stats for the scope and for each unit, with ranks only above the minimum n', async () => {
		const { db, d, tb, ha, lt } = await world();
		const { figures } = await reports.compose(db, input(d.id), {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		const scope = await api(db, d.id);
		expect(figures.range).toEqual(RANGE);
		expect(figures.total.n).toBe(scope.headline.satisfaction.n);
		expect(figures.total.n).toBe(87);
		expect(figures.total.satisfied).toBe(scope.headline.satisfaction.satisfied);
		expect(figures.total.rate).toBe(scope.headline.satisfaction.rate);
		expect(figures.total.change.previous).toBe(scope.headline.change!.satisfaction.delta);
		// 66 of 87 now; 30 of 41 in the quarter before (its last day, 14/12, holds one answer).
		expect(figures.total.change.previous).toBeCloseTo(66 / 87 - 30 / 41, 12);
		expect(figures.channels).toEqual({ kiosk: 85, web: 2 });

		const tbApi = await api(db, tb.id);
		const haApi = await api(db, ha.id);
		const byCode = new Map(figures.units.map((u) => [u.code, u]));
		expect(byCode.get('TB')).toMatchObject({
			n: tbApi.headline.satisfaction.n,
			satisfied: tbApi.headline.satisfaction.satisfied,
			rate: tbApi.headline.satisfaction.rate,
			rank: 1
		});
		expect(byCode.get('HA')).toMatchObject({ n: 10, tooFew: true, rank: null });
		expect(haApi.headline.satisfaction.n).toBe(10);
		expect(byCode.get('LT')).toMatchObject({ n: 0, rank: null });
		expect(figures.silentUnits).toEqual([{ code: 'LT', name: lt.name }]);
		// Every answer of the district was given in a commune: no row for the district itself.
		expect(figures.units.map((u) => u.code)).toEqual(['TB', 'HA', 'LT']);

		// A commune with no unit below it: one row, its own, equal to the API's figures, unranked.
		const commune = await reports.compose(db, input(tb.id), {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		expect(commune.figures.units).toHaveLength(1);
		expect(commune.figures.units[0]).toMatchObject({
			own: true,
			code: 'TB',
			n: tbApi.headline.satisfaction.n,
			satisfied: tbApi.headline.satisfaction.satisfied,
			rate: tbApi.headline.satisfaction.rate,
			low: tbApi.headline.satisfaction.low,
			high: tbApi.headline.satisfaction.high,
			rank: null
		});
		expect(commune.figures.units[0].levels).toEqual(commune.figures.total.levels);
		const table = commune.document.blocks.find((b) => b.kind === 'table')!;
		expect(table.kind === 'table' && table.rows[0][1]).toBe('Xã Tân Bình (trực tiếp tại đơn vị)');
		// Officers: only Trần Thị Lan has 30 answers or more.
		expect(figures.officers.filter((o) => o.rank !== null).map((o) => o.label)).toEqual([
			'Trần Thị Lan'
		]);
		expect(figures.officers).toHaveLength(scope.officers.length);
		expect(figures.reasons).toEqual([{ reason: 'wait', label: LABELS.wait, count: 4 }]);
		expect(figures.cases).toEqual({
			received: 3,
			contacted: 2,
			resolvedOnTime: 1,
			resolvedLate: 1,
			open: 1,
			overdue: 1
		});
	});

	it('keeps only chosen comments of the scope and period', async () => {
		const { db, d } = await world();
		const { figures } = await reports.compose(db, input(d.id, ['rw-99', 'rw-40', 'nope']), {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		expect(figures.comments.map((c) => c.comment)).toEqual(['Cán bộ hướng dẫn tận tình, chu đáo.']);
	});
});

describe('the PDF and the DOCX', () => {
	it('carry the heading, date line, figures of the API and every column header on every table page', async () => {
		const { db, d, tb, ha } = await world();
		const { figures, document } = await reports.compose(db, input(d.id, ['rw-40']), {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		const files = await reports.renderFiles(figures, document, Q1);
		const pdf = files.find((f) => f.kind === 'pdf')!.content;
		const pages = pdfPages(pdf);
		const all = pages.join(' ');
		for (const text of [
			'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
			'Độc lập - Tự do - Hạnh phúc',
			'ỦY BAN NHÂN DÂN TỈNH HẬU GIANG',
			'HUYỆN PHỤNG HIỆP',
			'Số: 12/BC-UBND',
			'Phụng Hiệp, ngày 05 tháng 12 năm 2026',
			'BÁO CÁO',
			'(Từ ngày 15/12/2025 đến ngày 14/03/2026)',
			'I. TÌNH HÌNH CHUNG',
			'II. KẾT QUẢ LẤY Ý KIẾN',
			'III. THEO DÕI, XỬ LÝ Ý KIẾN CHƯA HÀI LÒNG',
			'IV. MỘT SỐ Ý KIẾN TIÊU BIỂU CỦA NGƯỜI DÂN',
			'V. ĐÁNH GIÁ CHUNG VÀ ĐỀ XUẤT, KIẾN NGHỊ',
			'“Cán bộ hướng dẫn tận tình, chu đáo.”',
			'Nơi nhận:',
			'- Ban Tuyên giáo và Dân vận Tỉnh ủy;',
			'KT. CHỦ TỊCH PHÓ CHỦ TỊCH',
			'Nguyễn Văn Bình',
			'đã giải quyết đúng hạn 1, giải quyết quá hạn 1, còn đang xử lý 1 (trong đó quá hạn 1',
			'1 Phải chờ lâu 4'
		]) {
			expect(all).toContain(text);
		}
		// The figures, as the API gives them, in the rows of tables 1 to 3.
		const tbApi = await api(db, tb.id);
		const haApi = await api(db, ha.id);
		const scope = await api(db, d.id);
		expect(all).toContain(`Xã Tân Bình ${levelCells(tbApi)}`);
		expect(all).toContain(`Xã Hòa An ${levelCells(haApi)}`);
		expect(all).toContain(`Tổng cộng ${levelCells(scope)}`);
		expect(all).toContain(`1 Xã Tân Bình ${rateCells(tbApi.headline)} 1`);
		expect(all).toContain(`Xã Hòa An ${rateCells(haApi.headline)}`);
		const lan = scope.officers.find((o) => o.name === 'Trần Thị Lan')!;
		expect(all).toContain(`Trần Thị Lan ${rateCells(lan)} 1`);
		expect(all).toContain('Cán bộ số 45 1 chưa đủ dữ liệu — —');

		// Page numbers: none on page 1, then 2, 3, … at the top.
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pdfTopMargins(pdf)).toEqual(pages.map((_, i) => (i === 0 ? '' : String(i + 1))));

		// Every table: each page holding one of its rows holds all its column headers.
		const tables = document.blocks.filter((b) => b.kind === 'table');
		expect(tables).toHaveLength(5);
		let spread = 0;
		for (const table of tables) {
			const onPages = new Set<number>();
			for (const row of table.rows) {
				const key = squash(`${row[0]} ${row[1]} ${row[2]}`);
				const page = pages.findIndex((p) => p.includes(key));
				expect(page, `row "${key}" of ${table.caption}`).toBeGreaterThanOrEqual(0);
				onPages.add(page);
			}
			for (const page of onPages) {
				for (const c of table.columns) {
					expect(pages[page], `${c.header} on page ${page + 1}`).toContain(squash(c.header));
				}
			}
			spread = Math.max(spread, onPages.size);
		}
		// The officers table runs over two pages, so the repeat is really tested.
		expect(spread).toBeGreaterThanOrEqual(2);

		const docx = files.find((f) => f.kind === 'docx')!.content;
		const text = docxText(docx);
		for (const t of [
			'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
			'Phụng Hiệp, ngày 05 tháng 12 năm 2026',
			'(Từ ngày 15/12/2025 đến ngày 14/03/2026)',
			`Xã Tân Bình ${levelCells(tbApi)}`,
			`Tổng cộng ${levelCells(scope)}`,
			`1 Xã Tân Bình ${rateCells(tbApi.headline)} 1`,
			`Trần Thị Lan ${rateCells(lan)} 1`,
			'Nơi nhận:',
			'Nguyễn Văn Bình'
		]) {
			expect(text).toContain(t);
		}
		const xml = docxXml(docx);
		// Five figure tables and the two charts' figures, each with a header row that Word
		// repeats on every page.
		expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(7);
		expect(xml).toContain('<w:titlePg/>');
		expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
		expect(docxXml(docx, 'word/header1.xml') + docxXml(docx, 'word/header2.xml')).toContain('PAGE');
	});
});

describe('the archive', () => {
	it('keeps the report as made when the figures change later', async () => {
		const { db, d, tb, desk } = await world();
		const user = await users.create(db, {
			username: 'bctv',
			displayName: 'Lê Thị Báo Cáo',
			role: 'viewer',
			unitId: d.id,
			password: 'mật-khẩu-dài-đủ-12'
		});
		const actor = { id: user.id, username: user.username, displayName: user.displayName };
		const id = await reports.generate(db, input(d.id), actor, {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		const first = await reports.reopen(db, id, LABELS);
		expect(first!.differs).toBe(false);
		expect(first!.report.figures.total.n).toBe(87);
		const pdfBytes = (await reports.archive.file(db, id, 'pdf'))!.content;
		expect(first!.report.files.find((f) => f.kind === 'pdf')!.sha256).toBe(
			createHash('sha256').update(pdfBytes).digest('hex')
		);

		// A late answer from an offline kiosk lands in the quarter.
		await writeBatch(db, [
			{ id: 'late-1', unitId: tb.id, survey: desk, date: '2026-03-01', level: 1 }
		]);
		expect((await api(db, d.id)).headline.satisfaction.n).toBe(88);
		const again = await reports.reopen(db, id, LABELS);
		expect(again!.differs).toBe(true);
		expect(again!.report.figures.total.n).toBe(87);
		expect(again!.report.figures).toEqual(first!.report.figures);
		const stillPdf = (await reports.archive.file(db, id, 'pdf'))!.content;
		expect(Buffer.compare(Buffer.from(stillPdf), Buffer.from(pdfBytes))).toBe(0);
		expect(pdfPages(stillPdf).join(' ')).toContain('Tổng cộng 87 ');

		const log = await db
			.selectFrom('auditLog')
			.selectAll()
			.where('action', '=', 'report.generate')
			.execute();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ userId: user.id, targetId: id });
		expect(JSON.parse(log[0].detail!)).toMatchObject({
			unitCode: 'PH',
			basis: 'cutoff',
			kind: 'quarter',
			from: RANGE.from,
			to: RANGE.to
		});
		expect((await reports.archive.list(db, d.id)).map((r) => r.id)).toEqual([id]);
		expect(await reports.archive.list(db, tb.id)).toEqual([]);
		expect(reportPeriod(Q1).from).toBe(RANGE.from);
	});
});

describe('the signed copy', () => {
	it('accepts one PDF within the size limit, checked by its first bytes', async () => {
		const { db, d } = await world();
		const user = await users.create(db, {
			username: 'lanhdao',
			role: 'manager',
			unitId: d.id,
			password: 'mật-khẩu-dài-đủ-12'
		});
		const actor = { id: user.id, username: user.username, displayName: user.displayName };
		const id = await reports.generate(db, input(d.id), actor, {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		const pdf = (await reports.archive.file(db, id, 'pdf'))!.content;

		expect(await reports.checkSignedPdf(null)).toEqual({
			ok: false,
			key: 'admin.reports.err.signed_required'
		});
		const fake = new File(['<html>không phải PDF</html>'], 'ban-ky.pdf', {
			type: 'application/pdf'
		});
		expect(await reports.checkSignedPdf(fake)).toEqual({
			ok: false,
			key: 'admin.reports.err.signed_type'
		});
		const renamed = new File([Buffer.from(pdf)], 'ban-ky.exe', {
			type: 'application/octet-stream'
		});
		expect((await reports.checkSignedPdf(renamed)).ok).toBe(false);
		const huge = new Uint8Array(reports.MAX_SIGNED_BYTES + 1);
		huge.set(Buffer.from('%PDF-1.7'));
		expect(
			await reports.checkSignedPdf(new File([huge], 'lon.pdf', { type: 'application/pdf' }))
		).toEqual({ ok: false, key: 'admin.reports.err.signed_too_large' });

		const scan = new File([Buffer.from(pdf)], 'Bản ký số 12.pdf', { type: 'application/pdf' });
		const checked = await reports.checkSignedPdf(scan);
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		expect(await reports.archive.attachSigned(db, id, checked, actor)).toBe(true);
		expect(await reports.archive.attachSigned(db, id, checked, actor)).toBe(false);
		const kept = await reports.archive.byId(db, id);
		const signed = kept!.files.find((f) => f.kind === 'signed')!;
		expect(signed).toMatchObject({
			size: pdf.byteLength,
			sha256: createHash('sha256').update(pdf).digest('hex'),
			mime: 'application/pdf'
		});
		const log = await db
			.selectFrom('auditLog')
			.select(['action', 'detail'])
			.where('action', '=', 'report.attach_signed')
			.execute();
		expect(log).toHaveLength(1);
		expect(JSON.parse(log[0].detail!)).toMatchObject({ uploadedName: 'Bản ký số 12.pdf' });
	});
});

describe('the ranking annex (template 3)', () => {
	it('ranks counters and officers with the API figures, hiding those under the minimum n', async () => {
		const { db, d, tbCounter, haCounter } = await world();
		const annex = { ...input(d.id), template: 'ranking' as const };
		const { figures, document } = await reports.compose(db, annex, {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		const tbApi = await stats.dashboard(db, { unitId: d.id, ...RANGE, counterId: tbCounter });
		const haApi = await stats.dashboard(db, { unitId: d.id, ...RANGE, counterId: haCounter });
		expect(figures.counters.map((c) => [c.label, c.unitName, c.n, c.rank])).toEqual([
			['Quầy 1', 'Xã Tân Bình', 32, 1],
			['Quầy 1', 'Xã Hòa An', 10, null]
		]);
		const files = await reports.renderFiles(figures, document, Q1, 'ranking');
		expect(files.map((f) => f.name)).toEqual([
			'phu-luc-xep-hang-PH-2026-Q1-ND09.pdf',
			'phu-luc-xep-hang-PH-2026-Q1-ND09.docx'
		]);
		const pages = pdfPages(files[0].content);
		const all = pages.join(' ');
		expect(all).toContain('PHỤ LỤC');
		expect(all).toContain('Xếp hạng mức độ hài lòng theo quầy và cán bộ, công chức');
		expect(all).toContain('(Từ ngày 15/12/2025 đến ngày 14/03/2026)');
		expect(all).toContain(`1 Quầy 1 Xã Tân Bình ${rateCells(tbApi.headline)} 1`);
		expect(all).toContain(`2 Quầy 1 Xã Hòa An ${rateCells(haApi.headline)} —`);
		expect(all).not.toContain('III. THEO DÕI');
		// The officers' table runs over a page here too; each of its pages has every header.
		const table = document.blocks.filter((b) => b.kind === 'table')[1];
		expect(table.kind).toBe('table');
		if (table.kind !== 'table') return;
		const onPages = new Set(
			table.rows.map((row) => pages.findIndex((p) => p.includes(squash(`${row[0]} ${row[1]} `))))
		);
		expect(onPages.size).toBeGreaterThanOrEqual(2);
		for (const page of onPages) {
			expect(page).toBeGreaterThanOrEqual(0);
			for (const c of table.columns) expect(pages[page]).toContain(squash(c.header));
		}
		expect(docxText(files[1].content)).toContain(
			`1 Quầy 1 Xã Tân Bình ${rateCells(tbApi.headline)} 1`
		);
	});
});

describe('the "Dân vận khéo" model report (template 2)', () => {
	it('names the units maintaining the model and compares only those with enough answers', async () => {
		const { db, d, tb } = await world();
		// Tân Bình has a QR link in service; Hòa An has answers but no device; Long Thạnh neither.
		await db
			.insertInto('webLinks')
			.values({
				code: 'QR-TB',
				unitId: tb.id,
				counterId: null,
				createdAt: '2025-12-01T00:00:00.000Z',
				revokedAt: null
			})
			.execute();
		const model = { ...input(d.id), template: 'dan_van' as const };
		const { figures, document } = await reports.compose(db, model, {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		expect(figures.units.map((u) => [u.code, u.hasDevice, u.responses])).toEqual([
			['TB', true, 77],
			['HA', false, 10],
			['LT', false, 0]
		]);
		expect(figures.cases).toMatchObject({ received: 3, contacted: 2 });
		const scope = await api(db, d.id);
		const files = await reports.renderFiles(figures, document, Q1, 'dan_van');
		expect(files[0].name).toBe('bao-cao-dan-van-kheo-PH-2026-Q1-ND09.pdf');
		const all = pdfPages(files[0].content).join(' ');
		for (const text of [
			'Kết quả thực hiện mô hình “Dân vận khéo” “Lấy ý kiến người dân tại bộ phận tiếp nhận và trả kết quả”',
			'Có 1/3 đơn vị duy trì mô hình trong kỳ',
			'1 Xã Tân Bình Có 77 Có',
			'2 Xã Hòa An Không 10 Không',
			'3 Xã Long Thạnh Không 0 Không',
			`Đã lấy ý kiến ${scope.headline.responses} lượt người dân; tỷ lệ hài lòng ${formatPercent(scope.headline.satisfaction.rate!, 'vi')} trên ${scope.headline.satisfaction.n} ý kiến`,
			'đã liên hệ 2, đã giải quyết 2, còn đang xử lý 1',
			// Hòa An (10 answers) is never named among the best or weakest.
			`Đơn vị có tỷ lệ hài lòng cao nhất: Xã Tân Bình (${formatPercent(58 / 77, 'vi')}).`
		]) {
			expect(all).toContain(squash(text));
		}
		expect(all).not.toContain('thấp nhất');
		expect(docxText(files[1].content)).toContain('1 Xã Tân Bình Có 77 Có');
	});
});

describe('the "Dân vận khéo" yearly annex (template 2 over a year)', () => {
	it('lists each unit’s reporting months with answers, its answers, rate and cases, as the API counts them', async () => {
		const { db, d, tb } = await world();
		const year: ReportPeriodInput = { basis: 'cutoff', kind: 'year', year: 2026 };
		const model = { ...input(d.id), template: 'dan_van' as const, period: year };
		const { figures, document } = await reports.compose(db, model, {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		// By hand, on the cut-off months of 2026: Tân Bình 16 answers on 15/12 (T1), 45 on 2/2
		// (T2), 16 on 14/3 (T3) and 1 on 15/3 (T4); Hòa An 10 on 20/1 (T2); Long Thạnh none.
		expect(figures.year?.monthsBegun).toBe(12);
		expect(figures.year?.rows.map((r) => [r.code, r.months.slice(0, 5), r.casesReceived])).toEqual([
			['HA', [0, 10, 0, 0, 0], 0],
			['LT', [0, 0, 0, 0, 0], 0],
			['TB', [16, 45, 16, 1, 0], 4]
		]);
		// Each unit's year equals /api/v1/stats for that unit over 15/12/2025–14/12/2026.
		const yearRange = { from: '2025-12-15', to: '2026-12-14' };
		const tbApi = await stats.dashboard(db, { unitId: tb.id, ...yearRange });
		expect(tbApi.headline.responses).toBe(78);
		const scope = await stats.dashboard(db, { unitId: d.id, ...yearRange });
		expect(scope.headline.responses).toBe(88);
		expect(document.annex?.title).toBe('PHỤ LỤC');

		const files = await reports.renderFiles(figures, document, year, 'dan_van');
		expect(files[0].name).toBe('bao-cao-dan-van-kheo-PH-2026-Nam-ND09.pdf');
		const pages = pdfPages(files[0].content);
		const annexPage = pages.findIndex((p) => p.includes('PHỤ LỤC'));
		expect(annexPage).toBeGreaterThan(0);
		// The annex starts after the signature, on a page of its own.
		expect(pages.slice(0, annexPage).join(' ')).toContain('Nguyễn Văn Bình');
		const annex = pages.slice(annexPage).join(' ');
		const tbRate = formatPercent(tbApi.headline.satisfaction.rate!, 'vi');
		const total = formatPercent(scope.headline.satisfaction.rate!, 'vi');
		for (const text of [
			'Kết quả duy trì mô hình “Dân vận khéo” năm 2026 (số liệu phục vụ tự đánh giá, chấm điểm công tác dân vận)',
			'(Từ ngày 15/12/2025 đến ngày 14/12/2026)',
			'Có 0/3 đơn vị có ý kiến của người dân trong cả 12 tháng báo cáo đã qua của năm (tính đến ngày 05/12/2026).',
			'1 Xã Hòa An 1/12 T1, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12 10 chưa đủ dữ liệu 0 0',
			'2 Xã Long Thạnh 0/12 T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12 0 — 0 0',
			`3 Xã Tân Bình 4/12 T5, T6, T7, T8, T9, T10, T11, T12 78 ${tbRate} 4 2`,
			`Tổng cộng 88 ${total} 4 2`,
			'Tháng tính theo kỳ báo cáo của Nghị định 09/2019/NĐ-CP'
		]) {
			expect(annex).toContain(squash(text));
		}
		// Every column header on every page the annex's table covers.
		for (const header of ['Số tháng có ý kiến', 'Tháng không có ý kiến', 'Đã giải quyết']) {
			expect(annex).toContain(header);
		}
		const docx = docxText(files[1].content);
		expect(docx).toContain('PHỤ LỤC');
		expect(docx).toContain(
			squash(`3 Xã Tân Bình 4/12 T5, T6, T7, T8, T9, T10, T11, T12 78 ${tbRate} 4 2`)
		);

		// A quarter's model report has no annex.
		const quarter = await reports.compose(
			db,
			{ ...model, period: Q1 },
			{
				asOf: AS_OF,
				reasonLabels: LABELS
			}
		);
		expect(quarter.figures.year).toBeUndefined();
		expect(quarter.document.annex).toBeUndefined();
	});
});

describe('the charts of template 1', () => {
	it('draw the trend and the levels with their titles, axes and the API’s figures', async () => {
		const { db, d } = await world();
		const { figures, document } = await reports.compose(db, input(d.id), {
			asOf: AS_OF,
			reasonLabels: LABELS
		});
		// The cut-off Q1 (90 days) is read week by week, as the API's trend reads it.
		const scope = await api(db, d.id);
		expect(scope.trend.grain).toBe('week');
		expect(figures.trend?.map((p) => [p.from, p.responses])).toEqual(
			scope.trend.points.map((p) => [p.from, p.responses])
		);
		expect(figures.trend?.[0]).toMatchObject({ label: '15/12', from: '2025-12-15' });

		const files = await reports.renderFiles(figures, document, Q1);
		const all = pdfPages(files[0].content).join(' ');
		const levels = figures.total.levels;
		for (const text of [
			'Biểu đồ 1. Diễn biến tỷ lệ hài lòng',
			'Tỷ lệ hài lòng (%)',
			'0% 25% 50% 75% 100%',
			'Thời gian',
			'Điểm rỗng (*): dưới 30 ý kiến có đánh giá',
			'Biểu đồ 2. Phân bố mức độ hài lòng',
			'Số ý kiến có đánh giá',
			`${levels.verySatisfied.count}`,
			'Rất hài lòng Hài lòng Không hài lòng',
			'Mức độ hài lòng'
		]) {
			expect(all).toContain(squash(text));
		}
		// The count axis's top is the largest count rounded up to a multiple of 4 (41 -> 44).
		expect(all).toContain('Số ý kiến có đánh giá 0 11 22 33 44');
		// The bars' value labels are the counts of table 1's total row.
		const bars = `${levels.verySatisfied.count} ${levels.satisfied.count} ${levels.notSatisfied.count}`;
		expect(all).toContain(bars);
		expect(levels.verySatisfied.count + levels.satisfied.count + levels.notSatisfied.count).toBe(
			scope.headline.satisfaction.n
		);
		// Word: native charts (their XML parts hold the titles, axes, categories and values),
		// each followed by its figures as a table.
		const trendXml = docxXml(files[1].content, 'word/charts/chart1.xml');
		for (const text of ['Biểu đồ 1. Diễn biến tỷ lệ hài lòng', 'Tỷ lệ hài lòng (%)', 'Thời gian']) {
			expect(trendXml).toContain(text);
		}
		expect(trendXml).toContain('<c:lineChart>');
		expect(trendXml).toContain('<c:v>15/12</c:v>');
		const levelsXml = docxXml(files[1].content, 'word/charts/chart2.xml');
		for (const text of [
			'Biểu đồ 2. Phân bố mức độ hài lòng',
			'Số ý kiến có đánh giá',
			'<c:v>Rất hài lòng</c:v>',
			`<c:v>${levels.verySatisfied.count}</c:v>`,
			`<c:v>${levels.notSatisfied.count}</c:v>`
		]) {
			expect(levelsXml).toContain(text);
		}
		const docx = docxText(files[1].content);
		expect(docx).toContain(
			squash(
				`Rất hài lòng ${levels.verySatisfied.count} (${formatPercent(levels.verySatisfied.share!, 'vi')})`
			)
		);
	});
});
