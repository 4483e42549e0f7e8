import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Fixtures } from './access-table';
import { answersOf, casesOf, testDb, type ResponseRow } from './db';
import { accessFixturesPath } from './paths';
import { goto } from './hydration';

// The phone survey behind a counter's QR code, on a phone held in portrait. Each test runs in a
// fresh browser context, so each is a new resident with no answer cookie yet.
test.use({
	viewport: { width: 412, height: 915 },
	hasTouch: true,
	isMobile: true,
	deviceScaleFactor: 2.625
});

const access = () =>
	JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as Fixtures & {
		users: Record<string, { username: string }>;
	};

const THANKS = 'Cảm ơn Ông/Bà đã góp ý. Chúc Ông/Bà một ngày tốt lành.';
const ALREADY = 'Ông/Bà đã gửi ý kiến cho quầy này hôm nay. Xin cảm ơn.';
const MORE = 'Ông/Bà có muốn cho biết thêm?';
const NEEDS_CONSENT = 'Số điện thoại chỉ được lưu khi Ông/Bà đánh dấu vào ô đồng ý.';

async function expectAccessible(page: Page, screen: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const found = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, `axe on the ${screen} page`).toEqual([]);
}

function response(id: string): (ResponseRow & { channel: string }) | undefined {
	return testDb().prepare('SELECT * FROM responses WHERE id = ?').get(id) as
		(ResponseRow & { channel: string }) | undefined;
}

async function responseId(page: Page): Promise<string> {
	const id = await page.locator('input[name="id"]').inputValue();
	expect(id).toMatch(/^[0-9a-f-]{36}$/);
	return id;
}

const face = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function lowRatingWithDetails(page: Page, code: string, consent: boolean) {
	await goto(page, `/s/${code}`);
	const id = await responseId(page);
	await face(page, 'Không hài lòng').tap();
	await expect(page.getByRole('heading', { name: MORE })).toBeVisible();
	await page.getByRole('checkbox', { name: 'Phải chờ lâu' }).check();
	await page.getByRole('checkbox', { name: 'Hướng dẫn chưa rõ ràng' }).check();
	await page.getByLabel('Ông/Bà có muốn góp ý thêm?').fill('Chờ hơn một giờ mới được tiếp.');
	await page.getByRole('textbox', { name: 'Số điện thoại', exact: true }).fill('0912 345 678');
	if (consent) await page.getByRole('checkbox', { name: /^Tôi đồng ý/ }).check();
	await page.getByRole('button', { name: 'Gửi' }).tap();
	return id;
}

test('one tap on a face records a web answer for the counter; a second visit is thanked', async ({
	page
}) => {
	const f = access();
	await goto(page, `/s/${f.own.deskWebLinkCode}`);
	await expect(page.locator('header')).toContainText('Điểm tiếp nhận lưu động (e2e)');
	await expect(page.locator('header')).toContainText('Quầy 1');
	await expect(
		page.getByRole('heading', { name: 'Ông/Bà đánh giá thế nào về sự phục vụ hôm nay?' })
	).toBeVisible();
	await expect(page.getByRole('group').getByRole('button')).toHaveText([
		'Không hài lòng',
		'Hài lòng',
		'Rất hài lòng'
	]);
	await expectAccessible(page, 'question');
	const id = await responseId(page);

	await face(page, 'Rất hài lòng').tap();
	await expect(page).toHaveURL(new RegExp(`/s/${f.own.deskWebLinkCode}/thanks$`));
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	await expectAccessible(page, 'thanks');
	const row = response(id);
	expect(row).toMatchObject({
		channel: 'web',
		unit_id: f.own.childUnitId,
		counter_id: f.own.childCounterId,
		kiosk_id: null,
		main_level: 3,
		locale: 'vi'
	});
	expect(answersOf(id).map((a) => [a.question_key, a.value_int])).toEqual([['satisfaction', 3]]);

	await goto(page, `/s/${f.own.deskWebLinkCode}`);
	await expect(page.getByText(ALREADY)).toBeVisible();
	await expect(face(page, 'Hài lòng')).toHaveCount(0);
	await expectAccessible(page, 'already answered');
});

test('a low rating with reasons, comment and a consented phone opens a follow-up case', async ({
	page
}) => {
	const f = access();
	const id = await lowRatingWithDetails(page, f.own.deskWebLinkCode, true);
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	expect(response(id)).toMatchObject({ channel: 'web', unit_id: f.own.childUnitId, main_level: 1 });
	const answers = answersOf(id);
	expect(answers.filter((a) => a.question_key === 'reasons').map((a) => a.value_text)).toEqual([
		'wait',
		'guidance'
	]);
	expect(answers.find((a) => a.question_key === 'comment')?.value_text).toBe(
		'Chờ hơn một giờ mới được tiếp.'
	);
	expect(answers.some((a) => a.question_key === 'phone')).toBe(false);
	const cases = casesOf(id);
	expect(cases).toHaveLength(1);
	expect(cases[0]).toMatchObject({ phone: '0912345678', status: 'new' });
	expect(cases[0].consent_at).toBeTruthy();
});

