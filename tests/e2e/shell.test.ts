import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { goto } from './hydration';

// The app shell: home, language switch, sign-in, admin overview, units, audit log, sign-out.
// Runs against the built server on a fresh demo database (scripts/e2e-server.ts).

const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

async function switchLanguage(page: Page, name: 'English' | 'Tiếng Việt') {
	await page
		.getByRole('form', { name: /Ngôn ngữ|Language/ })
		.getByRole('button', { name })
		.click();
}

async function signIn(page: Page, password = ADMIN_PASSWORD) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

test.beforeAll(() => {
	expect(ADMIN_PASSWORD, 'E2E_ADMIN_PASSWORD is set by playwright.config.ts').not.toBe('');
});

test('home renders in Vietnamese, switches to English and back', async ({ page }) => {
	await goto(page, '/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1, name: 'Ý Kiến' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Kiosk tại quầy/ })).toHaveAttribute(
		'href',
		'/kiosk'
	);
	await expect(page.getByRole('link', { name: /^Quản trị/ })).toHaveAttribute('href', '/admin');

	await switchLanguage(page, 'English');
	await expect(page).toHaveURL(/\/$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('link', { name: /Counter kiosk/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Administration/ })).toBeVisible();
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-current',
		'true'
	);

	await switchLanguage(page, 'Tiếng Việt');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('link', { name: /Kiosk tại quầy/ })).toBeVisible();
	await expect(page.getByText('Counter kiosk')).toHaveCount(0);
});

test('the language switch returns to the page it was used on, never off-site', async ({ page }) => {
	await goto(page, '/login?next=%2Fadmin%2Funits');
	await switchLanguage(page, 'English');
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Funits$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

	// A forged back field pointing elsewhere lands on the home page instead.
	const response = await page.request.post('/lang', {
		form: { lang: 'vi', back: '//evil.example/' },
		maxRedirects: 0,
		headers: { origin: new URL(page.url()).origin }
	});
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/');
});

test('Tab from the top reaches the skip link first, and it leads to the main content', async ({
	page
}) => {
	await goto(page, '/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Bỏ qua đến nội dung chính' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('main')).toBeFocused();
});

test('public pages have no WCAG 2.1 AA violations, in Vietnamese and English', async ({ page }) => {
	await goto(page, '/');
	await expectNoAxeViolations(page);
	await goto(page, '/login');
	await expectNoAxeViolations(page);

	await switchLanguage(page, 'English');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectNoAxeViolations(page);
	await goto(page, '/');
	await expectNoAxeViolations(page);
});

test('a wrong password shows the error next to the form and keeps the username', async ({
	page
}) => {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByLabel('Mật khẩu').fill('definitely-not-the-password');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();

	const alert = page.getByRole('alert');
	await expect(alert).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
	await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('admin');
	await expect(page).toHaveURL(/\/login$/);
	// The error sits inside the form it is about.
	await expect(page.locator('form', { has: alert }).getByLabel('Mật khẩu')).toBeVisible();
	await expectNoAxeViolations(page);
});

test('an empty form names the missing fields next to them', async ({ page }) => {
	await goto(page, '/login');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	const username = page.getByLabel('Tên đăng nhập');
	await expect(username).toHaveAttribute('aria-invalid', 'true');
	await expect(username).toHaveAccessibleDescription('Vui lòng nhập tên đăng nhập.');
	await expect(page.getByLabel('Mật khẩu')).toHaveAccessibleDescription('Vui lòng nhập mật khẩu.');
});

test('/admin sends a visitor to sign in and back to where they were going', async ({ page }) => {
	await goto(page, '/admin/units');
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Funits$/);
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin\/units$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Đơn vị' })).toBeVisible();
});

test('an admin signs in, reads the figures, finds units and the audit log, signs out', async ({
	page
}) => {
	await signIn(page);

	const nav = page.getByRole('navigation', { name: 'Quản trị' });
	await expect(nav.getByRole('link', { name: 'Tổng quan' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();
	await expect(page.getByText('Quản trị viên', { exact: true }).first()).toBeVisible();

	// Số ý kiến: a whole number (Vietnamese grouping uses dots), and the rate carries its n.
	const responses = page
		.getByRole('term')
		.filter({ hasText: /^Số ý kiến$/ })
		.locator('xpath=following-sibling::dd[1]');
	await expect(responses).toHaveText(/^\d{1,3}(\.\d{3})*$/);
	const responseCount = Number((await responses.innerText()).replace(/\./g, ''));
	// scripts/e2e-server.ts seeds responses up to 2026-11-27; within 30 days of that the window
	// must see them (later runs only check the format).
	if (Date.now() < Date.parse('2026-12-26T17:00:00Z')) expect(responseCount).toBeGreaterThan(0);
	await expect(page.getByText(/^n = \d{1,3}(\.\d{3})*/)).toBeVisible();
	await expectNoAxeViolations(page);

	// Units: diacritic-insensitive search.
	await nav.getByRole('link', { name: 'Đơn vị' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Đơn vị' })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Đơn vị' })).toHaveAttribute('aria-current', 'page');
	await expectNoAxeViolations(page);
	await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('phung hiep');
	await page.getByRole('button', { name: 'Tìm' }).click();
	await expect(page).toHaveURL(/\/admin\/units\?q=phung\+hiep/);
	const rows = page.getByRole('table', { name: /Danh sách đơn vị/ }).getByRole('row');
	const matching = rows.filter({ has: page.getByRole('rowheader', { name: /Phụng Hiệp/ }) });
	await expect(matching.first()).toBeVisible();
	// Every row found matches in its name or its code, folded as the search folds them.
	const fold = (s: string) =>
		s
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/đ/gi, 'd')
			.toLowerCase();
	const found = await rows.filter({ has: page.getByRole('rowheader') }).all();
	expect(found.length).toBeGreaterThan(0);
	for (const row of found) {
		const name = await row.getByRole('rowheader').innerText();
		const code = await row.getByRole('cell').first().innerText();
		expect(fold(`${code} ${name}`)).toMatch(/phung ?hiep/);
	}
	await expectNoAxeViolations(page);

	// Audit log: the sign-in just made is listed; the filter narrows by action.
	await nav.getByRole('link', { name: 'Nhật ký hệ thống' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' })).toBeVisible();
	await page.getByLabel('Hành động').fill('auth.sign_in');
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL(/action=auth\.sign_in&username=admin/);
	const auditRows = page.getByRole('table', { name: /Nhật ký hệ thống/ }).locator('tbody tr');
	await expect(auditRows.first()).toBeVisible();
	await expect(auditRows.first().getByRole('cell').first()).toHaveText(
		/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/
	);
	for (const action of await auditRows.locator('code').allInnerTexts()) {
		if (action.startsWith('auth.')) expect(action).toBe('auth.sign_in');
	}
	await expectNoAxeViolations(page);

	// Sign out: back to the login page, and /admin asks for a sign-in again.
	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
	await goto(page, '/admin');
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/);
});

test('sign-out is recorded in the audit log', async ({ page }) => {
	await signIn(page);
	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await signIn(page);
	await goto(page, '/admin/audit?action=auth.sign_out&username=admin');
	const rows = page.getByRole('table', { name: /Nhật ký hệ thống/ }).locator('tbody tr');
	await expect(rows.first()).toContainText('Đăng xuất');
});

test('a missing page says so in plain words', async ({ page }) => {
	const response = await goto(page, '/admin/khong-co-trang-nay');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang này.');
	await expectNoAxeViolations(page);
});
