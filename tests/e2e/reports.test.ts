import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { testDb } from './db';
import { goto } from './hydration';

// Official reports (issue 13): a viewer of the new commune Tân Bình makes the Decree 09 third
// quarter report of 2026 (15/06–14/09), previews it, keeps it and downloads the PDF. The figures
// shown are those /api/v1/stats gives for the same unit and dates; the PDF's pages are rendered
// to PNG (poppler's pdftoppm) and attached to the test's output to be looked at. An administrator
// then makes template 2 over a year (with its yearly annex) and template 3, whose pages are
// attached the same way.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FROM = '2026-06-15';
const TO = '2026-09-14';

async function signIn(page: Page, username: string) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	expect(
		result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)
	).toEqual([]);
}

test('a viewer previews, keeps and downloads the quarterly report as PDF', async ({
	page
}, testInfo) => {
	test.setTimeout(120_000);
	await signIn(page, 'e2e.viewer.own');
	await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' })).toBeVisible();
	// Typing waits for the page's scripts, so enhance does not lose what was typed.
	await page.waitForLoadState('networkidle');
	await axe(page);

	const unit = testDb().prepare("SELECT id, name FROM units WHERE code = 'CT-TANBINH'").get() as {
		id: string;
		name: string;
	};
	// The form opens on the last Decree 09 quarter closed: the third of 2026 on 6/12/2026.
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue(unit.id);
	await expect(
		page.getByLabel('Kỳ báo cáo theo NĐ 09 (từ ngày 15 kỳ trước đến ngày 14)')
	).toBeChecked();
	await page.getByLabel('Kỳ', { exact: true }).selectOption('quarter');
	await page.getByLabel('Tháng hoặc quý').fill('3');
	await page.getByLabel('Năm', { exact: true }).fill('2026');
	await page.getByLabel('Ngày ban hành').fill('2026-12-05');

	// Required texts left empty: the errors stand next to their fields, the input is kept.
	await page.getByLabel('Địa danh').fill('Tân Bình');
	await page.getByRole('button', { name: 'Xem trước' }).click();
	const number = page.getByLabel('Số, ký hiệu');
	await expect(number).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#r-number-error')).toHaveText('Bắt buộc nhập.');
	await expect(page.getByLabel('Địa danh')).toHaveValue('Tân Bình');
	await expect(number).toBeFocused();

	await number.fill('Số: 12/BC-UBND');
	await page.getByLabel('Chức vụ người ký').fill('KT. Chủ tịch\nPhó Chủ tịch');
	await page.getByLabel('Họ và tên người ký').fill('Nguyễn Văn Bình');
	await page.getByLabel('Nơi nhận (mỗi dòng một nơi)').fill('Ban Tuyên giáo và Dân vận;\nLưu: VT.');
	await page.getByLabel('Đề xuất, kiến nghị').fill('Bố trí thêm ghế chờ.');
	const firstComment = page.getByRole('checkbox').first();
	const quoted = (await firstComment.locator('xpath=..').innerText()).split('“')[1]?.split('”')[0];
	await firstComment.check();
	await page.getByRole('button', { name: 'Xem trước' }).click();

	const preview = page.getByRole('article', { name: 'Bản xem trước' });
	await expect(preview).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
	await expect(preview).toContainText('Tân Bình, ngày 05 tháng 12 năm 2026');
	await expect(preview).toContainText('(Từ ngày 15/06/2026 đến ngày 14/09/2026)');
	await expect(preview).toContainText(unit.name.toLocaleUpperCase('vi'));
	if (quoted) await expect(preview).toContainText(`“${quoted}”`);

	// The overall rate and n are those of /api/v1/stats for the unit and the same dates.
	const api = await page.request.get(
		`/api/v1/stats?unit=${unit.id}&period=custom&from=${FROM}&to=${TO}`
	);
	expect(api.status()).toBe(200);
	const figures = (await api.json()).figures;
	const n: number = figures.headline.satisfaction.n;
	expect(n).toBeGreaterThan(0);
	await expect(preview).toContainText(`trên ${n} ý kiến có đánh giá`);
	await axe(page);

	await page.getByRole('button', { name: 'Lập và lưu báo cáo' }).click();
	// Made on a report thread that starts for it (reports/worker.ts): seconds on a loaded machine.
	await expect(page).toHaveURL(/\/admin\/reports\/[0-9a-f-]{36}\?done=1$/, { timeout: 30_000 });
	const reportId = /reports\/([0-9a-f-]{36})/.exec(page.url())![1];
	await expect(page.getByRole('status').first()).toHaveText('Đã lập và lưu báo cáo.');
	await expect(page.getByText('Số liệu hôm nay vẫn đúng như khi lập báo cáo.')).toBeVisible();
	await axe(page);

	const { pages, file, filename } = await pdfOf(page, testInfo, 'pages');
	expect(filename).toBe('bao-cao-CT-TANBINH-2026-Q3-ND09.pdf');
	expect(pages.length).toBeGreaterThanOrEqual(2);
	const text = pages.join(' ');
	expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
	expect(text).toContain('Tân Bình, ngày 05 tháng 12 năm 2026');
	expect(text).toContain(`trên ${n} ý kiến có đánh giá`);

	// The maker attaches the signed copy: a file that is not a PDF is refused beside the field.
	const chooser = page.getByLabel(/Tệp PDF bản đã ký, đóng dấu/);
	await chooser.setInputFiles({
		name: 'ban-ky.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('không phải PDF')
	});
	await page.getByRole('button', { name: 'Đính kèm bản đã ký' }).click();
	await expect(page.locator('#signed-file-error')).toHaveText('Chỉ nhận tệp PDF.');
	await page.getByLabel(/Tệp PDF bản đã ký, đóng dấu/).setInputFiles(file);
	await page.getByRole('button', { name: 'Đính kèm bản đã ký' }).click();
	await expect(page.getByText('Đã đính kèm bản đã ký.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Tải bản đã ký' })).toBeVisible();

	// The audit log holds the generation, the download and the signed copy.
	const audit = testDb()
		.prepare(
			"SELECT action FROM audit_log WHERE action LIKE 'report.%' AND target_id = ? AND username = 'e2e.viewer.own' ORDER BY at"
		)
		.all(reportId) as { action: string }[];
	expect(audit.map((a) => a.action)).toEqual([
		'report.generate',
		'report.download',
		'report.attach_signed'
	]);
});

