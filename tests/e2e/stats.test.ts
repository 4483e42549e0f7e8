import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { formatPercent } from '../../src/lib/domain/metrics';
import { hydrated } from './admin-session';
import { testDb } from './db';
import { accessFixturesPath } from './paths';
import { goto } from './hydration';

// Statistics ("Thống kê") against the demo database: the figures on screen and from the API are
// those of a direct count of the responses table, for a district before the 2025 reform and for a
// merged commune after it (with its predecessors' history).

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function signIn(page: Page, username: string) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

/** The unit, its subtree and everything merged into any of it, read straight from the tables. */
function lineageIds(unitId: string): string[] {
	const db = testDb();
	const seen = new Set<string>();
	let frontier = [unitId];
	while (frontier.length > 0) {
		const below = db
			.prepare(
				`SELECT descendant_id AS id FROM unit_closure WHERE ancestor_id IN (${frontier.map(() => '?').join(',')})`
			)
			.all(...frontier) as { id: string }[];
		const fresh = below.map((r) => r.id).filter((id) => !seen.has(id));
		fresh.forEach((id) => seen.add(id));
		if (fresh.length === 0) break;
		frontier = (
			db
				.prepare(`SELECT id FROM units WHERE successor_id IN (${fresh.map(() => '?').join(',')})`)
				.all(...fresh) as { id: string }[]
		)
			.map((r) => r.id)
			.filter((id) => !seen.has(id));
	}
	return [...seen];
}

function unitByCode(code: string): { id: string; name: string } {
	return testDb().prepare('SELECT id, name FROM units WHERE code = ?').get(code) as {
		id: string;
		name: string;
	};
}

/** Responses, satisfied and rated answers of a unit's lineage, counted in SQL. */
function directCount(code: string, from: string, to: string) {
	const ids = lineageIds(unitByCode(code).id);
	const row = testDb()
		.prepare(
			`SELECT count(*) AS responses, coalesce(sum(satisfied), 0) AS satisfied,
				count(main_level) AS rated
			 FROM responses WHERE unit_id IN (${ids.map(() => '?').join(',')})
			 AND local_date BETWEEN ? AND ?`
		)
		.get(...ids, from, to) as { responses: number; satisfied: number; rated: number };
	return { ...row, unitIds: ids };
}

