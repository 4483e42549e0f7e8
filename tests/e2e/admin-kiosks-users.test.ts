import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import type { Fixtures } from './access-table';
import { testDb } from './db';
import { accessFixturesPath } from './paths';
import { goto, reload } from './hydration';

// Administration of kiosks, users and one's own account, against the built server on the
// fresh demo database (scripts/e2e-server.ts). Elements are found by role and label.

const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

async function signIn(page: Page, username: string, password: string) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page).toHaveURL(/\/login$/);
}

const access = () => JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as Fixtures;
const nav = (page: Page) => page.getByRole('navigation', { name: 'Quản trị' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test.beforeAll(() => {
	expect(ADMIN_PASSWORD, 'E2E_ADMIN_PASSWORD is set by playwright.config.ts').not.toBe('');
});

test('an admin creates a kiosk, pairs it, watches its health, re-pairs and revokes it', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'admin', ADMIN_PASSWORD);
	await nav(page).getByRole('link', { name: 'Thiết bị kiosk' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thiết bị kiosk' })).toBeVisible();
	await expectNoAxeViolations(page);

	// Create: the empty form names both problems next to their fields.
	await page.getByRole('link', { name: 'Thêm kiosk' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thêm kiosk' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Tạo kiosk và mã ghép nối' }).click();
	const name = page.getByLabel('Tên kiosk');
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveAccessibleDescription(/Vui lòng nhập tên kiosk\.$/);
	await expect(name).toBeFocused();
	await expect(page.getByLabel('Nơi đặt')).toHaveAccessibleDescription(
		/Vui lòng chọn nơi đặt kiosk\.$/
	);
	await expectNoAxeViolations(page);

	const kioskName = 'Kiosk thử nghiệm quản trị e2e';
	await name.fill(kioskName);
	await page.getByLabel('Nơi đặt').selectOption({ label: 'Xã Tân Bình (CT-TANBINH) – Quầy 1' });
	await page.getByRole('button', { name: 'Tạo kiosk và mã ghép nối' }).click();
	await expect(page).toHaveURL(/\/admin\/kiosks\/[0-9a-f-]{36}\?done=created$/);
	const kioskId = /\/admin\/kiosks\/([0-9a-f-]{36})/.exec(page.url())![1];
	await expect(page.getByRole('heading', { level: 1, name: kioskName })).toBeVisible();
	await expect(page.getByRole('status')).toHaveText('Đã tạo kiosk.');

	// The one-time code, large, with a QR code of the kiosk address carrying it.
	const code = (await page.getByTestId('pairing-code').innerText()).trim();
	expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	const origin = new URL(page.url()).origin;
	const kioskUrl = `${origin}/kiosk?code=${code}`;
	await expect(page.getByText(kioskUrl, { exact: true })).toBeVisible();
	const qr = page.getByRole('img', { name: 'Mã QR mở trang kiosk kèm mã ghép nối' });
	await expect(qr).toBeVisible();
	const svg = await QRCode.toString(kioskUrl, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 2
	});
	expect(await qr.getAttribute('src')).toBe(
		`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
	);
	await expect(page.getByRole('heading', { level: 2, name: 'Mã ghép nối' })).toBeVisible();
	await expectNoAxeViolations(page);
	const row = testDb()
		.prepare('SELECT unit_id, counter_id, name FROM kiosks WHERE id = ?')
		.get(kioskId) as { unit_id: string; counter_id: string; name: string };
	expect(row).toEqual({
		unit_id: access().own.unitId,
		counter_id: access().own.counterId,
		name: kioskName
	});

	// Shown once: a reload no longer has it.
	await reload(page);
	await expect(page.getByTestId('pairing-code')).toHaveCount(0);
	await expect(page.getByText('Chờ ghép nối').first()).toBeVisible();

	// The tablet pairs with that code and reports in.
	const paired = await page.request.post('/api/v1/kiosk/pair', { data: { code } });
	expect(paired.status()).toBe(200);
	const { token } = (await paired.json()) as { token: string };
	expect(
		(await page.request.get('/api/v1/kiosk/config', { headers: bearer(token) })).status()
	).toBe(200);
	const beat = await page.request.post('/api/v1/kiosk/heartbeat', {
		headers: bearer(token),
		data: { queueLength: 2, appVersion: '0.9.1-e2e' }
	});
	expect(beat.status()).toBe(200);

	// The list, searched without diacritics, shows it seen just now with its queue and version.
	await goto(page, '/admin/kiosks');
	await page.getByRole('searchbox', { name: 'Tìm kiosk' }).fill('thu nghiem quan tri');
	await page.getByRole('button', { name: 'Tìm' }).click();
	await expect(page).toHaveURL(/q=thu\+nghiem\+quan\+tri/);
	const table = page.getByRole('table', { name: /Danh sách thiết bị kiosk/ });
	const listed = table
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: kioskName }) });
	await expect(listed).toHaveCount(1);
	const cells = listed.getByRole('cell');
	await expect(cells.nth(0)).toContainText('Xã Tân Bình (CT-TANBINH)');
	await expect(cells.nth(0)).toContainText('Quầy 1');
	await expect(cells.nth(1)).toHaveText('Đang hoạt động');
	await expect(cells.nth(2)).toHaveText(DATE_TIME);
	await expect(cells.nth(3)).toHaveText('2');
	await expect(cells.nth(4)).toHaveText('0.9.1-e2e');
	await expect(table.getByRole('row')).toHaveCount(2);
	await expectNoAxeViolations(page);

	// Quiet for days: marked silent in words and with an icon, and found by that status.
	const longAgo = new Date(Date.now() - 10 * 24 * 3600_000).toISOString();
	testDb().prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?').run(longAgo, kioskId);
	await goto(page, '/admin/kiosks?status=silent');
	await expect(page.getByLabel('Tình trạng')).toHaveValue('silent');
	const silent = table
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: kioskName }) });
	await expect(silent.getByRole('cell').nth(1)).toHaveText('Mất liên lạc');
	await expect(silent.getByRole('cell').nth(1).locator('svg')).toHaveCount(1);
	await expectNoAxeViolations(page);
	await page.request.post('/api/v1/kiosk/heartbeat', {
		headers: bearer(token),
		data: { queueLength: 0, appVersion: '0.9.1-e2e' }
	});
	await reload(page);
	await expect(page.getByRole('rowheader', { name: kioskName })).toHaveCount(0);

	// Settings: a value out of range is named next to its field and the rest is kept.
	await goto(page, `/admin/kiosks/${kioskId}`);
	await expectNoAxeViolations(page);
	const thanks = page.getByLabel('Màn hình cảm ơn (giây)');
	await thanks.fill('1');
	await page.getByLabel('Màn hình hỏi thêm tự kết thúc sau (giây)').fill('90');
	await page.getByLabel('Hỏi cán bộ nào đã tiếp').check();
	await page.getByLabel('Sau mọi đánh giá').check();
	await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
	await expect(thanks).toHaveAttribute('aria-invalid', 'true');
	await expect(thanks).toHaveAccessibleDescription(/Nhập số nguyên từ 2 đến 60\.$/);
	await expect(thanks).toBeFocused();
	await expect(page.getByLabel('Màn hình hỏi thêm tự kết thúc sau (giây)')).toHaveValue('90');
	await expect(page.getByLabel('Hỏi cán bộ nào đã tiếp')).toBeChecked();
	await expect(page.getByLabel('Sau mọi đánh giá')).toBeChecked();
	await expectNoAxeViolations(page);
	await thanks.fill('8');
	await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
	await expect(page.getByRole('status')).toHaveText(/^Đã lưu cài đặt/);
	const config = await page.request.get('/api/v1/kiosk/config', { headers: bearer(token) });
	expect((await config.json()).kiosk.settings).toMatchObject({
		thanksSeconds: 8,
		followUpSeconds: 90,
		askOfficer: true,
		askDetailsAfter: 'every'
	});

	// Re-pair: a new code; the old token works until the new code is used.
	await page.getByRole('button', { name: 'Tạo mã ghép nối mới' }).click();
	const code2 = (await page.getByTestId('pairing-code').innerText()).trim();
	expect(code2).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	expect(code2).not.toBe(code);
	expect(
		(await page.request.get('/api/v1/kiosk/config', { headers: bearer(token) })).status()
	).toBe(200);
	const repaired = await page.request.post('/api/v1/kiosk/pair', { data: { code: code2 } });
	const token2 = ((await repaired.json()) as { token: string }).token;
	expect(
		(await page.request.get('/api/v1/kiosk/config', { headers: bearer(token) })).status()
	).toBe(401);
	expect(
		(await page.request.get('/api/v1/kiosk/config', { headers: bearer(token2) })).status()
	).toBe(200);

	// Revoke, through its confirmation step, with the keyboard: the tablet stops at once.
	await reload(page);
	await page.getByRole('link', { name: 'Thu hồi thiết bị…' }).focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/confirm=revoke/);
	const confirm = page.getByRole('button', { name: 'Thu hồi ngay' });
	await expect(confirm).toHaveAccessibleDescription(`Thu hồi kiosk “${kioskName}”?`);
	await expectNoAxeViolations(page);
	await confirm.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status')).toHaveText(/^Đã thu hồi kiosk/);
	const refused = await page.request.get('/api/v1/kiosk/config', { headers: bearer(token2) });
	expect(refused.status()).toBe(401);
	expect((await refused.json()).error.code).toBe('revoked');
	const audit = testDb()
		.prepare(
			"SELECT action FROM audit_log WHERE target_id = ? AND action LIKE 'kiosk.%' ORDER BY at"
		)
		.all(kioskId) as { action: string }[];
	expect(audit.map((a) => a.action)).toEqual([
		'kiosk.create',
		'kiosk.pair',
		'kiosk.settings',
		'kiosk.repair',
		'kiosk.pair',
		'kiosk.revoke'
	]);
});

async function createManager(page: Page, username: string): Promise<string> {
	await nav(page).getByRole('link', { name: 'Người dùng' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Người dùng' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Thêm người dùng' }).click();
	await expectNoAxeViolations(page);

	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Họ tên').fill('Phạm Thị Quản Lý');
	await page.getByLabel('Vai trò').selectOption({ label: 'Quản lý' });
	await page.getByRole('button', { name: 'Tạo người dùng' }).click();
	// A manager without a unit is refused, next to the unit.
	const unit = page.getByLabel('Đơn vị');
	await expect(unit).toHaveAttribute('aria-invalid', 'true');
	await expect(unit).toHaveAccessibleDescription(
		/Quản lý và Xem báo cáo phải gắn với một đơn vị\.$/
	);
	await expect(page.getByLabel('Tên đăng nhập')).toHaveValue(username);
	await expectNoAxeViolations(page);

	await unit.selectOption(access().own.unitId);
	await page.getByRole('button', { name: 'Tạo người dùng' }).click();
	await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}\?done=created$/);
	const password = (await page.getByTestId('shown-password').innerText()).trim();
	expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
	await expectNoAxeViolations(page);
	await reload(page);
	await expect(page.getByTestId('shown-password')).toHaveCount(0);
	return password;
}

test('an admin creates a manager for Tân Bình, who sees only its kiosks and changes the password', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const username = 'e2e.quanly.tanbinh';
	await signIn(page, 'admin', ADMIN_PASSWORD);
	const password = await createManager(page, username);
	await signOut(page);

	await signIn(page, username, password);
	await expect(nav(page).getByRole('link', { name: 'Người dùng' })).toHaveCount(0);
	expect((await goto(page, '/admin/users'))?.status()).toBe(403);

	// Only the commune's subtree: as many rows as the database holds there, none from elsewhere.
	await goto(page, '/admin/kiosks');
	const own = access().own.unitId;
	const expected = testDb()
		.prepare(
			'SELECT COUNT(*) AS n FROM kiosks WHERE unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ?)'
		)
		.get(own) as { n: number };
	expect(expected.n).toBeGreaterThan(0);
	await expect(page.getByRole('status')).toHaveText(`${expected.n} kiosk`);
	const rows = page.getByRole('table', { name: /Danh sách thiết bị kiosk/ }).locator('tbody tr');
	await expect(rows).toHaveCount(Math.min(expected.n, 25));
	for (const place of await rows.locator('td:first-of-type').allInnerTexts()) {
		expect(place).toMatch(/\(CT-TANBINH(-E2E)?\)/);
	}
	await expectNoAxeViolations(page);

	// A second browser signed in as the manager, to be signed out by the password change.
	const other = await browser.newContext();
	const phone = await other.newPage();
	await signIn(phone, username, password);

	// Own password, with the keyboard: a weak one is refused next to the field.
	await nav(page).getByRole('link', { name: 'Tài khoản của tôi' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel('Mật khẩu hiện tại').focus();
	await page.keyboard.type(password);
	await page.keyboard.press('Tab');
	await page.keyboard.type('ngan');
	await page.keyboard.press('Tab');
	await page.keyboard.type('ngan');
	await page.keyboard.press('Enter');
	const next = page.getByLabel('Mật khẩu mới', { exact: true });
	await expect(next).toHaveAttribute('aria-invalid', 'true');
	await expect(next).toHaveAccessibleDescription(/Mật khẩu cần ít nhất 10 ký tự\.$/);
	await expect(next).toBeFocused();
	await expectNoAxeViolations(page);

	// The same password again is refused too; then a good one.
	await page.getByLabel('Mật khẩu hiện tại').fill(password);
	await next.fill(password);
	await page.getByLabel('Nhập lại mật khẩu mới').fill(password);
	await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
	await expect(next).toHaveAccessibleDescription(/Mật khẩu mới phải khác mật khẩu hiện tại\.$/);

	const fresh = 'Tan-Binh-Moi-2026';
	await page.getByLabel('Mật khẩu hiện tại').fill(password);
	await next.fill(fresh);
	await page.getByLabel('Nhập lại mật khẩu mới').fill(fresh);
	await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
	await expect(page.getByRole('status')).toHaveText(/^Đã đổi mật khẩu\./);
	await expectNoAxeViolations(page);

	// This session goes on; the other browser is signed out.
	await goto(page, '/admin/kiosks');
	await expect(page.getByRole('heading', { level: 1, name: 'Thiết bị kiosk' })).toBeVisible();
	await goto(phone, '/admin');
	await expect(phone).toHaveURL(/\/login\?next=%2Fadmin$/);
	await other.close();

	await signOut(page);
	await signIn(page, username, fresh);
	const audit = testDb()
		.prepare("SELECT action, detail FROM audit_log WHERE username = ? AND action LIKE 'user.%'")
		.all(username) as { action: string; detail: string | null }[];
	expect(audit.map((a) => a.action)).toEqual(['user.change_password']);
	expect(audit[0].detail).not.toContain(fresh);
});

async function sessionOf(browser: Browser, username: string, password: string) {
	const context = await browser.newContext({ userAgent: 'E2E-Tablet/1.0' });
	const page = await context.newPage();
	await signIn(page, username, password);
	return { context, page };
}

test('an admin sees a user’s sessions, signs one out, resets the password, disables and enables', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const username = 'e2e.xem.hoaan';
	const typed = 'Hoa-An-Xem-2026';
	await signIn(page, 'admin', ADMIN_PASSWORD);
	await goto(page, '/admin/users/new');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Vai trò').selectOption({ label: 'Xem báo cáo' });
	await page.getByLabel('Đơn vị').selectOption(access().other.unitId);
	await page.getByLabel('Tự đặt mật khẩu').check();
	await page.getByLabel('Mật khẩu tự đặt').fill('hoaanhoaan');
	await page.getByRole('button', { name: 'Tạo người dùng' }).click();
	const field = page.getByLabel('Mật khẩu tự đặt');
	await expect(field).toHaveAccessibleDescription(/Mật khẩu quá đơn giản/);
	await expect(field).toHaveValue('');
	await page.getByLabel('Tự đặt mật khẩu').check();
	await field.fill(typed);
	await page.getByRole('button', { name: 'Tạo người dùng' }).click();
	await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}\?done=created$/);
	await expect(page.getByTestId('shown-password')).toHaveCount(0);
	const userUrl = page.url().replace(/\?.*$/, '');

	// Two sessions of the user; the admin lists them and signs one out.
	const tablet = await sessionOf(browser, username, typed);
	const desk = await sessionOf(browser, username, typed);
	await goto(page, userUrl);
	const sessions = page.getByRole('table', { name: '2 phiên đang mở' });
	await expect(sessions.locator('tbody tr')).toHaveCount(2);
	await expect(sessions.locator('tbody tr').first()).toContainText('E2E-Tablet/1.0');
	await expect(sessions.locator('tbody tr').first().locator('time').first()).toHaveText(DATE_TIME);
	await expectNoAxeViolations(page);
	await sessions
		.getByRole('button', { name: /^Đăng xuất phiên bắt đầu lúc/ })
		.first()
		.click();
	await expect(page.getByRole('status')).toHaveText('Đã đăng xuất phiên đó.');
	await expect(page.getByRole('table', { name: '1 phiên đang mở' })).toBeVisible();
	const stillIn = async (p: Page) => {
		await goto(p, '/admin');
		return !/\/login/.test(p.url());
	};
	expect([await stillIn(tablet.page), await stillIn(desk.page)].sort()).toEqual([false, true]);

	// Reset: a confirmation step, then a generated password shown once; everyone is signed out.
	await page.getByRole('link', { name: 'Đặt lại mật khẩu…' }).click();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Đặt lại ngay' }).click();
	const reset = (await page.getByTestId('shown-password').innerText()).trim();
	expect(reset).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
	await expect(page.getByText('Không có phiên nào đang mở.')).toBeVisible();
	expect(await stillIn(tablet.page)).toBe(false);
	expect(await stillIn(desk.page)).toBe(false);

	// Disable: the user cannot sign in; enable: the reset password works.
	await signIn(tablet.page, username, reset);
	await page.getByRole('link', { name: 'Khóa tài khoản…' }).click();
	await page.getByRole('button', { name: 'Khóa ngay' }).click();
	await expect(page.getByRole('status')).toHaveText(/^Đã khóa tài khoản/);
	expect(await stillIn(tablet.page)).toBe(false);
	await goto(tablet.page, '/login');
	await tablet.page.getByLabel('Tên đăng nhập').fill(username);
	await tablet.page.getByLabel('Mật khẩu').fill(reset);
	await tablet.page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(tablet.page.getByRole('alert')).toHaveText(
		'Tên đăng nhập hoặc mật khẩu không đúng.'
	);
	await page.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
	await expect(page.getByRole('status')).toHaveText('Đã mở khóa tài khoản.');
	await signIn(tablet.page, username, reset);
	await tablet.context.close();
	await desk.context.close();

	// The list finds the user without diacritics on the unit, and the log has every step.
	await goto(page, '/admin/users?q=hoa an');
	await expect(page.getByRole('rowheader', { name: username })).toBeVisible();
	await expectNoAxeViolations(page);
	const audit = testDb()
		.prepare(
			"SELECT action, detail FROM audit_log WHERE target_type = 'user' AND detail LIKE ? ORDER BY at"
		)
		.all(`%"username":"${username}"%`) as { action: string; detail: string }[];
	expect(audit.map((a) => a.action)).toEqual([
		'user.create',
		'user.revoke_session',
		'user.reset_password',
		'user.disable',
		'user.enable'
	]);
	for (const a of audit) {
		expect(a.detail).not.toContain(typed);
		expect(a.detail).not.toContain(reset);
	}
});

test('a report viewer reads a kiosk of their commune but is offered no change', async ({
	page
}) => {
	await signIn(page, 'e2e.viewer.own', ADMIN_PASSWORD);
	await nav(page).getByRole('link', { name: 'Thiết bị kiosk' }).click();
	await expect(page.getByRole('link', { name: 'Thêm kiosk' })).toHaveCount(0);
	await goto(page, `/admin/kiosks/${access().own.spareKioskId}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Kiosk dự phòng (e2e)' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Cài đặt' })).toBeVisible();
	await expect(page.getByText('Thứ Hai – thứ Sáu: 07:00 – 17:30')).toBeVisible();
	for (const button of ['Lưu tên', 'Chuyển', 'Lưu cài đặt', 'Tạo mã ghép nối mới']) {
		await expect(page.getByRole('button', { name: button })).toHaveCount(0);
	}
	await expect(page.getByRole('link', { name: 'Thu hồi thiết bị…' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	expect((await goto(page, '/admin/kiosks/new'))?.status()).toBe(403);
});

test('the kiosk and user screens work in English', async ({ page }) => {
	await signIn(page, 'admin', ADMIN_PASSWORD);
	await page
		.getByRole('form', { name: /Ngôn ngữ|Language/ })
		.getByRole('button', { name: 'English' })
		.click();
	await goto(page, '/admin/kiosks');
	await expect(page.getByRole('heading', { level: 1, name: 'Kiosks' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Add a kiosk' })).toBeVisible();
	await expectNoAxeViolations(page);
	await goto(page, '/admin/users');
	await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
	await goto(page, '/admin/account');
	await expect(page.getByRole('heading', { level: 2, name: 'Change password' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page
		.getByRole('form', { name: /Ngôn ngữ|Language/ })
		.getByRole('button', { name: 'Tiếng Việt' })
		.click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});
