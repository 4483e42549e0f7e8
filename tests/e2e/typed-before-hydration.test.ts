import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Fixtures } from './access-table';
import { closeTestDb, testDb } from './db';
import { goto, hydrated } from './hydration';
import { accessFixturesPath } from './paths';

// Issue 15 item 3: on a slow tablet a person types before the client script has arrived. What
// they typed must still be there when the script hydrates the page and they press the button.
// The client script is held back until the typing is done, so hydration always comes after it.

const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const access = () => JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as Fixtures;

test.afterAll(closeTestDb);
// The service worker would serve the script from its cache, past the route that holds it back.
test.use({ serviceWorkers: 'block' });

/** Holds every client script back until the returned function is called. */
async function holdClientScript(page: Page): Promise<() => Promise<void>> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await released;
		await route.continue();
	});
	return async () => {
		release();
		await hydrated(page);
	};
}

const notHydrated = (page: Page) => expect(page.locator('html[data-hydrated]')).toHaveCount(0);

test('the sign-in form keeps what was typed before hydration', async ({ page }) => {
	const release = await holdClientScript(page);
	// eslint-disable-next-line no-restricted-syntax -- typing before hydration is the point here
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
	await notHydrated(page);

	await release();
	await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('admin');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
	await expect(page.getByText('Vui lòng nhập tên đăng nhập')).toHaveCount(0);
});

test('the new-user form keeps text, choices and radio picked before hydration', async ({
	page
}) => {
	const username = 'e2e.truoc.hydrate';
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);

	const release = await holdClientScript(page);
	// eslint-disable-next-line no-restricted-syntax -- typing before hydration is the point here
	await page.goto('/admin/users/new', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Họ tên', { exact: true }).fill('Trần Thị Trước');
	await page.getByLabel('Vai trò').selectOption({ label: 'Xem báo cáo' });
	await page.getByLabel('Đơn vị').selectOption(access().other.unitId);
	await page.getByLabel('Tự đặt mật khẩu').check();
	await page.getByLabel('Mật khẩu tự đặt').fill('Truoc-Hydrate-2026');
	await notHydrated(page);

	await release();
	await expect(page.getByLabel('Tên đăng nhập')).toHaveValue(username);
	await expect(page.getByLabel('Tự đặt mật khẩu')).toBeChecked();
	await page.getByRole('button', { name: 'Tạo người dùng' }).click();
	await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}\?done=created$/);
	// Typed password: none is generated and shown.
	await expect(page.getByTestId('shown-password')).toHaveCount(0);
	const row = testDb()
		.prepare('SELECT display_name, role, unit_id FROM users WHERE username = ?')
		.get(username);
	expect(row).toEqual({
		display_name: 'Trần Thị Trước',
		role: 'viewer',
		unit_id: access().other.unitId
	});
});
