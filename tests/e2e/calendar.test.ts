import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { closeTestDb, testDb } from './db';
import { goto } from './hydration';

// The working calendar (/admin/calendar): an administrator enters the days off and the
// Saturdays worked that follow-up deadlines count; everyone else reads it. Dates in 2027, so
// the deadlines of the cases other tests open this week are not touched.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
test.afterAll(closeTestDb);

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
	).toEqual([]);
}

async function signIn(page: Page, username: string) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

const done = (page: Page) => page.getByRole('status').filter({ hasText: /Đã (thêm|xóa) ngày/ });

const daysOf2027 = () =>
	testDb()
		.prepare("SELECT date, kind, name FROM calendar_days WHERE date LIKE '2027-%' ORDER BY date")
		.all();

test('an admin enters Tết and a Saturday worked; a wrong kind is refused beside the date', async ({
	page
}) => {
	// A retry starts from an empty 2027.
	testDb().prepare("DELETE FROM calendar_days WHERE date LIKE '2027-%'").run();
	await signIn(page, 'admin');
	await page
		.getByRole('navigation', { name: 'Quản trị' })
		.getByRole('link', { name: 'Lịch làm việc' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Lịch làm việc' })).toBeVisible();
	await expectNoAxeViolations(page);

	// Saturday 6 February 2027 marked as a day off: it already is one.
	const form = page.getByRole('form', { name: 'Thêm ngày' });
	await form.getByLabel('Ngày', { exact: true }).fill('2027-02-06');
	await form.getByLabel('Tên gọi').fill('Tết Nguyên đán');
	await form.getByRole('button', { name: 'Thêm' }).press('Enter');
	const date = form.getByLabel('Ngày', { exact: true });
	await expect(date).toHaveAttribute('aria-invalid', 'true');
	await expect(date).toHaveAccessibleDescription(/vốn đã là ngày nghỉ/);
	await expect(date).toBeFocused();
	await expect(form.getByLabel('Tên gọi')).toHaveValue('Tết Nguyên đán');
	expect(daysOf2027()).toEqual([]);

	// Monday 8 February, by keyboard.
	await date.fill('2027-02-08');
	await form.getByLabel('Tên gọi').press('Enter');
	await expect(done(page)).toHaveText(/Đã thêm ngày 08\/02\/2027\./);
	await expect(page).toHaveURL(/year=2027/);

	await form.getByLabel('Ngày', { exact: true }).fill('2027-02-20');
	await form.getByRole('radio', { name: /Ngày làm bù/ }).check();
	await form.getByLabel('Tên gọi').fill('Làm bù cho ngày 8/2');
	await form.getByRole('button', { name: 'Thêm' }).click();
	await expect(done(page)).toHaveText(/Đã thêm ngày 20\/02\/2027\./);

	const table = page.getByRole('table', { name: 'Các ngày đã nhập trong năm 2027' });
	await expect(table.getByRole('row')).toHaveCount(3);
	await expect(table.getByRole('row').nth(1)).toContainText('08/02/2027');
	await expect(table.getByRole('row').nth(1)).toContainText('Thứ Hai');
	await expect(table.getByRole('row').nth(1)).toContainText('Tết Nguyên đán');
	await expect(table.getByRole('row').nth(2)).toContainText('Thứ Bảy');
	await expect(table.getByRole('row').nth(2)).toContainText('Ngày làm bù');
	await expect(page.getByText('1 ngày nghỉ, 1 ngày làm bù')).toBeVisible();
	expect(daysOf2027()).toEqual([
		{ date: '2027-02-08', kind: 'off', name: 'Tết Nguyên đán' },
		{ date: '2027-02-20', kind: 'work', name: 'Làm bù cho ngày 8/2' }
	]);
	await expectNoAxeViolations(page);

	const audit = testDb()
		.prepare(
			"SELECT action, target_id AS date, username FROM audit_log WHERE target_type = 'calendar_day' ORDER BY at"
		)
		.all();
	expect(audit.slice(-2)).toEqual([
		{ action: 'calendar.add', date: '2027-02-08', username: 'admin' },
		{ action: 'calendar.add', date: '2027-02-20', username: 'admin' }
	]);

	await page.getByRole('button', { name: 'Xóa ngày 20/02/2027' }).click();
	await expect(done(page)).toHaveText('Đã xóa ngày 20/02/2027.');
	await expect(table.getByRole('row')).toHaveCount(2);
	expect(daysOf2027()).toEqual([{ date: '2027-02-08', kind: 'off', name: 'Tết Nguyên đán' }]);
});

test('a report viewer reads the calendar with nothing to change', async ({ page }) => {
	await signIn(page, 'e2e.viewer.own');
	await goto(page, '/admin/calendar?year=2027');
	await expect(page.getByRole('heading', { level: 1, name: 'Lịch làm việc' })).toBeVisible();
	const table = page.getByRole('table', { name: 'Các ngày đã nhập trong năm 2027' });
	await expect(table.getByRole('row').nth(1)).toContainText('08/02/2027');
	await expect(page.getByRole('form', { name: 'Thêm ngày' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Xóa ngày/ })).toHaveCount(0);
	await expectNoAxeViolations(page);
});

test('a day off moves the open default deadlines after it, and removing it moves them back', async ({
	page
}) => {
	// Thursday 26 November 2026: the demo's last open cases are due around it.
	const day = '2026-11-26';
	testDb().prepare('DELETE FROM calendar_days WHERE date = ?').run(day);
	const snapshot = () =>
		new Map(
			(
				testDb()
					.prepare("SELECT id, deadline FROM follow_up_cases WHERE status != 'resolved'")
					.all() as { id: string; deadline: string }[]
			).map((r) => [r.id, r.deadline])
		);
	const original = snapshot();
	await signIn(page, 'admin');
	await goto(page, '/admin/calendar?year=2026');
	const form = page.getByRole('form', { name: 'Thêm ngày' });
	await form.getByLabel('Ngày', { exact: true }).fill(day);
	await form.getByLabel('Tên gọi').fill('Nghỉ thử (e2e)');
	await form.getByRole('button', { name: 'Thêm' }).click();
	await expect(done(page)).toContainText('Đã thêm ngày 26/11/2026.');

	const moved = [...snapshot()].filter(([id, deadline]) => original.get(id) !== deadline);
	expect(moved.length).toBeGreaterThan(0);
	for (const [id, deadline] of moved) {
		const before = original.get(id)!;
		// One working day later: the next day, or Monday after a Friday.
		expect(before >= day, `${id} was due ${before}`).toBe(true);
		const days = (Date.parse(deadline) - Date.parse(before)) / 86_400_000;
		expect(days === 1 || (days === 3 && new Date(before).getUTCDay() === 5)).toBe(true);
	}
	await expect(done(page)).toContainText(
		`${moved.length} phản hồi đang mở có hạn xử lý được tính lại theo lịch mới`
	);

	// The case page's history says so.
	const [caseId, movedTo] = moved[0];
	const fmt = (d: string) => d.split('-').reverse().join('/');
	await goto(page, `/admin/cases/${caseId}`);
	const history = page.getByRole('region', { name: 'Lịch sử xử lý' });
	await expect(history).toContainText(
		`Đổi hạn xử lý: ${fmt(original.get(caseId)!)} → ${fmt(movedTo)} (tính lại theo lịch làm việc)`
	);
	await goto(page, '/admin/calendar?year=2026');

	await page.getByRole('button', { name: 'Xóa ngày 26/11/2026' }).click();
	await expect(done(page)).toContainText('Đã xóa ngày 26/11/2026.');
	await expect(done(page)).toContainText(`${moved.length} phản hồi đang mở`);
	expect(snapshot()).toEqual(original);
});
