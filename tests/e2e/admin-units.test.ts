import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { testDb } from './db';
import { goto } from './hydration';

// Units, counters and officers: an administrator builds and reshapes a small tree; a manager
// of CT-TANBINH sees only their subtree. Runs against the built server on the demo database
// (scripts/e2e-server.ts); every unit made here has a code starting with E2E-.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
// A 1×1 PNG and a GIF named as if it were a PNG.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
	'base64'
);
const GIF = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64');

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

function idFrom(page: Page): string {
	const id = UUID.exec(new URL(page.url()).pathname)?.[0];
	expect(id, `an id in ${page.url()}`).toBeTruthy();
	return id!;
}

interface NewUnit {
	code: string;
	name: string;
	kind: string;
	parentId: string | null;
}

/** Adds a unit through the list page's form; returns its id from the page it lands on. */
async function createUnit(page: Page, unit: NewUnit): Promise<string> {
	await goto(page, unit.parentId ? `/admin/units?parent=${unit.parentId}` : '/admin/units');
	const form = page.getByRole('region', { name: 'Thêm đơn vị' });
	await form.getByLabel('Mã đơn vị', { exact: true }).fill(unit.code);
	await form.getByLabel('Tên đơn vị', { exact: true }).fill(unit.name);
	await form.getByLabel('Loại đơn vị').selectOption({ label: unit.kind });
	const parent = form.getByLabel('Đơn vị cấp trên', { exact: true });
	if (unit.parentId) await expect(parent).toHaveValue(unit.parentId);
	else await parent.selectOption({ label: '— Không có (đơn vị cấp cao nhất)' });
	await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(page).toHaveURL(/\/admin\/units\/[0-9a-f-]{36}\?done=created$/);
	await expect(page.getByText('Đã thêm đơn vị.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`${unit.name} (${unit.code.toUpperCase()})`
	);
	return idFrom(page);
}

function unitRow(code: string) {
	return testDb()
		.prepare('SELECT id, name, parent_id, valid_to, successor_id FROM units WHERE code = ?')
		.get(code) as
		| {
				id: string;
				name: string;
				parent_id: string | null;
				valid_to: string | null;
				successor_id: string | null;
		  }
		| undefined;
}

function auditCount(action: string, targetId: string): number {
	const row = testDb()
		.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND target_id = ?')
		.get(action, targetId) as { n: number };
	return row.n;
}

test.beforeAll(() => {
	expect(PASSWORD, 'E2E_ADMIN_PASSWORD is set by playwright.config.ts').not.toBe('');
});

test('an admin builds a small tree, renames, moves, closes and merges units', async ({ page }) => {
	test.setTimeout(240_000);
	await signIn(page, 'admin');
	await page
		.getByRole('navigation', { name: 'Quản trị' })
		.getByRole('link', { name: 'Đơn vị' })
		.click();
	await expect(page.getByRole('table', { name: /Cây đơn vị/ })).toBeVisible();
	await expectNoAxeViolations(page);

	// An empty form: the errors sit next to their fields and focus goes to the first one.
	const create = page.getByRole('region', { name: 'Thêm đơn vị' });
	await create.getByLabel('Tên đơn vị', { exact: true }).fill('Tỉnh Thử Nghiệm');
	await create.getByRole('button', { name: 'Thêm đơn vị' }).click();
	const code = create.getByLabel('Mã đơn vị', { exact: true });
	await expect(code).toHaveAttribute('aria-invalid', 'true');
	await expect(code).toBeFocused();
	await expect(code).toHaveAccessibleDescription(/Vui lòng nhập mã đơn vị\./);
	await expect(create.getByLabel('Loại đơn vị')).toHaveAccessibleDescription(
		'Vui lòng chọn loại đơn vị.'
	);
	await expect(create.getByLabel('Tên đơn vị', { exact: true })).toHaveValue('Tỉnh Thử Nghiệm');
	await expect(create.getByRole('alert')).toBeVisible();
	await expectNoAxeViolations(page);

	// A code already in use is refused.
	await code.fill('ct-tanbinh');
	await create.getByLabel('Loại đơn vị').selectOption({ label: 'Tỉnh' });
	await create
		.getByLabel('Đơn vị cấp trên', { exact: true })
		.selectOption({ label: '— Không có (đơn vị cấp cao nhất)' });
	await create.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(code).toHaveAccessibleDescription(/Mã này đã được dùng cho một đơn vị khác\./);
	await expect(code).toHaveValue('ct-tanbinh');

	const province = await createUnit(page, {
		code: 'E2E-TINH',
		name: 'Tỉnh Thử Nghiệm',
		kind: 'Tỉnh',
		parentId: null
	});
	await expectNoAxeViolations(page);
	// "Thêm đơn vị trực thuộc" opens the form with this unit as the parent.
	await page.getByRole('link', { name: 'Thêm đơn vị trực thuộc' }).click();
	await expect(page.getByLabel('Đơn vị cấp trên', { exact: true })).toHaveValue(province);

	const communeA = await createUnit(page, {
		code: 'E2E-XA-A',
		name: 'Xã An Bình',
		kind: 'Xã',
		parentId: province
	});
	const communeB = await createUnit(page, {
		code: 'e2e-xa-b',
		name: 'Xã Bình Minh',
		kind: 'Xã',
		parentId: province
	});
	const ward = await createUnit(page, {
		code: 'E2E-PHUONG',
		name: 'Phường Trung Tâm',
		kind: 'Phường',
		parentId: province
	});
	const temporary = await createUnit(page, {
		code: 'E2E-TAM',
		name: 'Xã Tạm Thời',
		kind: 'Xã',
		parentId: province
	});
	expect(unitRow('E2E-XA-B')?.id, 'codes are stored upper-case').toBe(communeB);
	expect(unitRow('E2E-XA-A')?.parent_id).toBe(province);
	expect(auditCount('unit.create', communeA)).toBe(1);

	// The search finds the five units by their codes.
	await goto(page, '/admin/units?q=e2e-');
	const found = page.getByRole('table', { name: /Danh sách đơn vị/ }).getByRole('rowheader');
	await expect(found).toHaveText([
		'Phường Trung Tâm',
		'Tỉnh Thử Nghiệm',
		'Xã An Bình',
		'Xã Bình Minh',
		'Xã Tạm Thời'
	]);

	// Rename, then find it by the new name typed without diacritics.
	await goto(page, `/admin/units/${communeA}`);
	const rename = page.getByRole('form', { name: 'Đổi tên' });
	await rename.getByLabel('Tên mới').fill('Xã An Bình Mới');
	await rename.getByRole('button', { name: 'Đổi tên' }).click();
	await expect(page.getByText('Đã đổi tên đơn vị.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xã An Bình Mới (E2E-XA-A)');
	expect(unitRow('E2E-XA-A')?.name).toBe('Xã An Bình Mới');
	await goto(page, '/admin/units?q=xa+an+binh+moi');
	await expect(
		page.getByRole('table', { name: /Danh sách đơn vị/ }).getByRole('rowheader')
	).toHaveText(['Xã An Bình Mới']);

	// Move: a unit cannot go under its own subtree (not even offered; refused if forged)…
	await goto(page, `/admin/units/${province}`);
	const moveParent = page.getByRole('form', { name: 'Chuyển sang đơn vị cấp trên khác' });
	await expect(moveParent.locator(`option[value="${communeA}"]`)).toHaveCount(0);
	const forged = await page.request.post(`/admin/units/${province}?/move`, {
		form: { parentId: communeA },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(400);
	expect(await forged.text()).toContain(
		'Không thể chuyển đơn vị vào chính nó hoặc vào một đơn vị trực thuộc của nó.'
	);
	expect(unitRow('E2E-TINH')?.parent_id).toBeNull();

	// …and moves anywhere else, with its subtree.
	await goto(page, `/admin/units/${temporary}`);
	const move = page.getByRole('form', { name: 'Chuyển sang đơn vị cấp trên khác' });
	await move.getByLabel('Đơn vị cấp trên mới').selectOption(communeA);
	await move.getByRole('button', { name: 'Chuyển đơn vị' }).click();
	await expect(page.getByText('Đã chuyển đơn vị.')).toBeVisible();
	const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' });
	await expect(crumbs.getByRole('link')).toHaveText([
		'Đơn vị',
		'Tỉnh Thử Nghiệm',
		'Xã An Bình Mới',
		'Xã Tạm Thời'
	]);
	expect(unitRow('E2E-TAM')?.parent_id).toBe(communeA);
	expect(auditCount('unit.move', temporary)).toBe(1);

	// Close it with a last day.
	const close = page.getByRole('form', { name: 'Ngừng hoạt động' });
	await close.getByLabel('Ngày cuối cùng hoạt động').fill('2025-12-31');
	await close.getByRole('button', { name: 'Lưu ngày kết thúc' }).click();
	await expect(page.getByText('Đã lưu ngày kết thúc hoạt động.')).toBeVisible();
	await expect(page.getByText('Đã ngừng hoạt động', { exact: true })).toBeVisible();
	expect(unitRow('E2E-TAM')?.valid_to).toBe('2025-12-31');
	await expectNoAxeViolations(page);

	// Counters of the ward: added with the keyboard alone; a duplicate number is refused.
	await goto(page, `/admin/units/${ward}`);
	await page
		.getByRole('navigation', { name: 'Các mục của đơn vị' })
		.getByRole('link', { name: 'Quầy (0)' })
		.click();
	await expect(page).toHaveURL(new RegExp(`/admin/units/${ward}/counters$`));
	await expectNoAxeViolations(page);
	const number = page.getByLabel('Số quầy', { exact: true });
	await number.focus();
	await page.keyboard.type('1');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Tên quầy', { exact: true })).toBeFocused();
	await page.keyboard.type('Quầy 1 – Hộ tịch');
	await page.keyboard.press('Enter');
	await expect(page.getByText('Đã thêm quầy.')).toBeVisible();
	const counters = page.getByRole('table', { name: /Quầy của Phường Trung Tâm/ });
	await expect(counters.getByRole('rowheader')).toHaveText(['Quầy 1 – Hộ tịch']);
	await page.getByLabel('Số quầy', { exact: true }).fill('1');
	await page.getByLabel('Tên quầy', { exact: true }).fill('Quầy trùng số');
	await page.getByRole('button', { name: 'Thêm quầy' }).click();
	await expect(page.getByLabel('Số quầy', { exact: true })).toHaveAccessibleDescription(
		/Đơn vị đã có quầy mang số này\./
	);
	await expect(page.getByLabel('Số quầy', { exact: true })).toBeFocused();
	await expect(page.getByLabel('Tên quầy', { exact: true })).toHaveValue('Quầy trùng số');
	await expectNoAxeViolations(page);

	// The counter's page: edit, deactivate and reactivate.
	await counters.getByRole('link', { name: 'Quầy 1 – Hộ tịch' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quầy 1 – Hộ tịch');
	const counterId = idFrom(page);
	await page.getByLabel('Tên quầy', { exact: true }).fill('Quầy 1 – Hộ tịch, chứng thực');
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(page.getByText('Đã lưu thay đổi.')).toBeVisible();
	await page.getByRole('button', { name: 'Ngừng sử dụng quầy' }).click();
	await expect(page.getByText('Đã ngừng sử dụng quầy.')).toBeVisible();
	await page.getByRole('button', { name: 'Sử dụng lại quầy' }).click();
	await expect(page.getByText('Đã sử dụng lại quầy.')).toBeVisible();
	expect(auditCount('counter.update', counterId)).toBe(1);
	expect(auditCount('counter.deactivate', counterId)).toBe(1);
	await expectNoAxeViolations(page);

	// An officer with a photo; a file that is not an image is refused by its bytes.
	await goto(page, `/admin/units/${ward}/officers`);
	await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Thị Thử');
	await page.getByLabel('Chức danh', { exact: true }).fill('Công chức Tư pháp – Hộ tịch');
	await page
		.getByLabel('Quầy', { exact: true })
		.selectOption({ label: 'Quầy 1 – Hộ tịch, chứng thực (số 1)' });
	const photo = page.getByLabel('Ảnh (không bắt buộc)');
	await photo.setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: GIF });
	await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
	await expect(photo).toHaveAccessibleDescription(/Tệp này không phải ảnh JPEG, PNG hoặc WebP\./);
	await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue('Nguyễn Thị Thử');
	await expectNoAxeViolations(page);
	await photo.setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: PNG });
	await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
	await expect(page.getByText('Đã thêm cán bộ.')).toBeVisible();
	const officers = page.getByRole('table', { name: /Cán bộ của Phường Trung Tâm/ });
	const officerRow = officers.getByRole('row', { name: /Nguyễn Thị Thử/ });
	await expect(officerRow).toContainText('Quầy 1 – Hộ tịch, chứng thực (số 1)');
	const src = await officerRow.locator('img').getAttribute('src');
	const served = await page.request.get(src!);
	expect(served.status()).toBe(200);
	expect(served.headers()['content-type']).toBe('image/png');
	expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);
	await expectNoAxeViolations(page);

	await officers.getByRole('link', { name: 'Nguyễn Thị Thử' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nguyễn Thị Thử');
	await page.getByRole('button', { name: 'Ngừng làm việc' }).click();
	await expect(page.getByText('Cán bộ đã ngừng làm việc.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Làm việc trở lại' })).toBeVisible();
	// No response names this new officer, so deleting is offered (behind a confirmation).
	await expect(page.getByRole('button', { name: 'Xóa cán bộ' })).toBeVisible();
	await expectNoAxeViolations(page);

	// Merge both communes into the ward; the first try forgets the confirmation box.
	for (const id of [communeA, communeB]) {
		await goto(page, `/admin/units/${id}`);
		const merge = page.getByRole('form', { name: 'Sáp nhập vào đơn vị khác' });
		await merge.getByLabel('Đơn vị kế thừa', { exact: true }).selectOption(ward);
		await merge.getByLabel('Ngày sáp nhập có hiệu lực').fill('2026-01-01');
		if (id === communeA) {
			await merge.getByRole('button', { name: 'Sáp nhập' }).click();
			const confirm = merge.getByLabel(/Tôi xác nhận sáp nhập/);
			await expect(confirm).toHaveAccessibleDescription(
				'Vui lòng đánh dấu ô xác nhận trước khi sáp nhập.'
			);
			await expect(merge.getByLabel('Đơn vị kế thừa', { exact: true })).toHaveValue(ward);
		}
		await merge.getByLabel(/Tôi xác nhận sáp nhập/).check();
		await merge.getByRole('button', { name: 'Sáp nhập' }).click();
		await expect(page.getByText('Đã sáp nhập đơn vị.')).toBeVisible();
		await expect(page.getByText('Sáp nhập vào Phường Trung Tâm từ 01/01/2026')).toBeVisible();
		expect(auditCount('unit.merge', id)).toBe(1);
	}
	expect(unitRow('E2E-XA-A')).toMatchObject({ successor_id: ward, valid_to: '2025-12-31' });
	expect(unitRow('E2E-XA-B')).toMatchObject({ successor_id: ward, valid_to: '2025-12-31' });

	// The successor's page says its figures include both predecessors.
	await goto(page, `/admin/units/${ward}`);
	const preds = page.getByRole('region', { name: 'Đơn vị tiền thân' });
	await expect(preds).toContainText(
		'Số liệu của Phường Trung Tâm gồm cả số liệu của các đơn vị tiền thân: Xã An Bình Mới, Xã Bình Minh.'
	);
	await expect(preds.getByRole('link')).toHaveText(['Xã An Bình Mới', 'Xã Bình Minh']);
	await expectNoAxeViolations(page);

	// The same page in English, then back.
	await page
		.getByRole('form', { name: /Ngôn ngữ|Language/ })
		.getByRole('button', { name: 'English' })
		.click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('region', { name: 'Predecessor units' })).toContainText(
		'The figures of Phường Trung Tâm include those of its predecessor units: Xã An Bình Mới, Xã Bình Minh.'
	);
	await expect(page.getByRole('link', { name: 'Counters (1)' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page
		.getByRole('form', { name: /Ngôn ngữ|Language/ })
		.getByRole('button', { name: 'Tiếng Việt' })
		.click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

	// A unit with many units under it offers a search among them (the old district: 15).
	await goto(page, `/admin/units/${unitRow('HG-PH')!.id}`);
	await page.getByRole('searchbox', { name: 'Tìm trong các đơn vị trực thuộc' }).fill('tan binh');
	await page.getByRole('button', { name: 'Tìm', exact: true }).click();
	await expect(
		page.getByRole('table', { name: /Đơn vị trực thuộc/ }).getByRole('rowheader')
	).toHaveText(['Xã Tân Bình']);
	await expectNoAxeViolations(page);

	// The scope-wide lists find the new people by name without diacritics.
	await goto(page, '/admin/officers?q=nguyen+thi+thu');
	await expect(
		page.getByRole('table', { name: /Danh sách cán bộ/ }).getByRole('rowheader')
	).toHaveText(['Nguyễn Thị Thử']);
	await expectNoAxeViolations(page);
	await goto(page, '/admin/counters?q=phuong+trung+tam');
	await expect(
		page.getByRole('table', { name: /Danh sách quầy/ }).getByRole('rowheader')
	).toHaveText(['Quầy 1 – Hộ tịch, chứng thực']);
	await expectNoAxeViolations(page);
});

test('a manager of CT-TANBINH sees only their subtree and is refused elsewhere', async ({
	page
}) => {
	const own = unitRow('CT-TANBINH')!;
	const other = unitRow('CT-HOAAN')!;
	await signIn(page, 'e2e.manager.own');

	await goto(page, '/admin/units');
	const tree = page.getByRole('table', { name: /Cây đơn vị/ });
	await expect(tree.getByRole('rowheader')).toHaveText([
		'Xã Tân Bình',
		/Điểm tiếp nhận lưu động \(e2e\)/
	]);
	await expect(tree.getByRole('cell').filter({ hasText: /^CT-/ })).toHaveText([
		'CT-TANBINH',
		'CT-TANBINH-E2E'
	]);
	// The create form offers only units of the subtree, never the top level.
	const parents = page
		.getByRole('region', { name: 'Thêm đơn vị' })
		.getByLabel('Đơn vị cấp trên', { exact: true })
		.locator('option');
	await expect(parents).toHaveCount(3);
	await expect(parents.nth(1)).toHaveAttribute('value', own.id);
	await expectNoAxeViolations(page);

	// Searching cannot reach outside the subtree either.
	await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('hoa an');
	await page.getByRole('button', { name: 'Tìm', exact: true }).click();
	await expect(page.getByText('Không tìm thấy đơn vị nào.')).toBeVisible();

	// Another commune's page is a 403 page, in plain words.
	const response = await goto(page, `/admin/units/${other.id}`);
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Bạn không có quyền xem trang này.'
	);
	await expectNoAxeViolations(page);
	for (const path of [`/admin/units/${other.id}/counters`, `/admin/units/${other.id}/officers`]) {
		expect((await goto(page, path))?.status()).toBe(403);
	}

	// Their own root: read-only for its record, with the reason; predecessors named, not linked.
	await goto(page, `/admin/units/${own.id}`);
	await expect(page.getByRole('form', { name: 'Đổi tên' })).toHaveCount(0);
	await expect(page.getByText(/Đây là đơn vị gốc của tài khoản bạn/)).toBeVisible();
	const preds = page.getByRole('region', { name: 'Đơn vị tiền thân' });
	await expect(preds).toContainText('Xã Bình Thành');
	await expect(preds.getByRole('link')).toHaveCount(0);
	await expectNoAxeViolations(page);
	const refused = await page.request.post(`/admin/units/${own.id}?/rename`, {
		form: { name: 'Xã Tân Bình Đổi Tên' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(403);
	expect(unitRow('CT-TANBINH')?.name).toBe('Xã Tân Bình');

	// Inside the subtree the manager may rename (and then restores the name).
	const child = unitRow('CT-TANBINH-E2E')!;
	await goto(page, `/admin/units/${child.id}`);
	const rename = page.getByRole('form', { name: 'Đổi tên' });
	await rename.getByLabel('Tên mới').fill('Điểm tiếp nhận lưu động (e2e) mới');
	await rename.getByRole('button', { name: 'Đổi tên' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Điểm tiếp nhận lưu động (e2e) mới (CT-TANBINH-E2E)'
	);
	await expect(page.getByText('Đã đổi tên đơn vị.')).toBeVisible();
	expect(unitRow('CT-TANBINH-E2E')?.name).toBe('Điểm tiếp nhận lưu động (e2e) mới');
	await page.getByRole('form', { name: 'Đổi tên' }).getByLabel('Tên mới').fill(child.name);
	await page
		.getByRole('form', { name: 'Đổi tên' })
		.getByRole('button', { name: 'Đổi tên' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`${child.name} (CT-TANBINH-E2E)`
	);
	expect(unitRow('CT-TANBINH-E2E')?.name).toBe(child.name);
	// Move and merge are for administrators only.
	await expect(page.getByRole('form', { name: 'Chuyển sang đơn vị cấp trên khác' })).toHaveCount(0);
	await expect(page.getByRole('form', { name: 'Sáp nhập vào đơn vị khác' })).toHaveCount(0);
});
