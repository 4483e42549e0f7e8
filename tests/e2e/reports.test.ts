import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { testDb } from './db';
import { goto } from './hydration';

// Official reports (issue 13): a viewer of the new commune Tân Bình makes the Decree 09 third
// quarter report of 2026 (15/06–14/09), previews it, keeps it and downloads the PDF. The figures
// shown are those /api/v1/stats gives for the same unit and dates; the PDF's pages are rendered
// to PNG (poppler's pdftoppm) and attached to the test's output to be looked at.

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

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải PDF' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('bao-cao-CT-TANBINH-2026-Q3-ND09.pdf');
	const dir = mkdtempSync(join(tmpdir(), 'e2e-report-'));
	const file = join(dir, 'report.pdf');
	await download.saveAs(file);
	const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(
		/\s+/g,
		' '
	);
	expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
	expect(text).toContain('Tân Bình, ngày 05 tháng 12 năm 2026');
	expect(text).toContain(`trên ${n} ý kiến có đánh giá`);

	// The pages as PNG in the test's output folder (test-results/…/page-N.png), attached too.
	const pagesDir = testInfo.outputPath('pages');
	mkdirSync(pagesDir, { recursive: true });
	execFileSync('pdftoppm', ['-r', '70', '-png', file, join(pagesDir, 'page')]);
	const pngs = readdirSync(pagesDir)
		.filter((f) => f.endsWith('.png'))
		.sort();
	expect(pngs.length).toBeGreaterThanOrEqual(2);
	for (const png of pngs) {
		await testInfo.attach(png, { path: join(pagesDir, png), contentType: 'image/png' });
	}

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
