import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { closeTestDb, testDb } from './db';
import { goto, hydrated } from './hydration';

// A resident asks what is held about their phone number and to have it erased (Decree
// 13/2023/NĐ-CP): an administrator searches by number and erases it everywhere.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
test.afterAll(closeTestDb);

async function signIn(page: Page, username: string) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

test('an admin finds a number in cases and erases it everywhere; the audit holds counts only', async ({
	page
}) => {
	const db = testDb();
	const row = db
		.prepare(
			`SELECT phone, count(*) AS n FROM follow_up_cases WHERE phone IS NOT NULL
			 GROUP BY phone ORDER BY n DESC, phone LIMIT 1`
		)
		.get() as { phone: string; n: number } | undefined;
	// The demo always has cases with a phone number (with consent); none would be a bug in it.
	expect(row, 'a demo case with a phone number').toBeDefined();
	const { phone, n } = row!;
	// As a resident reads it out: grouped, with the country code.
	const typed = `+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;

	await signIn(page, 'admin');
	await page.getByRole('link', { name: 'Dữ liệu cá nhân' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dữ liệu cá nhân' })).toBeVisible();
	await hydrated(page);

	// A wrong number is refused next to the field, keeping what was typed.
	await page.getByLabel('Số điện thoại của người dân').fill('12345');
	await page.getByRole('button', { name: 'Tìm' }).click();
	await expect(page.getByText('Vui lòng nhập số di động Việt Nam')).toBeVisible();
	await expect(page.getByLabel('Số điện thoại của người dân')).toHaveValue('12345');

	await page.getByLabel('Số điện thoại của người dân').fill(typed);
	await page.getByRole('button', { name: 'Tìm' }).click();
	await expect(page.getByText(`Phản hồi người dân có số này: ${n}`)).toBeVisible();
	await expect(
		page.getByRole('table', { name: 'Các phản hồi có số này' }).locator('tbody tr')
	).toHaveCount(n);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(results.violations.map((v) => v.id)).toEqual([]);

	// Erasing needs the confirmation.
	await page.getByRole('button', { name: 'Xóa số điện thoại ở tất cả các nơi' }).click();
	await expect(page.getByText('Vui lòng đánh dấu xác nhận trước khi xóa.')).toBeVisible();
	await page.getByLabel('Tôi xác nhận người dân đã yêu cầu xóa số điện thoại này').check();
	await page.getByRole('button', { name: 'Xóa số điện thoại ở tất cả các nơi' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Đã xóa số điện thoại: ${n} phản hồi` })
	).toBeVisible();

	const left = db
		.prepare('SELECT count(*) AS n FROM follow_up_cases WHERE phone = ?')
		.get(phone) as {
		n: number;
	};
	expect(left.n).toBe(0);
	const audit = db
		.prepare(
			"SELECT detail FROM audit_log WHERE action = 'privacy.phone_erased' ORDER BY at DESC LIMIT 1"
		)
		.get() as { detail: string };
	expect(JSON.parse(audit.detail).cases).toBe(n);
	const mentions = db
		.prepare('SELECT count(*) AS n FROM audit_log WHERE detail LIKE ? OR detail LIKE ?')
		.get(`%${phone}%`, `%${phone.slice(1)}%`) as { n: number };
	expect(mentions.n).toBe(0);

	// Searching again finds nothing.
	await page.getByLabel('Số điện thoại của người dân').fill(phone);
	await page.getByRole('button', { name: 'Tìm' }).click();
	await expect(page.getByText('Không có dữ liệu nào chứa số này.')).toBeVisible();
});
