import { expect, test } from '@playwright/test';
import { answersOf, casesOf, closeTestDb, eventually, responsesOf } from './db';
import {
	THANKS,
	expectAccessible,
	face,
	kiosk,
	pair,
	questionHeading,
	screenshot
} from './kiosk-screens';

// Issue 14: the kiosk's follow-up screens as a resident meets them. The officer and field are
// asked as the kiosk's settings say; a number typed without the consent box is asked about; on a
// landscape tablet with the on-screen keyboard up (1280×480) the box shows with "Gửi".

test.use({ hasTouch: true, isMobile: true });
test.describe.configure({ timeout: 120_000 });
test.afterAll(closeTestDb);

const OFFICER = 'Cán bộ nào đã tiếp Ông/Bà?';
const FIELD = 'Ông/Bà đến làm thủ tục thuộc lĩnh vực nào?';
const REASONS = 'Điều gì khiến Ông/Bà chưa hài lòng?';
const MORE = 'Ông/Bà có muốn góp ý thêm?';
const CONSENT_ASK = 'Ông/Bà có đồng ý để cơ quan gọi lại theo số điện thoại này không?';

test.describe('a 10-inch tablet in portrait', () => {
	test.use({ viewport: { width: 800, height: 1280 } });

	test('officer and field on, "only after a low rating": a happy tap goes straight to thanks', async ({
		page
	}) => {
		const k = kiosk('detailsLow');
		await pair(page, k);
		await screenshot(page, 'kiosk-question');
		await face(page, 'Rất hài lòng').tap();
		await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
		await expect(page.getByRole('heading', { name: OFFICER })).toHaveCount(0);
		await screenshot(page, 'kiosk-thanks');
		const [row] = await eventually(() => {
			const rows = responsesOf(k.id);
			return rows.length > 0 ? rows : undefined;
		});
		expect(row.main_level).toBe(3);
		expect(row.officer_id).toBeNull();

		// A low rating on the same kiosk is asked the officer first.
		await expect(questionHeading(page)).toBeVisible({ timeout: 10_000 });
		await expect(face(page, 'Không hài lòng')).toBeEnabled({ timeout: 10_000 });
		await face(page, 'Không hài lòng').tap();
		await expect(page.getByRole('heading', { name: OFFICER })).toBeVisible();
		await screenshot(page, 'kiosk-officer');
	});

	test('officer and field "after every rating": a happy tap is asked both', async ({ page }) => {
		const k = kiosk('detailsEvery');
		await pair(page, k);
		await face(page, 'Rất hài lòng').tap();
		await expect(page.getByRole('heading', { name: OFFICER })).toBeVisible();
		await page.getByRole('button', { name: 'Không nhớ / Bỏ qua' }).tap();
		await expect(page.getByRole('heading', { name: FIELD })).toBeVisible();
		await page.getByRole('button', { name: 'Bỏ qua' }).tap();
		await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
		const [row] = await eventually(() => {
			const rows = responsesOf(k.id);
			return rows.length > 0 ? rows : undefined;
		});
		expect(row.main_level).toBe(3);
	});
});

test.describe('a landscape tablet with the on-screen keyboard up', () => {
	test.use({ viewport: { width: 1280, height: 480 } });

	test('the consent box shows under the number with "Gửi", and "Gửi" asks when it is empty', async ({
		page
	}) => {
		const k = kiosk('consentAsk');
		await pair(page, k);
		await face(page, 'Không hài lòng').tap();
		await expect(page.getByRole('heading', { name: REASONS })).toBeVisible();
		await page.getByRole('button', { name: 'Bỏ qua' }).tap();
		await expect(page.getByRole('heading', { name: MORE })).toBeVisible();

		const number = page.getByRole('textbox', { name: 'Số điện thoại' });
		const consent = page.getByRole('checkbox', {
			name: /Tôi đồng ý để cơ quan dùng số điện thoại này/
		});
		const send = page.getByRole('button', { name: 'Gửi', exact: true });
		await number.tap();
		await number.fill('0912 345 678');
		for (const shown of [number, consent, send]) await expect(shown).toBeInViewport({ ratio: 1 });
		// Right under the number: nothing between the field and the box.
		const fieldBox = (await number.boundingBox())!;
		const consentBox = (await consent.boundingBox())!;
		expect(consentBox.y).toBeGreaterThan(fieldBox.y + fieldBox.height);
		expect(consentBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(40);
		await screenshot(page, 'kiosk-comment-keyboard');
		await expectAccessible(page, 'comment with the keyboard up');

		await send.tap();
		const ask = page.getByRole('dialog', { name: CONSENT_ASK });
		await expect(ask).toBeVisible();
		const agree = ask.getByRole('button', { name: 'Đồng ý và gửi' });
		const without = ask.getByRole('button', { name: 'Gửi, không kèm số điện thoại' });
		for (const shown of [agree, without]) await expect(shown).toBeInViewport({ ratio: 1 });
		await screenshot(page, 'kiosk-consent-question');
		await expectAccessible(page, 'consent question');
		await agree.tap();
		await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();

		const [row] = await eventually(() => {
			const rows = responsesOf(k.id);
			return rows.length > 0 ? rows : undefined;
		});
		expect(row.main_level).toBe(1);
		const cases = casesOf(row.id);
		expect(cases).toHaveLength(1);
		expect(cases[0].phone).toBe('0912345678');
		expect(cases[0].consent_at).not.toBeNull();
		expect(answersOf(row.id).some((a) => a.question_key === 'phone')).toBe(false);
	});
});