/** '12345' -> '12.345', as the Vietnamese screens group thousands. */
function viCount(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function parseViCount(text: string): number {
	return Number(text.replace(/\./g, '').trim());
}

async function openDashboard(page: Page, unitId: string, from: string, to: string) {
	const r = await goto(
		page,
		`/admin/stats?unit=${unitId}&period=custom&from=${from}&to=${to}&compare=previous`
	);
	expect(r?.status()).toBe(200);
}

const headlineResponses = (page: Page) =>
	page.getByRole('group', { name: 'Số ý kiến' }).locator('[data-figure="responses"]');
const headlineRate = (page: Page) =>
	page.getByRole('group', { name: 'Tỷ lệ hài lòng' }).locator('[data-figure="rate"]');

test.beforeAll(() => {
	expect(PASSWORD, 'E2E_ADMIN_PASSWORD is set by playwright.config.ts').not.toBe('');
});

test('the district HG-PH in 2024: the form, the headline and the table match a direct count', async ({
	page
}) => {
	const hgph = unitByCode('HG-PH');
	const want = directCount('HG-PH', '2024-01-01', '2024-12-31');
	expect(want.responses).toBeGreaterThan(1000);
	expect(want.unitIds.length).toBeGreaterThan(1);

	await signIn(page, 'admin');
	await page.getByRole('link', { name: 'Thống kê' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thống kê' })).toBeVisible();

	// The GET form, filled as a person would: the URL it leads to is the bookmark.
	await page.getByLabel('Đơn vị', { exact: true }).selectOption(hgph.id);
	await page.getByLabel('Kỳ báo cáo').selectOption('custom');
	await page.getByLabel('Từ ngày').fill('2024-01-01');
	await page.getByLabel('Đến ngày').fill('2024-12-31');
	await page.getByRole('button', { name: 'Xem thống kê' }).click();
	await expect(page).toHaveURL(/period=custom/);
	expect(new URL(page.url()).searchParams.get('unit')).toBe(hgph.id);
	expect(new URL(page.url()).searchParams.get('from')).toBe('2024-01-01');

	await expect(headlineResponses(page)).toHaveText(viCount(want.responses));
	await expect(headlineRate(page)).toHaveText(formatPercent(want.satisfied / want.rated, 'vi'));
	await expect(page.getByText(`trên ${viCount(want.rated)} ý kiến có đánh giá`)).toBeVisible();

	// The trend as a table: its months add up to the same responses.
	const figure = page.getByRole('region', { name: /Diễn biến theo thời gian/ });
	const trendTable = figure.getByRole('table');
	await expect(trendTable).toBeHidden();
	await figure.getByRole('button', { name: 'Xem dạng bảng' }).click();
	await expect(trendTable).toBeVisible();
	const rows = trendTable.locator('tbody tr');
	await expect(rows).toHaveCount(12);
	const cells = await rows.evaluateAll((trs) =>
		trs.map((tr) => (tr.querySelectorAll('td')[0]?.textContent ?? '').trim())
	);
	expect(cells.map(parseViCount).reduce((a, b) => a + b, 0)).toBe(want.responses);
	await expect(figure.getByRole('button', { name: 'Xem dạng biểu đồ' })).toHaveAttribute(
		'aria-expanded',
		'true'
	);

	const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
		[]
	);
});

test('the merged commune CT-TANBINH: 2026 from the new unit, 2025 with its predecessors', async ({
	page
}) => {
	const tanBinh = unitByCode('CT-TANBINH');
	await signIn(page, 'admin');

	const y2026 = directCount('CT-TANBINH', '2026-01-01', '2026-11-27');
	const ownOnly = testDb()
		.prepare(
			"SELECT count(*) AS n FROM responses WHERE unit_id = ? AND local_date BETWEEN '2026-01-01' AND '2026-11-27'"
		)
		.get(tanBinh.id) as { n: number };
	expect(y2026.responses).toBeGreaterThan(0);
	expect(y2026.responses).toBe(ownOnly.n);
	await openDashboard(page, tanBinh.id, '2026-01-01', '2026-11-27');
	await expect(headlineResponses(page)).toHaveText(viCount(y2026.responses));
	await expect(headlineRate(page)).toHaveText(formatPercent(y2026.satisfied / y2026.rated, 'vi'));

	// Across the reform on 1/7/2025: the predecessors' first half-year is counted too.
	const y2025 = directCount('CT-TANBINH', '2025-01-01', '2025-12-31');
	const predecessorsRows = testDb()
		.prepare(
			`SELECT count(*) AS n FROM responses WHERE unit_id != ? AND unit_id IN (${y2025.unitIds.map(() => '?').join(',')}) AND local_date BETWEEN '2025-01-01' AND '2025-06-30'`
		)
		.get(tanBinh.id, ...y2025.unitIds) as { n: number };
	expect(predecessorsRows.n).toBeGreaterThan(0);
	await openDashboard(page, tanBinh.id, '2025-01-01', '2025-12-31');
	await expect(headlineResponses(page)).toHaveText(viCount(y2025.responses));
	await expect(headlineRate(page)).toHaveText(formatPercent(y2025.satisfied / y2025.rated, 'vi'));
});

test('the dashboard is usable with the keyboard alone', async ({ page }) => {
	await signIn(page, 'admin');
	const hgph = unitByCode('HG-PH');
	await openDashboard(page, hgph.id, '2024-01-01', '2024-03-31');
	// Hydration sets the selects from the page data: choose only after it, or the choice is undone.
	await hydrated(page);
	// The comparison is folded under "Thêm bộ lọc": opened with Enter on its summary.
	await page.getByText('Thêm bộ lọc', { exact: true }).focus();
	await page.keyboard.press('Enter');
	await page.getByLabel('So sánh với').focus();
	await page.getByLabel('So sánh với').selectOption('none');
	// Enter in a text field submits the GET form (the dates: the period is a custom one).
	await page.getByLabel('Đến ngày').focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/compare=none/);
	await expect(page.getByText(/^So với/)).toHaveCount(0);

	const toggle = page
		.getByRole('region', { name: /Diễn biến theo thời gian/ })
		.getByRole('button', { name: 'Xem dạng bảng' });
	await toggle.focus();
	await page.keyboard.press('Enter');
	await expect(
		page.getByRole('region', { name: /Diễn biến theo thời gian/ }).getByRole('table')
	).toBeVisible();
	await page.keyboard.press('Space');
	await expect(
		page.getByRole('region', { name: /Diễn biến theo thời gian/ }).getByRole('table')
	).toBeHidden();
});

test('invalid parameters are shown beside the form, not a server error', async ({ page }) => {
	await signIn(page, 'admin');
	const r = await goto(page, '/admin/stats?period=custom&from=2024-13-01&to=2024-01-01&compare=x');
	expect(r?.status()).toBe(200);
	await expect(page.getByRole('alert')).toContainText('Ngày không hợp lệ');
	await expect(page.getByRole('alert')).toContainText('Cách so sánh không hợp lệ');
	await expect(page.getByLabel('Từ ngày')).toHaveAttribute('aria-invalid', 'true');
	const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('a manager of CT-TANBINH sees Tân Bình only and cannot pick another commune', async ({
	page
}) => {
	const access = JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as {
		own: { unitId: string };
		other: { unitId: string };
	};
	await signIn(page, 'e2e.manager.own');
	await goto(page, '/admin/stats');
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue(access.own.unitId);
	const offered = await page
		.getByLabel('Đơn vị', { exact: true })
		.locator('option')
		.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
	expect(offered).not.toContain(access.other.unitId);
	expect(offered).not.toContain('');

	const denied = await goto(page, `/admin/stats?unit=${access.other.unitId}`);
	expect(denied?.status()).toBe(403);
	const api = await page.request.get(`/api/v1/stats?unit=CT-HOAAN&from=2026-01-01&to=2026-01-31`);
	expect(api.status()).toBe(403);
	expect((await api.json()).error.code).toBe('forbidden');
});

test('the API gives the same figures as JSON, with errors in one shape', async ({ page }) => {
	const want = directCount('HG-PH', '2024-01-01', '2024-12-31');
	await signIn(page, 'admin');
	const r = await page.request.get('/api/v1/stats?unit=HG-PH&from=2024-01-01&to=2024-12-31');
	expect(r.status()).toBe(200);
	const body = await r.json();
	expect(body.unit.code).toBe('HG-PH');
	expect(body.figures.headline.responses).toBe(want.responses);
	expect(body.figures.headline.satisfaction.satisfied).toBe(want.satisfied);
	expect(body.figures.headline.satisfaction.n).toBe(want.rated);
	expect(body.comparison).toEqual({ from: '2022-12-31', to: '2023-12-31' });

	const bad = await page.request.get('/api/v1/stats?unit=HG-PH&from=2024-02-30&to=2024-01-01');
	expect(bad.status()).toBe(400);
	const error = (await bad.json()).error;
	expect(error.code).toBe('invalid_parameters');
	expect(Object.keys(error.details)).toContain('from');

	const anon = await page.context().browser()!.newContext();
	const unsigned = await anon.request.get(
		`${new URL(page.url()).origin}/api/v1/stats?unit=HG-PH&from=2024-01-01&to=2024-12-31`
	);
	expect(unsigned.status()).toBe(401);
	expect((await unsigned.json()).error.code).toBe('unauthenticated');
	const forged = await anon.request.get(`${new URL(page.url()).origin}/api/v1/stats`, {
		headers: { authorization: 'Bearer ykapi_notarealtokenatall234567' }
	});
	expect(forged.status()).toBe(401);

	// A viewer token of Tân Bình, stored hashed as api-tokens.issue does: its scope, not more.
	const token = `ykapi_${'e2etokenstatsabcdefghijklmnopq'.slice(0, 32)}`;
	testDb()
		.prepare(
			`INSERT INTO api_tokens (id, name, token_hash, role, unit_id, created_by, created_at)
			 VALUES (?, 'e2e', ?, 'viewer', ?, NULL, ?)`
		)
		.run(
			randomUUID(),
			createHash('sha256').update(token).digest('hex'),
			unitByCode('CT-TANBINH').id,
			new Date().toISOString()
		);
	const origin = new URL(page.url()).origin;
	const headers = { authorization: `Bearer ${token}` };
	const own = await anon.request.get(
		`${origin}/api/v1/stats?unit=CT-TANBINH&from=2026-01-01&to=2026-11-27`,
		{ headers }
	);
	expect(own.status()).toBe(200);
	const y2026 = directCount('CT-TANBINH', '2026-01-01', '2026-11-27');
	expect((await own.json()).figures.headline.responses).toBe(y2026.responses);
	const other = await anon.request.get(`${origin}/api/v1/stats?unit=CT-HOAAN`, { headers });
	expect(other.status()).toBe(403);
	await anon.close();
});

test('"Kỳ báo cáo theo NĐ 09" on the dashboard and the API: 15/12 to 14/3 for the first quarter', async ({
	page
}) => {
	const tanBinh = unitByCode('CT-TANBINH');
	const want = directCount('CT-TANBINH', '2025-12-15', '2026-03-14');
	const calendar = directCount('CT-TANBINH', '2026-01-01', '2026-03-31');
	expect(want.responses).toBeGreaterThan(0);
	expect(want.responses).not.toBe(calendar.responses);
	await signIn(page, 'admin');
	const r = await goto(
		page,
		`/admin/stats?unit=${tanBinh.id}&period=quarter&year=2026&quarter=1&compare=none`
	);
	expect(r?.status()).toBe(200);
	await expect(headlineResponses(page)).toHaveText(viCount(calendar.responses));
	// Hydration sets the selects from the page data: choose only after it.
	await hydrated(page);
	await page.getByLabel('Cách tính kỳ').selectOption({ label: 'Kỳ báo cáo theo NĐ 09' });
	await page.getByRole('button', { name: 'Xem thống kê' }).click();
	await expect(page).toHaveURL(/basis=cutoff/);
	await expect(page.getByText('từ 15/12/2025 đến 14/03/2026')).toBeVisible();
	await expect(page.getByText('Kỳ báo cáo theo NĐ 09/2019/NĐ-CP')).toBeVisible();
	await expect(headlineResponses(page)).toHaveText(viCount(want.responses));
	await expect(headlineRate(page)).toHaveText(formatPercent(want.satisfied / want.rated, 'vi'));
	await expect(page.getByLabel('Cách tính kỳ')).toHaveValue('cutoff');
	const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);

	const api = await page.request.get(
		'/api/v1/stats?unit=CT-TANBINH&period=quarter&year=2026&quarter=1&basis=cutoff'
	);
	expect(api.status()).toBe(200);
	const body = await api.json();
	expect([body.period.from, body.period.to, body.period.basis]).toEqual([
		'2025-12-15',
		'2026-03-14',
		'cutoff'
	]);
	expect(body.figures.headline.responses).toBe(want.responses);
	expect(body.figures.headline.satisfaction.satisfied).toBe(want.satisfied);
	// The previous cut-off quarter: 15/9 to 14/12/2025.
	expect(body.comparison).toEqual({ from: '2025-09-15', to: '2025-12-14' });

	const bad = await page.request.get('/api/v1/stats?unit=CT-TANBINH&period=quarter&basis=nd09');
	expect(bad.status()).toBe(400);
	const error = (await bad.json()).error;
	expect(error.code).toBe('invalid_parameters');
	expect(Object.keys(error.details)).toEqual(['basis']);
});
