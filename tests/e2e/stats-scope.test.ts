import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Fixtures } from './access-table';
import { closeTestDb, testDb } from './db';
import { goto } from './hydration';
import { accessFixturesPath } from './paths';

// Issue 15 item 4: the dashboard's survey filter named every survey, a sibling unit's too, in
// the page and in its __data.json. "own" users belong to Tân Bình, "other" ones to its sibling
// Hòa An; the fixtures give Tân Bình a survey of its own.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const SURVEY_NAME = 'Phiếu của Tân Bình (e2e)';
const access = () =>
	JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as Fixtures & {
		users: Record<string, { username: string }>;
	};
const sharedSurveyName = () =>
	(
		testDb()
			.prepare('SELECT name FROM surveys WHERE owner_unit_id IS NULL ORDER BY name LIMIT 1')
			.get() as { name: string }
	).name;

test.afterAll(closeTestDb);

async function signIn(page: Page, username: string) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

/** The dashboard as HTML and as the JSON its client reads. */
async function dashboard(page: Page) {
	const html = await (await page.request.get('/admin/stats')).text();
	const data = await (await page.request.get('/admin/stats/__data.json')).text();
	return { html, data };
}

test('a sibling unit’s survey is not named on the dashboard, in the page or its data', async ({
	page
}) => {
	const f = access();
	await signIn(page, f.users.managerOther.username);
	await goto(page, '/admin/stats');
	const select = page.getByLabel('Khảo sát', { exact: true });
	await expect(select.locator('option', { hasText: SURVEY_NAME })).toHaveCount(0);
	const other = await dashboard(page);
	for (const body of [other.html, other.data]) {
		expect(body).not.toContain(f.own.surveyId);
		expect(body).not.toContain(SURVEY_NAME);
	}
	// A shared survey is still offered.
	await expect(select.locator('option', { hasText: sharedSurveyName() })).not.toHaveCount(0);
});

test('the owning unit’s manager finds the survey in the filter', async ({ page }) => {
	const f = access();
	await signIn(page, f.users.managerOwn.username);
	await goto(page, '/admin/stats');
	const select = page.getByLabel('Khảo sát', { exact: true });
	await expect(select.locator('option', { hasText: SURVEY_NAME })).toHaveCount(1);
	const own = await dashboard(page);
	expect(own.data).toContain(f.own.surveyId);
});
