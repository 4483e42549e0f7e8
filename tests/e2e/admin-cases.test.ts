import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { testDb } from './db';
import { accessFixturesPath } from './paths';
import { goto } from './hydration';

// Follow-up cases ("Phản hồi người dân") against the demo database: the admin works an overdue
// case to the end, a manager sees only the Tân Bình lineage, a viewer sees a masked number.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AccessFixtures {
	own: { unitId: string };
	other: { unitId: string; caseId: string | null };
}
const access = () => JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as AccessFixtures;

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

async function signIn(page: Page, username: string) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

/** The open and overdue counts of the admin home, read from the links to the list. */
async function homeCounts(page: Page) {
	await goto(page, '/admin');
	const number = async (name: RegExp) => {
		const text = await page.getByRole('link', { name }).innerText();
		return Number(/(\d[\d.]*)/.exec(text)![1].replace(/\./g, ''));
	};
	return {
		open: await number(/Xem các phản hồi đang mở/),
		overdue: await number(/Xem các phản hồi quá hạn/)
	};
}

/** Presses Tab until the element matching `name` has focus, as a keyboard user would. */
async function tabTo(page: Page, name: string, max = 10) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		if (focused === name) return;
	}
	throw new Error(`"${name}" not reached with Tab`);
}

/**
 * The unit and everything whose history counts for it, read straight from the tables: its
 * subtree, the units merged into any of those, their subtrees, and so on.
 */
function lineageOf(unitId: string) {
	const db = testDb();
	const seen = new Set<string>();
	let frontier = [unitId];
	while (frontier.length > 0) {
		const marks = frontier.map(() => '?').join(',');
		const below = db
			.prepare(`SELECT descendant_id AS id FROM unit_closure WHERE ancestor_id IN (${marks})`)
			.all(...frontier) as { id: string }[];
		const fresh = below.map((r) => r.id).filter((id) => !seen.has(id));
		fresh.forEach((id) => seen.add(id));
		if (fresh.length === 0) break;
		const marks2 = fresh.map(() => '?').join(',');
		frontier = (
			db.prepare(`SELECT id FROM units WHERE successor_id IN (${marks2})`).all(...fresh) as {
				id: string;
			}[]
		)
			.map((r) => r.id)
			.filter((id) => !seen.has(id));
	}
	const ids = [...seen];
	return db
		.prepare(`SELECT id, code, name FROM units WHERE id IN (${ids.map(() => '?').join(',')})`)
		.all(...ids) as { id: string; code: string; name: string }[];
}

test.beforeAll(() => {
	expect(PASSWORD, 'E2E_ADMIN_PASSWORD is set by playwright.config.ts').not.toBe('');
});

test('an admin works an overdue case to resolved and it leaves the open count', async ({
	page
}) => {
	// Three axe runs over long pages take most of the time on a slow machine.
	test.setTimeout(120_000);
	await signIn(page, 'admin');
	const before = await homeCounts(page);
	expect(before.overdue).toBeGreaterThan(0);

	await page.getByRole('link', { name: /Xem các phản hồi quá hạn/ }).click();
	await expect(page).toHaveURL(/\/admin\/cases\?overdue=1$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Phản hồi người dân' })).toBeVisible();
	await expect(page.getByLabel('Chỉ hiện phản hồi quá hạn')).toBeChecked();
	await expect(page.getByRole('status').filter({ hasText: 'phản hồi' })).toHaveText(
		`${before.overdue} phản hồi`
	);
	const rows = page
		.getByRole('table', { name: /Danh sách phản hồi người dân/ })
		.locator('tbody tr');
	await expect(rows).toHaveCount(Math.min(before.overdue, 25));
	// Overdue is said in words in every row, not by colour alone.
	for (const row of await rows.all()) await expect(row).toContainText('Quá hạn');
	await expectNoAxeViolations(page);

	await rows.first().getByRole('link').click();
	await expect(page).toHaveURL(/\/admin\/cases\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: /Phản hồi nhận lúc/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /^0\d{3} \d{3} \d{3}$/ })).toHaveAttribute(
		'href',
		/^tel:0\d{9}$/
	);
	await expect(page.getByText(/Quá hạn/).first()).toBeVisible();
	await expectNoAxeViolations(page);

	// A note on its own.
	const note = page.getByRole('textbox', { name: 'Ghi chú xử lý' });
	await note.fill('Đã gọi lại lần hai, hẹn bổ sung hồ sơ ngày mai.');
	await page.getByRole('button', { name: 'Lưu ghi chú' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu ghi chú.' })).toBeVisible();
	const history = page.getByRole('region', { name: 'Lịch sử xử lý' });
	await expect(history).toContainText('Đã gọi lại lần hai, hẹn bổ sung hồ sơ ngày mai.');
	await expect(note).toHaveValue('');

	// Resolving without a note is refused next to the field, and nothing changes.
	await page.getByRole('button', { name: 'Đánh dấu đã giải quyết' }).click();
	const error = 'Vui lòng ghi lại kết quả xử lý trước khi đánh dấu đã giải quyết.';
	await expect(note).toHaveAttribute('aria-invalid', 'true');
	await expect(note).toHaveAccessibleDescription(new RegExp(error));
	await expect(note).toBeFocused();
	await expect(page.getByRole('region', { name: 'Tình trạng xử lý' })).toContainText('Đã liên hệ');
	await expectNoAxeViolations(page);

	// Then with the keyboard only: type, Tab to the button, Enter.
	await page.keyboard.type('Đã hướng dẫn, người dân đã nhận kết quả.');
	await tabTo(page, 'Đánh dấu đã giải quyết');
	await page.keyboard.press('Enter');
	await expect(
		page.getByRole('status').filter({ hasText: 'Đã cập nhật trạng thái.' })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Tình trạng xử lý' })).toContainText(
		'Đã giải quyết'
	);
	await expect(history).toContainText('Đã hướng dẫn, người dân đã nhận kết quả.');
	await expect(page.getByRole('button', { name: 'Mở lại phản hồi' })).toBeVisible();
	await expect(page.getByText(/Quá hạn/)).toHaveCount(0);

	const after = await homeCounts(page);
	expect(after).toEqual({ open: before.open - 1, overdue: before.overdue - 1 });

	// A new case is marked contacted from the list filtered by status; it stays open.
	await goto(page, '/admin/cases');
	await page.getByLabel('Trạng thái').selectOption('new');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL(/status=new/);
	await page.getByRole('table').locator('tbody tr').first().getByRole('link').click();
	await expect(page.getByRole('region', { name: 'Tình trạng xử lý' })).toContainText('Mới');
	await page.getByRole('textbox', { name: 'Ghi chú xử lý' }).fill('Đã gọi, người dân hẹn gọi lại.');
	await page.getByRole('button', { name: 'Đánh dấu đã liên hệ' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Đã cập nhật trạng thái.' })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Tình trạng xử lý' })).toContainText('Đã liên hệ');
	expect((await homeCounts(page)).open).toBe(after.open);
});

