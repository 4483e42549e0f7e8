// What the admin screen tests share: signing in, an axe check and screenshots for people to look at.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { goto } from './hydration';

export const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const SCREENSHOTS = 'test-results/screenshots';

export async function signIn(page: Page, username = 'admin') {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

export async function expectAxeClean(page: Page, what: string) {
	const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	const found = axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
	expect(found, `axe on ${what}`).toEqual([]);
}

/** Waits until the page's scripts have run (the shared helper's mark). */
export { hydrated } from './hydration';

/** A screenshot of what the screen shows at this size, in test-results/screenshots/. */
export async function screenshot(page: Page, name: string, fullPage = false) {
	mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage });
}