test('a number without the consent box is asked about, kept in the form, and never stored', async ({
	page
}) => {
	const f = access();
	const id = await lowRatingWithDetails(page, f.own.deskWebLinkCode, false);
	// Sent back with the choices kept and the note next to the number.
	await expect(page.getByText(NEEDS_CONSENT)).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Số điện thoại', exact: true })).toHaveValue(
		'0912 345 678'
	);
	await expect(page.getByRole('textbox', { name: 'Số điện thoại', exact: true })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page.getByRole('checkbox', { name: 'Phải chờ lâu' })).toBeChecked();
	await expect(page.getByLabel('Ông/Bà có muốn góp ý thêm?')).toHaveValue(
		'Chờ hơn một giờ mới được tiếp.'
	);
	await expectAccessible(page, 'follow-up with an error');
	expect(response(id)).toBeUndefined();

	await page.getByRole('textbox', { name: 'Số điện thoại', exact: true }).fill('');
	await page.getByRole('button', { name: 'Gửi' }).tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	expect(response(id)).toMatchObject({ main_level: 1, counter_id: f.own.childCounterId });
	expect(casesOf(id)).toEqual([]);
	expect(answersOf(id).some((a) => a.question_key === 'phone')).toBe(false);
	const stored = testDb()
		.prepare(
			"SELECT count(*) AS n FROM follow_up_cases WHERE phone = '0912345678' AND response_id = ?"
		)
		.get(id) as { n: number };
	expect(stored.n).toBe(0);
});

test('"Bỏ qua" after a low rating keeps the rating alone', async ({ page }) => {
	const f = access();
	await goto(page, `/s/${f.own.deskWebLinkCode}`);
	const id = await responseId(page);
	await face(page, 'Không hài lòng').tap();
	await expect(page.getByRole('heading', { name: MORE })).toBeVisible();
	await expectAccessible(page, 'follow-up');
	await page.getByRole('button', { name: 'Bỏ qua' }).tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	expect(answersOf(id).map((a) => a.question_key)).toEqual(['satisfaction']);
});

test('the SIPAS survey goes page by page, each page kept as it is sent, text at least 18 px', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	const f = access();
	await goto(page, `/s/${f.own.webLinkCode}`);
	await expect(page.locator('header')).toContainText('Quầy');
	await expect(face(page, 'Rất không hài lòng')).toBeVisible();
	await expectAccessible(page, 'SIPAS question');
	await page.screenshot({ path: 'test-results/screenshots/phone-question-390x844.png' });
	const id = await responseId(page);
	await face(page, 'Hài lòng').tap();

	// Page 2 of 7: the rating, five sections, then the comment.
	const progress = page.getByTestId('progress');
	await expect(progress).toHaveText('Trang 2/7');
	const access1 = page.getByRole('group', { name: 'I. Tiếp cận dịch vụ' });
	await expect(access1).toBeVisible();
	await expect(page.getByRole('group', { name: 'III. Công chức' })).toHaveCount(0);
	await expectAccessible(page, 'SIPAS page 2');
	const sizes = await page.evaluate(() =>
		[
			...document.querySelectorAll<HTMLElement>(
				'main p, main legend, main label, main span, main button, main h1'
			)
		]
			.filter((el) => el.offsetParent !== null && el.textContent?.trim())
			.map((el) => parseFloat(getComputedStyle(el).fontSize))
	);
	expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
	await page.screenshot({
		path: 'test-results/screenshots/phone-page-2-390x844.png',
		fullPage: true
	});
	await access1.getByRole('group').first().getByRole('radio', { name: 'Rất hài lòng' }).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).tap();

	// Kept as soon as the page is sent, before the answer is complete.
	await expect(progress).toHaveText('Trang 3/7');
	await expect(page.getByRole('group', { name: 'II. Thủ tục hành chính' })).toBeVisible();
	const kept = testDb().prepare('SELECT answers FROM web_held_ratings WHERE id = ?').get(id) as {
		answers: string;
	};
	expect(JSON.parse(kept.answers)).toEqual({ sipas_1_1: 5 });
	expect(response(id)).toBeUndefined();
	await page.getByRole('button', { name: 'Bỏ qua' }).tap();

	await expect(progress).toHaveText('Trang 4/7');
	const officers = page.getByRole('group', { name: 'III. Công chức' });
	await officers
		.getByRole('group')
		.first()
		.getByRole('radio', { name: 'Không hài lòng', exact: true })
		.check();
	await page.getByRole('button', { name: 'Tiếp tục' }).tap();
	for (const n of [5, 6]) {
		await expect(progress).toHaveText(`Trang ${n}/7`);
		await page.getByRole('button', { name: 'Bỏ qua' }).tap();
	}
	await expect(progress).toHaveText('Trang 7/7');
	await page.getByLabel('Ông/Bà có muốn góp ý thêm?').fill('Cán bộ hướng dẫn chậm.');
	await page.getByRole('button', { name: 'Gửi' }).tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	expect(response(id)).toMatchObject({
		channel: 'web',
		unit_id: f.own.unitId,
		counter_id: f.own.counterId,
		main_level: 4
	});
	expect(answersOf(id).map((a) => [a.question_key, a.value_int ?? a.value_text])).toEqual([
		['comment', 'Cán bộ hướng dẫn chậm.'],
		['satisfaction', 4],
		['sipas_1_1', 5],
		['sipas_3_1', 2]
	]);
});