test('a manager sees only the Tân Bình lineage and gets 403 elsewhere', async ({ page }) => {
	const db = testDb();
	const lineage = lineageOf(access().own.unitId);
	const ids = lineage.map((u) => u.id);
	// The demo merged the old communes Tân Bình, Bình Thành and Long Thạnh into the new Tân Bình.
	expect(lineage.map((u) => u.code)).toEqual(
		expect.arrayContaining(['CT-TANBINH', 'HG-PH-TANBINH', 'HG-PH-BINHTHANH', 'HG-PH-LONGTHANH'])
	);
	expect(lineage.map((u) => u.code)).not.toContain('CT-HOAAN');
	const expected = db
		.prepare(
			`SELECT count(*) AS n FROM follow_up_cases WHERE unit_id IN (${ids.map(() => '?').join(',')})`
		)
		.get(...ids) as { n: number };

	await signIn(page, 'e2e.manager.own');
	await goto(page, '/admin/cases?status=all');
	await expect(page.getByRole('status').filter({ hasText: 'phản hồi' })).toHaveText(
		`${expected.n.toLocaleString('vi-VN')} phản hồi`
	);
	const options = await page.getByLabel('Đơn vị').locator('option').allInnerTexts();
	expect(options.length).toBe(lineage.length + 1);
	const names = lineage.map((u) => u.name);
	// The second cell holds the unit's name, then the counter on the next line.
	const units = (await page.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((text) =>
		text.split('\n')[0].trim()
	);
	expect(units.length).toBeGreaterThan(0);
	for (const unit of units) expect(names).toContain(unit);

	const other = access().other.caseId;
	expect(other, 'a case of Hòa An in the demo').toBeTruthy();
	const response = await goto(page, `/admin/cases/${other}`);
	expect(response?.status()).toBe(403);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Bạn không có quyền xem trang này.' })
	).toBeVisible();
});

test('a viewer reads a case with the number masked and no forms', async ({ page }) => {
	await signIn(page, 'e2e.viewer.own');
	await goto(page, '/admin/cases');
	await page.getByRole('table').locator('tbody tr').first().getByRole('link').click();
	await expect(page).toHaveURL(/\/admin\/cases\/[0-9a-f-]{36}$/);
	const id = page.url().split('/').pop()!;
	const phone = (
		testDb().prepare('SELECT phone FROM follow_up_cases WHERE id = ?').get(id) as {
			phone: string;
		}
	).phone;
	expect(phone).toMatch(/^0\d{9}$/);

	const region = page.getByRole('region', { name: 'Số điện thoại liên hệ' });
	await expect(region).toContainText(`${phone.slice(0, 2)}xx xxx ${phone.slice(-3)}`);
	await expect(region.getByRole('link')).toHaveCount(0);
	const html = await page.content();
	expect(html).not.toContain(phone);
	expect(html).not.toContain(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await expect(
		page.getByRole('button', { name: /Lưu ghi chú|Đánh dấu|Giao xử lý|Đổi hạn/ })
	).toHaveCount(0);
	await expect(page.getByText(/chỉ có quyền xem/)).toBeVisible();
	await expectNoAxeViolations(page);

	// The actions refuse a viewer even with a well-formed form.
	const origin = new URL(page.url()).origin;
	const refused = await page.request.post(`/admin/cases/${id}?/note`, {
		form: { note: 'Không được phép' },
		headers: { origin },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(403);
	const notes = testDb()
		.prepare(
			"SELECT count(*) AS n FROM follow_up_notes WHERE case_id = ? AND body = 'Không được phép'"
		)
		.get(id) as { n: number };
	expect(notes.n).toBe(0);
});
