import { expect, test } from '@playwright/test';
import { expectAxeClean, screenshot, signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { goto } from './hydration';

// Report schedules and alert thresholds (/admin/reports/schedules), and the alerts on the
// overview (issue 13, "sent without asking").

test.afterAll(closeTestDb);

const unitId = (code: string) =>
	(testDb().prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: string }).id;
const userId = (username: string) =>
	(testDb().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

test('an admin subscribes a user to a quarterly report, sets a threshold, and removes the subscription', async ({
	page
}) => {
	// A retry starts clean.
	testDb().prepare('DELETE FROM report_subscriptions').run();
	testDb().prepare('DELETE FROM alert_thresholds').run();
	const tanBinh = unitId('CT-TANBINH');
	await signIn(page, 'admin');
	await goto(page, '/admin/reports');
	await page.getByRole('link', { name: 'Lịch gửi báo cáo và cảnh báo' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Lịch gửi báo cáo và cảnh báo' })
	).toBeVisible();
	await expect(page.getByText('E-mail: chưa cấu hình (SMTP_URL)')).toBeVisible();
	await expectAxeClean(page, 'the schedules page');

	const form = page.getByRole('form', { name: 'Đăng ký nhận báo cáo' });
	await form.getByLabel('Người nhận').selectOption(userId('admin'));
	await form.getByLabel('Địa chỉ e-mail (không bắt buộc)').fill('lanh-dao@@xa');
	await form.getByLabel('Đơn vị').selectOption(tanBinh);
	await form.getByLabel('Kỳ', { exact: true }).selectOption('quarter');
	await form.getByLabel('Cách tính kỳ').selectOption('cutoff');
	await form.getByRole('button', { name: 'Đăng ký' }).press('Enter');
	const email = form.getByLabel('Địa chỉ e-mail (không bắt buộc)');
	await expect(email).toHaveAttribute('aria-invalid', 'true');
	await expect(email).toHaveAccessibleDescription(/Địa chỉ e-mail không hợp lệ/);
	await expect(email).toBeFocused();
	expect(testDb().prepare('SELECT COUNT(*) AS n FROM report_subscriptions').get()).toEqual({
		n: 0
	});

	await email.fill('lanh.dao@tanbinh.gov.vn');
	await form.getByRole('button', { name: 'Đăng ký' }).click();
	await expect(page.getByRole('status')).toHaveText('Đã đăng ký nhận báo cáo.');
	const table = page.getByRole('table', { name: 'Các đăng ký' });
	await expect(table.getByRole('row')).toHaveCount(2);
	await expect(table.getByRole('row').nth(1)).toContainText('Quý · Kỳ báo cáo theo NĐ 09');
	await expect(table.getByRole('row').nth(1)).toContainText('lanh.dao@tanbinh.gov.vn');
	expect(
		testDb()
			.prepare('SELECT template, unit_id AS unit, basis, kind, email FROM report_subscriptions')
			.all()
	).toEqual([
		{
			template: 'results',
			unit: tanBinh,
			basis: 'cutoff',
			kind: 'quarter',
			email: 'lanh.dao@tanbinh.gov.vn'
		}
	]);

	// The same again: refused beside the recipient.
	await form.getByLabel('Người nhận').selectOption(userId('admin'));
	await form.getByLabel('Đơn vị').selectOption(tanBinh);
	await form.getByLabel('Kỳ', { exact: true }).selectOption('quarter');
	await form.getByLabel('Cách tính kỳ').selectOption('cutoff');
	await form.getByRole('button', { name: 'Đăng ký' }).click();
	await expect(form.getByLabel('Người nhận')).toHaveAccessibleDescription(/đã đăng ký đúng mẫu/);

	// A threshold of 0 % is refused beside it; 30 % is kept.
	const alertForm = page.getByRole('form', { name: 'Ngưỡng cảnh báo theo đơn vị' });
	await alertForm.getByLabel('Đơn vị').selectOption(tanBinh);
	await alertForm.getByLabel('Tỷ lệ chưa hài lòng (%)').fill('0');
	await alertForm.getByRole('button', { name: 'Lưu ngưỡng' }).click();
	const percent = alertForm.getByLabel('Tỷ lệ chưa hài lòng (%)');
	await expect(percent).toHaveAccessibleDescription('Nhập số nguyên từ 1 đến 100.');
	await percent.fill('30');
	await alertForm
		.getByLabel('E-mail nhận cảnh báo (mỗi dòng một địa chỉ)')
		.fill('a@tanbinh.gov.vn');
	await alertForm.getByRole('button', { name: 'Lưu ngưỡng' }).click();
	await expect(page.getByRole('status')).toHaveText('Đã lưu ngưỡng cảnh báo.');
	await expect(page.getByText('4 lượt, 30%, 15 phút, 1 địa chỉ e-mail')).toBeVisible();
	await screenshot(page, 'schedules', true);
	await page.getByRole('button', { name: 'Đưa Xã Tân Bình về ngưỡng mặc định' }).click();
	await expect(page.getByRole('status')).toHaveText('Đơn vị đã về ngưỡng mặc định.');
	await expect(page.getByText('Đơn vị có ngưỡng riêng')).toHaveCount(0);
	expect(testDb().prepare('SELECT COUNT(*) AS n FROM alert_thresholds').get()).toEqual({ n: 0 });

	await page.getByRole('button', { name: /Bỏ đăng ký của/ }).click();
	await expect(page.getByRole('status')).toHaveText('Đã bỏ đăng ký.');
	await expect(page.getByText('Chưa có đăng ký nào.')).toBeVisible();
	expect(testDb().prepare('SELECT COUNT(*) AS n FROM report_subscriptions').get()).toEqual({
		n: 0
	});
	expect(
		testDb()
			.prepare(
				"SELECT action FROM audit_log WHERE action LIKE 'report_schedule.%' OR action LIKE 'alert.threshold_%' ORDER BY at"
			)
			.all()
			.slice(-4)
	).toEqual([
		{ action: 'report_schedule.subscribe' },
		{ action: 'alert.threshold_set' },
		{ action: 'alert.threshold_reset' },
		{ action: 'report_schedule.unsubscribe' }
	]);
});

test('an alert shows on the overview of the unit’s managers, with links to the answers behind it', async ({
	page
}) => {
	const tanBinh = unitId('CT-TANBINH');
	const at = new Date(Date.now() - 5 * 60_000).toISOString();
	testDb().prepare("DELETE FROM unit_alerts WHERE id = 'e2e-alert'").run();
	testDb()
		.prepare(
			"INSERT INTO unit_alerts (id, unit_id, window_from, window_to, answers, unhappy, created_at) VALUES ('e2e-alert', ?, ?, ?, 6, 4, ?)"
		)
		.run(tanBinh, at, at, at);
	await signIn(page, 'admin');
	const section = page.getByRole('region', { name: 'Cảnh báo trong 24 giờ qua' });
	await expect(section).toContainText('4/6 lượt đánh giá chưa hài lòng');
	const comments = section.getByRole('link', { name: 'Xem ý kiến' }).first();
	await expect(comments).toHaveAttribute(
		'href',
		new RegExp(
			`^/admin/comments\\?unit=${tanBinh}&from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}&rating=unsatisfied$`
		)
	);
	await expectAxeClean(page, 'the overview with an alert');
	await comments.click();
	await expect(page).toHaveURL(/\/admin\/comments\?unit=/);
	testDb().prepare("DELETE FROM unit_alerts WHERE id = 'e2e-alert'").run();
});
