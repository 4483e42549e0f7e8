import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../csv';
import { testDb } from './db';
import { goto } from './hydration';

// Exports from the screens, against the demo database: a viewer saves the quarter's figures as
// XLSX from the dashboard and they equal /api/v1/stats; an administrator starts an export large
// enough to become a background job (EXPORT_SYNC_MAX_ROWS is 5,000 on the test server), watches
// its progress at /admin/exports and downloads the file, whose rows are those of the database.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function signIn(page: Page, username: string) {
	await goto(page, '/login');
	// Typing before hydration can be lost when the page hydrates (stats.test.ts failed so once);
	// no shared hydration helper exists in tests/e2e yet, so wait until the scripts have loaded.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

/** The export control handles its form once hydrated; before that a click would navigate. */
async function exportControlReady(page: Page) {
	await expect(page.locator('form[data-ready="true"][action="/api/v1/export"]')).toBeAttached();
}

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

test('a viewer exports the quarter’s figures as XLSX from the dashboard', async ({ page }) => {
	await signIn(page, 'e2e.viewer.own');
	const query = 'period=quarter&year=2026&quarter=3&compare=previous';
	await goto(page, `/admin/stats?${query}`);
	await exportControlReady(page);
	await expect(page.getByRole('heading', { name: 'Xuất dữ liệu' })).toBeVisible();
	await axe(page);

	// With the keyboard alone: from the last choice, Tab reaches the button and Enter exports.
	await page.getByLabel('Câu trả lời ghi bằng').focus();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Xuất dữ liệu', exact: true })).toBeFocused();
	const saved = page.waitForEvent('download');
	await page.keyboard.press('Enter');
	const download = await saved;
	expect(download.suggestedFilename()).toBe('y-kien-tong-hop-2026-07-01-2026-09-30.xlsx');
	await expect(page.getByRole('status').filter({ hasText: 'Đã tải xuống tệp' })).toContainText(
		'y-kien-tong-hop-2026-07-01-2026-09-30.xlsx'
	);

	const api = await (await page.request.get(`/api/v1/stats?${query}`)).json();
	const h = api.figures.headline;
	expect(h.responses).toBeGreaterThan(100);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile(await download.path());
	const overview = wb.getWorksheet('Tổng hợp')!;
	const rows = new Map<string, ExcelJS.CellValue[]>();
	overview.eachRow((row) => {
		const v = row.values as ExcelJS.CellValue[];
		if (typeof v[1] === 'string') rows.set(v[1], v);
	});
	expect(rows.get('Đơn vị')![2]).toBe(`${api.unit.name} (${api.unit.code})`);
	expect(rows.get('Kỳ')![2]).toBe('Từ ngày 01/07/2026 đến ngày 30/09/2026');
	expect(rows.get('Số phản hồi')![2]).toBe(h.responses);
	expect(rows.get('Số phản hồi')![6]).toBe(h.comparison.responses);
	expect(rows.get('Tỷ lệ hài lòng')![2]).toBeCloseTo(h.satisfaction.rate, 12);
	expect(rows.get('Tỷ lệ hài lòng')![3]).toBe(h.satisfaction.n);
	expect(rows.get('Chỉ số hài lòng (0–100)')![2]).toBeCloseTo(h.happyIndex.value, 12);
	const officers = wb.getWorksheet('Cán bộ')!;
	expect(officers.rowCount - 1).toBe(api.figures.officers.length);
	expect(
		(officers.getColumn(2).values as number[]).slice(2).reduce((a, b) => a + Number(b), 0)
	).toBe(api.figures.officers.reduce((a: number, o: { responses: number }) => a + o.responses, 0));

	// Outside the viewer's subtree the export is refused, and the control says so.
	const other = testDb().prepare("SELECT id FROM units WHERE code = 'CT-HOAAN'").get() as {
		id: string;
	};
	const forged = await page.request.get(`/api/v1/export?unit=${other.id}&${query}`);
	expect(forged.status()).toBe(403);
	expect((await forged.json()).error.code).toBe('forbidden');
});

