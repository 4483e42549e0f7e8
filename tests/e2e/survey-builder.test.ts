import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { closeTestDb, eventually, pairableKiosk, testDb } from './db';
import { goto, reload } from './hydration';

// The survey builder end to end: a survey built in the browser with a conditional follow-up,
// published, assigned and answered on a paired kiosk; then version 2 published and answered,
// and both versions' answers counted together in the figures for the shared main question.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const NAME = 'Phiếu thử dựng câu hỏi';
const MAIN_V1 = 'Ông/Bà đánh giá thế nào về sự phục vụ hôm nay?';
const MAIN_V2 = 'Ông/Bà có hài lòng với cách cán bộ tiếp đón hôm nay không?';
const WHY = 'Vì sao Ông/Bà chưa hài lòng?';
const THANKS = 'Cảm ơn Ông/Bà đã góp ý. Chúc Ông/Bà một ngày tốt lành.';

test.describe.configure({ timeout: 180_000 });
test.afterAll(closeTestDb);

async function signIn(page: Page) {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

async function expectAxeClean(page: Page, what: string) {
	const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	const found = axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
	expect(found, `axe on ${what}`).toEqual([]);
}

function vietnamToday(): string {
	return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

test('build, publish, answer on a kiosk, publish version 2: both versions count together', async ({
	page: admin,
	browser
}) => {
	await signIn(admin);

	// A survey from the one-question template, shared by all units.
	await admin.getByRole('link', { name: 'Phiếu khảo sát' }).first().click();
	const create = admin.getByRole('region', { name: 'Tạo phiếu khảo sát' });
	await create.getByLabel('Tên phiếu khảo sát').fill(NAME);
	await create.getByLabel('Một câu hỏi, 3 mặt cười').check();
	await create.getByLabel('Đơn vị sở hữu').selectOption('shared');
	await create.getByRole('button', { name: 'Tạo phiếu' }).click();
	await expect(admin).toHaveURL(/\/admin\/surveys\/[^/?]+\?done=created/);
	const surveyId = new URL(admin.url()).pathname.split('/')[3];
	await admin.getByRole('link', { name: 'Sửa bản nháp' }).click();

	await expect(admin.getByRole('heading', { level: 1, name: `Soạn phiếu: ${NAME}` })).toBeVisible();
	await expect(admin.getByText('Phiếu chưa được xuất bản.')).toBeVisible();

	// Four levels on the main question, then a comment asked at or below "Bình thường".
	const main = admin.getByRole('group', { name: /^Câu 1: Mức đánh giá/ });
	await main.getByLabel('Số mức đánh giá').selectOption('4');
	await expect(main.getByLabel('Tính là hài lòng từ mức')).toHaveValue('3');
	await admin.getByLabel('Loại câu hỏi mới').selectOption('text');
	await admin.getByRole('button', { name: 'Thêm câu hỏi' }).click();
	const why = admin.getByRole('group', { name: 'Câu 2: Góp ý bằng chữ' });
	await expect(why.getByLabel('Nội dung câu hỏi (tiếng Việt)')).toBeFocused();

	// A label with markup is refused beside its field, and what was typed stays.
	await why.getByLabel('Nội dung câu hỏi (tiếng Việt)').fill('<b>Vì sao</b>');
	await admin.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await expect(admin.getByText('Chưa lưu được. Vui lòng xem các ô được đánh dấu.')).toBeVisible();
	const promptField = why.getByLabel('Nội dung câu hỏi (tiếng Việt)');
	await expect(promptField).toHaveAttribute('aria-invalid', 'true');
	await expect(promptField).toHaveValue('<b>Vì sao</b>');
	await expect(
		why.getByText('Chỉ dùng chữ thường: không có dấu < > hay ký tự điều khiển.')
	).toBeVisible();

	await promptField.fill(WHY);
	await why.getByLabel('Chỉ hỏi khi câu trước có câu trả lời nhất định').check();
	await why.getByLabel('Khi câu trả lời').selectOption('lte');
	await why.getByLabel('Mức', { exact: true }).selectOption({ label: '2 – Bình thường' });
	await admin.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await expect(admin.getByText('Đã lưu bản nháp.')).toBeVisible();

	// The kiosk preview follows the draft: a low rating asks why, a high one thanks at once.
	const tablet = admin.getByRole('region', { name: 'Kiosk tại quầy' });
	await tablet.getByRole('button', { name: 'Bình thường' }).click();
	await expect(tablet.getByLabel(WHY)).toBeVisible();
	await tablet.getByRole('button', { name: 'Xem lại từ đầu' }).click();
	await tablet.getByRole('button', { name: 'Rất hài lòng' }).click();
	await expect(tablet.getByText(THANKS)).toBeVisible();
	await admin.getByRole('button', { name: 'Điện thoại', exact: true }).click();
	const phone = admin.getByRole('region', { name: 'Điện thoại' });
	await phone.getByText('Không hài lòng', { exact: true }).click();
	await phone.getByRole('button', { name: 'Tiếp' }).click();
	await expect(phone.getByLabel(WHY)).toBeVisible();
	await expectAxeClean(admin, 'the survey builder');

	await admin.getByRole('button', { name: 'Xuất bản phiên bản 1' }).click();
	await expect(admin.getByText('Đã xuất bản phiên bản 1.', { exact: false })).toBeVisible();
	const versions = () =>
		testDb()
			.prepare('SELECT id, version FROM survey_versions WHERE survey_id = ? ORDER BY version')
			.all(surveyId) as { id: string; version: number }[];
	expect(versions().map((v) => v.version)).toEqual([1]);

	// Assigned to the test commune's kiosks from today.
	const k = pairableKiosk('builder');
	await admin.getByRole('link', { name: 'Về trang phiếu khảo sát' }).click();
	await admin.getByLabel('Đơn vị', { exact: true }).selectOption(k.unitId);
	await admin.getByLabel('Kiosk tại quầy').check();
	await admin.getByRole('button', { name: 'Giao phiếu' }).click();
	await expect(admin).toHaveURL(/done=assigned/);

	// The paired kiosk shows the new survey; a "Bình thường" brings the follow-up.
	const tabletContext = await browser.newContext({ viewport: { width: 800, height: 1280 } });
	const tabletPage = await tabletContext.newPage();
	await goto(tabletPage, '/kiosk');
	await tabletPage.getByLabel('Mã ghép nối (dạng XXXX-XXXX)').fill(k.pairingCode);
	await tabletPage.getByRole('button', { name: 'Ghép nối' }).click();
	await expect(tabletPage.getByRole('heading', { level: 1, name: MAIN_V1 })).toBeVisible();
	await expect(tabletPage.getByRole('button', { name: 'Bình thường' })).toBeVisible();
	await tabletPage.getByRole('button', { name: 'Bình thường' }).click();
	await tabletPage.getByLabel(WHY).fill('Phải chờ lâu');
	await tabletPage.getByRole('button', { name: 'Gửi' }).click();
	await expect(tabletPage.getByText(THANKS)).toBeVisible();

	// Version 2: new wording of the same question (same key, same scale).
	await admin
		.getByRole('link', { name: 'Sửa bản nháp' })
		.or(admin.getByRole('link', { name: 'Tạo bản nháp mới' }))
		.click();
	await expect(
		admin.getByText('Chưa có bản nháp: nội dung dưới đây là phiên bản 1 đang dùng.', {
			exact: false
		})
	).toBeVisible();
	await admin
		.getByRole('group', { name: /^Câu 1: Mức đánh giá/ })
		.getByLabel('Nội dung câu hỏi (tiếng Việt)')
		.fill(MAIN_V2);
	await admin.getByRole('button', { name: 'Xuất bản phiên bản 2' }).click();
	await expect(admin.getByText('Đã xuất bản phiên bản 2.', { exact: false })).toBeVisible();
	expect(versions().map((v) => v.version)).toEqual([1, 2]);
	await expect(
		admin.getByText('Chưa có bản nháp: nội dung dưới đây là phiên bản 2 đang dùng.', {
			exact: false
		})
	).toBeVisible();

	// An unsaved edit is not lost to a stray click on the menu: the builder asks first.
	const title = admin.getByLabel('Tiêu đề phiếu (tiếng Việt)');
	const original = await title.inputValue();
	await title.fill('Sửa dở');
	const asked = new Promise<string>((resolve) =>
		admin.once('dialog', (d) => {
			resolve(d.message());
			void d.dismiss();
		})
	);
	await admin.getByRole('link', { name: 'Thống kê' }).click();
	expect(await asked).toBe('Bản nháp có thay đổi chưa lưu. Vẫn rời trang này?');
	await expect(admin).toHaveURL(/\/draft/);
	await expect(title).toHaveValue('Sửa dở');
	await title.fill(original);

	// The kiosk picks version 2 up when it reloads its configuration.
	await reload(tabletPage);
	await expect(tabletPage.getByRole('heading', { level: 1, name: MAIN_V2 })).toBeVisible();
	await tabletPage.getByRole('button', { name: 'Hài lòng', exact: true }).click();
	await expect(tabletPage.getByText(THANKS)).toBeVisible();

	const stored = await eventually(() => {
		const rows = testDb()
			.prepare(
				`SELECT v.version, r.main_level AS level FROM responses r
				 JOIN survey_versions v ON v.id = r.survey_version_id
				 WHERE v.survey_id = ? ORDER BY v.version`
			)
			.all(surveyId) as { version: number; level: number }[];
		return rows.length === 2 ? rows : undefined;
	});
	expect(stored).toEqual([
		{ version: 1, level: 2 },
		{ version: 2, level: 3 }
	]);

	// Both versions in the figures of the survey: 2 answers, 1 of them satisfied (50 %).
	const today = vietnamToday();
	await goto(
		admin,
		`/admin/stats?unit=${k.unitId}&period=custom&from=${today}&to=${today}&survey=${surveyId}`
	);
	await expect(
		admin.getByRole('group', { name: 'Số ý kiến' }).locator('[data-figure="responses"]')
	).toHaveText('2');
	await expect(
		admin.getByRole('group', { name: 'Tỷ lệ hài lòng' }).locator('[data-figure="rate"]')
	).toHaveText(/^50(,0)?\s?%$/);
	await tabletContext.close();
});
