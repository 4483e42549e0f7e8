import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { testDb } from './db';
import { goto, reload } from './hydration';

// API tokens (/admin/api-tokens) against the built server on the demo database: an administrator
// issues a token, sees it once, another system reads /api/v1/stats with it, and after revoking it
// the same call is refused.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LABEL = 'Cổng dữ liệu phường (e2e)';
const QUERY = '/api/v1/stats?unit=CT-TANBINH&from=2026-01-01&to=2026-11-27';

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
	).toEqual([]);
}

test.beforeAll(() => {
	expect(PASSWORD, 'E2E_ADMIN_PASSWORD is set by playwright.config.ts').not.toBe('');
});

test('an admin issues a token, reads it once, another system uses it, and revoking it stops it', async ({
	page,
	browser
}) => {
	const commune = testDb().prepare("SELECT id FROM units WHERE code = 'CT-TANBINH'").get() as {
		id: string;
	};
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
	// The figures the token must give: the admin's own session asks the same question.
	const session = await page.request.get(QUERY);
	expect(session.status()).toBe(200);
	const want = (await session.json()).figures.headline;
	expect(want.responses).toBeGreaterThan(1000);

	await page
		.getByRole('navigation', { name: 'Quản trị' })
		.getByRole('link', { name: 'Khóa API' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Khóa API' })).toBeVisible();
	await expectNoAxeViolations(page);

	// A viewer token without a label: refused beside the field, the choices kept, focus on it.
	const form = page.getByRole('form', { name: 'Tạo khóa mới' });
	await form.getByLabel('Vai trò').selectOption('viewer');
	await form.getByLabel('Đơn vị').selectOption(commune.id);
	await form.getByRole('button', { name: 'Tạo khóa' }).click();
	const name = form.getByLabel('Tên gợi nhớ');
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveAccessibleDescription(/Nhập tên từ 1 đến 100 ký tự\./);
	await expect(name).toBeFocused();
	await expect(form.getByLabel('Vai trò')).toHaveValue('viewer');
	await expect(form.getByLabel('Đơn vị')).toHaveValue(commune.id);
	await expectNoAxeViolations(page);

	// With the keyboard: type the label and submit with Enter.
	await name.pressSequentially(LABEL);
	await name.press('Enter');
	await expect(page.getByText('Đã tạo khóa.')).toBeVisible();
	const token = (await page.getByTestId('shown-token').textContent())?.trim() ?? '';
	expect(token).toMatch(/^ykapi_[a-z2-7]{32}$/);
	await expect(page.getByRole('heading', { name: `Khóa vừa tạo: ${LABEL}` })).toBeVisible();
	await expectNoAxeViolations(page);
	// Only its hash is stored.
	const stored = testDb()
		.prepare('SELECT token_hash, role, unit_id FROM api_tokens WHERE name = ?')
		.get(LABEL) as { token_hash: string; role: string; unit_id: string };
	expect(stored).toMatchObject({ role: 'viewer', unit_id: commune.id });
	expect(stored.token_hash).not.toContain(token.slice(6));

	// Shown once: a reload no longer has it.
	await reload(page);
	await expect(page.getByTestId('shown-token')).toHaveCount(0);
	const row = page.getByRole('row', { name: new RegExp(LABEL.replace(/[()]/g, '\\$&')) });
	await expect(row).toContainText('Xem báo cáo');
	await expect(row).toContainText('Đang dùng');

	// Another system, no cookies: the token reads the commune's figures, and nothing else.
	const other = await browser.newContext();
	const origin = new URL(page.url()).origin;
	const headers = { authorization: `Bearer ${token}` };
	const read = await other.request.get(`${origin}${QUERY}`, { headers });
	expect(read.status()).toBe(200);
	const got = (await read.json()).figures.headline;
	expect(got.responses).toBe(want.responses);
	expect(got.satisfaction).toEqual(want.satisfaction);
	const outside = await other.request.get(`${origin}/api/v1/stats?unit=CT-HOAAN`, { headers });
	expect(outside.status()).toBe(403);

	// Revoke, from the keyboard; the token stays listed as revoked and stops working at once.
	const revoke = row.getByRole('button', { name: `Thu hồi khóa ${LABEL}` });
	await revoke.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Đã thu hồi khóa.')).toBeVisible();
	await expect(row).toContainText('Đã thu hồi');
	const refused = await other.request.get(`${origin}${QUERY}`, { headers });
	expect(refused.status()).toBe(401);
	expect((await refused.json()).error.code).toBe('invalid_token');
	await other.close();
	const audit = testDb()
		.prepare(
			"SELECT action FROM audit_log WHERE action LIKE 'api_token.%' AND detail LIKE ? ORDER BY at"
		)
		.all(`%${LABEL}%`) as { action: string }[];
	expect(audit.map((a) => a.action)).toEqual(['api_token.issue', 'api_token.revoke']);
	await expectNoAxeViolations(page);
});