test('an administrator starts a large export, watches it and downloads it from /admin/exports', async ({
	page
}) => {
	test.setTimeout(180_000);
	const [from, to] = ['2024-01-01', '2026-11-27'];
	const want = (
		testDb()
			.prepare('SELECT count(*) AS n FROM responses WHERE local_date BETWEEN ? AND ?')
			.get(from, to) as { n: number }
	).n;
	expect(want).toBeGreaterThan(5000);

	await signIn(page, 'admin');
	await goto(page, `/admin/stats?period=custom&from=${from}&to=${to}&compare=none`);
	await exportControlReady(page);
	await page.getByLabel('Nội dung').selectOption({ label: 'Từng phản hồi' });
	await page.getByLabel('Định dạng').selectOption('csv');
	await page.getByRole('button', { name: 'Xuất dữ liệu', exact: true }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Dữ liệu lớn nên được xuất ở chế độ nền' })
	).toBeVisible();
	await expect(page.getByTestId('export-progress')).toContainText(`/ ${viCount(want)} dòng`);

	await page.getByRole('link', { name: 'Xem các lần xuất dữ liệu' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xuất dữ liệu');
	const row = page.getByRole('row').filter({ hasText: 'Từng phản hồi' }).first();
	await expect(row).toContainText('Tất cả đơn vị');
	await expect(row).toContainText('Từ 01/01/2024 đến 27/11/2026');

	// Progress as the page polls it: rows done only grow, and some lie strictly between.
	const seen: number[] = [];
	for (let i = 0; i < 600; i++) {
		const status = await row.getByTestId('job-status').textContent();
		if (status === 'Hoàn tất') break;
		const text = await row
			.getByTestId('job-progress')
			.textContent({ timeout: 1000 })
			.catch(() => null);
		const m = text ? /Đã xuất ([\d.]+) \/ ([\d.]+) dòng/.exec(text) : null;
		if (m) seen.push(Number(m[1].replace(/\./g, '')));
		await page.waitForTimeout(200);
	}
	await expect(row.getByTestId('job-status')).toHaveText('Hoàn tất');
	expect(seen).toEqual([...seen].sort((a, b) => a - b));
	const between = [...new Set(seen)].filter((n) => n > 0 && n < want);
	expect(between.length).toBeGreaterThanOrEqual(2);
	await axe(page);

	const saved = page.waitForEvent('download');
	await row.getByRole('link', { name: /^Tải tệp/ }).click();
	const download = await saved;
	expect(download.suggestedFilename()).toBe(`y-kien-phan-hoi-${from}-${to}.csv`);
	const text = readFileSync(await download.path(), 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const rows = await parseCsv(text.slice(1));
	expect(rows).toHaveLength(want);
	await expect(row).toContainText(viCount(want));
	const satisfied = (
		testDb()
			.prepare(
				'SELECT count(*) AS n FROM responses WHERE satisfied = 1 AND local_date BETWEEN ? AND ?'
			)
			.get(from, to) as { n: number }
	).n;
	expect(rows.filter((r) => r['Hài lòng'] === '1')).toHaveLength(satisfied);
	expect(Object.keys(rows[0]).some((k) => /phone|điện thoại/i.test(k))).toBe(false);
});

test('the comments page exports the comments it lists, Vietnamese intact, as CSV', async ({
	page
}) => {
	await signIn(page, 'e2e.manager.own');
	await goto(page, '/admin/comments?rating=unsatisfied');
	await exportControlReady(page);
	await axe(page);
	const listed = Number(
		(
			(await page.getByRole('status').filter({ hasText: 'góp ý' }).first().textContent()) ?? ''
		).replace(/\D/g, '')
	);
	expect(listed).toBeGreaterThan(0);
	await page.getByLabel('Định dạng').selectOption('csv');
	const saved = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Xuất dữ liệu', exact: true }).click();
	const download = await saved;
	expect(download.suggestedFilename()).toBe('y-kien-y-kien-x-x.csv');
	const rows = await parseCsv(readFileSync(await download.path(), 'utf8').slice(1));
	expect(rows).toHaveLength(listed);
	// The first comment on screen is in the file, with its Vietnamese letters.
	const first = await page
		.getByRole('list', { name: 'Danh sách góp ý' })
		.locator('blockquote')
		.first()
		.textContent();
	expect(rows.map((r) => r['Ý kiến'])).toContain(first!.trim());
	expect(rows.every((r) => r['Hài lòng'] === '0')).toBe(true);

	await goto(page, '/admin/cases');
	await exportControlReady(page);
	await expect(page.getByLabel('Nội dung')).toHaveCount(0);
	await axe(page);
});

/** '12345' -> '12.345', as the Vietnamese screens group thousands. */
function viCount(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

test('a job a restart interrupted is failed with “Thử lại”, and retrying it finishes it', async ({
	page
}) => {
	const db = testDb();
	const admin = db.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string };
	const unit = db.prepare("SELECT id, code, name FROM units WHERE code = 'CT-TANBINH'").get() as {
		id: string;
		code: string;
		name: string;
	};
	const id = randomUUID();
	const from = '2026-01-01';
	const to = '2026-03-31';
	const filters = { unitId: unit.id, from, to, excludeFlagged: false };
	const scope = {
		unit: { code: unit.code, name: unit.name },
		from,
		to,
		comparison: null,
		channel: null,
		survey: null,
		counter: null,
		officer: null,
		field: null,
		excludeFlagged: false,
		rating: 'all',
		q: null,
		labels: 'text'
	};
	// As recoverStale leaves a job interrupted on every attempt (export-jobs.test.ts).
	db.prepare(
		`INSERT INTO export_jobs (id, user_id, token_id, username, role, scope_unit_id, format, content,
		   params, scope, status, rows_done, rows_total, error, attempts, created_at, finished_at)
		 VALUES (?, ?, NULL, 'admin', 'admin', NULL, 'csv', 'comments', ?, ?, 'failed', 0, 0,
		   'interrupted', 3, ?, ?)`
	).run(
		id,
		admin.id,
		`content=comments&format=csv&unit=${unit.id}&period=custom&from=${from}&to=${to}`,
		JSON.stringify({ scope, filters }),
		new Date().toISOString(),
		new Date().toISOString()
	);

	await signIn(page, 'admin');
	await goto(page, '/admin/exports');
	const row = page.getByRole('row').filter({ hasText: 'Bị gián đoạn do máy chủ khởi động lại.' });
	await expect(row).toContainText(`${unit.name} (${unit.code})`);
	await expect(row.getByTestId('job-status')).toHaveText('Lỗi');
	await axe(page);
	// With the keyboard: focus the button and press Enter.
	await row.getByRole('button', { name: /^Thử lại lần xuất lúc/ }).focus();
	await page.keyboard.press('Enter');
	await expect(
		page.getByRole('status').filter({ hasText: 'Đã đưa lần xuất vào hàng chờ.' })
	).toBeVisible();
	const retried = page
		.getByRole('row')
		.filter({ hasText: `${unit.name} (${unit.code})` })
		.filter({ hasText: 'Từ 01/01/2026 đến 31/03/2026' });
	await expect(retried.getByTestId('job-status')).toHaveText('Hoàn tất', { timeout: 60_000 });
	const done = db
		.prepare('SELECT status, rows_done, attempts FROM export_jobs WHERE id = ?')
		.get(id) as {
		status: string;
		rows_done: number;
		attempts: number;
	};
	expect(done).toMatchObject({ status: 'done', attempts: 1 });
	expect(done.rows_done).toBeGreaterThan(0);
	await expect(retried).toContainText(viCount(done.rows_done));
});