test('a low SIPAS rating is asked the "why" chips first, as at the desk', async ({ page }) => {
	const f = access();
	await goto(page, `/s/${f.own.webLinkCode}`);
	const id = await responseId(page);
	await face(page, 'Bình thường').tap();
	await expect(page.getByTestId('progress')).toHaveText('Trang 2/8');
	await expect(
		page.getByRole('group', { name: 'Điều gì khiến Ông/Bà chưa hài lòng?' })
	).toBeVisible();
	await expect(page.getByRole('group', { name: 'I. Tiếp cận dịch vụ' })).toHaveCount(0);
	await page.getByRole('checkbox', { name: 'Phải chờ lâu' }).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).tap();
	await expect(page.getByTestId('progress')).toHaveText('Trang 3/8');
	await expect(page.getByRole('group', { name: 'I. Tiếp cận dịch vụ' })).toBeVisible();
	const kept = testDb().prepare('SELECT answers FROM web_held_ratings WHERE id = ?').get(id) as {
		answers: string;
	};
	expect(JSON.parse(kept.answers)).toEqual({ reasons: ['wait'] });
});

test('English on request, and an unknown code is a Vietnamese 404', async ({ page }) => {
	const f = access();
	await goto(page, `/s/${f.own.deskWebLinkCode}`);
	await page.getByRole('link', { name: 'English' }).tap();
	await expect(page.getByRole('heading', { name: 'How were you served today?' })).toBeVisible();
	const id = await responseId(page);
	await face(page, 'Satisfied').tap();
	await expect(
		page.getByRole('heading', { name: 'Thank you for your feedback. Have a good day.' })
	).toBeVisible();
	expect(response(id)).toMatchObject({ main_level: 2, locale: 'en' });

	const missing = await goto(page, '/s/zzzzzzzz');
	expect(missing?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Không tìm thấy trang đánh giá' })).toBeVisible();
	await expectAccessible(page, 'not found');
});

test('the QR poster shows the counter, the link and an SVG code', async ({ page }) => {
	const f = access();
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(f.users.viewerOwn.username);
	await page.getByLabel('Mật khẩu').fill(process.env.E2E_ADMIN_PASSWORD!);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
	await goto(page, `/admin/posters/${f.own.childCounterId}`);
	const poster = page.locator('article.poster');
	await expect(poster).toContainText('Điểm tiếp nhận lưu động (e2e)');
	await expect(poster).toContainText('Quầy 1');
	await expect(poster).toContainText('Mời Ông/Bà quét mã để đánh giá sự phục vụ');
	await expect(poster).toContainText(`/s/${f.own.deskWebLinkCode}`);
	const qr = page.getByRole('img', { name: /^Mã QR dẫn tới http/ });
	await expect(qr.locator('svg')).toHaveCount(1);
	await expect(page.getByRole('button', { name: 'In' })).toBeVisible();
	await expectAccessible(page, 'poster');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the whole flow works with plain forms, and a double submit stores one answer', async ({
		page,
		baseURL
	}) => {
		const f = access();
		const id = await lowRatingWithDetails(page, f.own.deskWebLinkCode, true);
		await expect(page).toHaveURL(/\/thanks$/);
		await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
		expect(casesOf(id)).toHaveLength(1);
		await goto(page, `/s/${f.own.deskWebLinkCode}`);
		await expect(page.getByText(ALREADY)).toBeVisible();

		// The same form sent twice by another browser: one response, both answered with thanks.
		const other = await page.context().browser()!.newContext({ javaScriptEnabled: false });
		const p2 = await other.newPage();
		await goto(p2, `${baseURL}/s/${f.own.deskWebLinkCode}`);
		const id2 = await responseId(p2);
		const form = {
			id: id2,
			startedAt: await p2.locator('input[name="startedAt"]').inputValue(),
			lang: 'vi',
			rating: '2'
		};
		for (let i = 0; i < 2; i++) {
			const r = await p2.request.post(`${baseURL}/s/${f.own.deskWebLinkCode}?/rate`, {
				form,
				headers: { origin: baseURL!, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(r.status()).toBe(303);
			expect(r.headers()['location']).toBe(`/s/${f.own.deskWebLinkCode}/thanks`);
		}
		const n = testDb().prepare('SELECT count(*) AS n FROM responses WHERE id = ?').get(id2) as {
			n: number;
		};
		expect(n.n).toBe(1);
		await other.close();
	});
});