/** Fills the report form's choices and texts, previews, then keeps the report. */
async function makeReport(
	page: Page,
	choice: { template: string; unit: string; kind: string; index?: string; year: string }
) {
	await goto(page, '/admin/reports');
	await page.getByLabel('Mẫu báo cáo').selectOption(choice.template);
	await page.getByLabel('Đơn vị', { exact: true }).selectOption(choice.unit);
	await page.getByLabel('Kỳ báo cáo theo NĐ 09 (từ ngày 15 kỳ trước đến ngày 14)').check();
	await page.getByLabel('Kỳ', { exact: true }).selectOption(choice.kind);
	if (choice.index) await page.getByLabel('Tháng hoặc quý').fill(choice.index);
	await page.getByLabel('Năm', { exact: true }).fill(choice.year);
	await page.getByLabel('Ngày ban hành').fill('2026-12-05');
	await page.getByLabel('Địa danh').fill('Cần Thơ');
	await page.getByLabel('Số, ký hiệu').fill('Số: 15/BC-BTGDV');
	await page.getByLabel('Chức vụ người ký').fill('TRƯỞNG BAN');
	await page.getByLabel('Họ và tên người ký').fill('Trần Văn An');
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await expect(page.getByRole('article', { name: 'Bản xem trước' })).toBeVisible();
	await page.getByRole('button', { name: 'Lập và lưu báo cáo' }).click();
	await expect(page).toHaveURL(/\/admin\/reports\/[0-9a-f-]{36}\?done=1$/, { timeout: 30_000 });
}

/** Each text stands somewhere in the document's pages. */
function expectAll(pages: string[], texts: string[]) {
	const all = pages.join(' ');
	for (const text of texts) expect(all).toContain(text);
}

/**
 * Downloads the kept report's PDF: its text page by page (pdftotext), its pages rendered to PNG
 * (pdftoppm) in the test's output folder and attached to the test, to be looked at.
 */
async function pdfOf(page: Page, testInfo: TestInfo, name: string) {
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải PDF' }).click();
	const download = await downloading;
	const file = join(mkdtempSync(join(tmpdir(), 'e2e-report-')), 'report.pdf');
	await download.saveAs(file);
	const pages = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
		.split('\f')
		.map((text) => text.replace(/\s+/g, ' ').trim())
		.filter((text) => text !== '');
	const pagesDir = testInfo.outputPath(name);
	mkdirSync(pagesDir, { recursive: true });
	execFileSync('pdftoppm', ['-r', '70', '-png', file, join(pagesDir, 'page')]);
	for (const png of readdirSync(pagesDir).sort()) {
		await testInfo.attach(`${name}-${png}`, {
			path: join(pagesDir, png),
			contentType: 'image/png'
		});
	}
	return { pages, file, filename: download.suggestedFilename() };
}

test('the "Dân vận khéo" report with its yearly annex and the ranking annex, as PDF pages', async ({
	page
}, testInfo) => {
	test.setTimeout(180_000);
	await signIn(page, 'admin');
	const db = testDb();
	const province = db.prepare("SELECT id FROM units WHERE code = 'CT'").get() as { id: string };
	const commune = db.prepare("SELECT id FROM units WHERE code = 'CT-TANBINH'").get() as {
		id: string;
	};

	// Template 2 over the Decree 09 year 2026 (15/12/2025–14/12/2026), for the whole province.
	await makeReport(page, { template: 'dan_van', unit: province.id, kind: 'year', year: '2026' });
	const year = await page.request.get(
		`/api/v1/stats?unit=${province.id}&period=custom&from=2025-12-15&to=2026-12-14`
	);
	expect(year.status()).toBe(200);
	const yearFigures = (await year.json()).figures;
	const danVan = (await pdfOf(page, testInfo, 'dan-van-2026')).pages;
	expectAll(danVan, [
		'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		'Cần Thơ, ngày 05 tháng 12 năm 2026',
		'(Từ ngày 15/12/2025 đến ngày 14/12/2026)',
		'Kết quả thực hiện mô hình “Dân vận khéo”',
		`Đã lấy ý kiến ${yearFigures.headline.responses} lượt người dân`,
		`trên ${yearFigures.headline.satisfaction.n} ý kiến có đánh giá`
	]);
	// The annex for the mid-December self-assessment follows, its table header on each of its pages.
	const annexStart = danVan.findIndex((text) => text.includes('PHỤ LỤC'));
	expect(annexStart).toBeGreaterThan(0);
	// Its total row counts the same answers as the report and the API.
	expect(danVan.slice(annexStart).join(' ')).toContain(
		`Tổng cộng ${yearFigures.headline.responses} `
	);
	for (const text of danVan.slice(annexStart).filter((text) => /\d+ (Xã|Phường) /.test(text))) {
		expect(text).toContain('Số tháng có ý kiến');
	}

	// Template 3 for the commune's third Decree 09 quarter.
	await makeReport(page, {
		template: 'ranking',
		unit: commune.id,
		kind: 'quarter',
		index: '3',
		year: '2026'
	});
	const ranking = (await pdfOf(page, testInfo, 'ranking-2026-q3')).pages;
	expectAll(ranking, [
		'PHỤ LỤC',
		'Xếp hạng mức độ hài lòng theo quầy và cán bộ, công chức',
		'(Từ ngày 15/06/2026 đến ngày 14/09/2026)',
		'Bảng 2. Xếp hạng theo cán bộ, công chức'
	]);
	for (const text of ranking) {
		if (/Quầy \d/.test(text)) expect(text).toContain('Khoảng tin cậy 95%');
	}
});
