import { expect, test, type Page, type Route } from '@playwright/test';
import {
	answersOf,
	casesOf,
	closeTestDb,
	eventually,
	responsesOf,
	revokeKiosk,
	testDb
} from './db';
import { goto, reload } from './hydration';
import {
	LEVELS,
	NOT_ACTIVE,
	QUESTION,
	THANKS,
	WAIT,
	expectAccessible,
	face,
	kiosk,
	openStaffPanelByKeyboard,
	pair,
	questionHeading,
	screenshot,
	staffCorner
} from './kiosk-screens';

const CONSENT_ASK = 'Ông/Bà có đồng ý để cơ quan gọi lại theo số điện thoại này không?';

// A 10-inch tablet in portrait, driven by touch.
test.use({ viewport: { width: 800, height: 1280 }, hasTouch: true, isMobile: true });
// Several tests wait out real kiosk timers (thanks, idle, minimum interval) and run axe often.
test.describe.configure({ timeout: 120_000 });
test.afterAll(closeTestDb);

/** Reads the device token from the kiosk's IndexedDB, to replay a request as the tablet would. */
function deviceToken(page: Page): Promise<string> {
	return page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('ykien-kiosk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('meta').objectStore('meta').get('device');
					get.onerror = () => reject(get.error);
					get.onsuccess = () => resolve((get.result as { token: string }).token);
				};
			})
	);
}

test('pairs with a code; one tap is stored with its unit and counter; thanks returns', async ({
	page
}) => {
	const k = kiosk('tap');
	await goto(page, '/kiosk');
	await expect(page.getByRole('heading', { name: 'Ghép nối thiết bị' })).toBeVisible();
	await expectAccessible(page, 'pairing');

	const input = page.getByLabel('Mã ghép nối (dạng XXXX-XXXX)');
	await input.fill('ABCD-EFGH');
	await page.getByRole('button', { name: 'Ghép nối' }).tap();
	await expect(page.getByText('Mã không đúng, đã được dùng hoặc đã hết hạn.')).toBeVisible();

	await input.fill(k.pairingCode.toLowerCase());
	await page.getByRole('button', { name: 'Ghép nối' }).tap();
	await expect(questionHeading(page)).toBeVisible();
	await expect(
		page.getByText(`${k.unitName} – Bộ phận tiếp nhận và trả kết quả`, { exact: false })
	).toBeVisible();
	for (const level of LEVELS) await expect(face(page, level)).toBeEnabled();
	await expectAccessible(page, 'question');

	await face(page, 'Hài lòng').tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	await expect(page.getByText(/Quay lại sau \d giây/)).toBeVisible();
	await expectAccessible(page, 'thanks');

	const [row] = await eventually(() => {
		const rows = responsesOf(k.id);
		return rows.length > 0 ? rows : undefined;
	});
	expect(row.unit_id).toBe(k.unitId);
	expect(row.counter_id).toBe(k.counterId);
	expect(row.main_level).toBe(2);
	expect(row.locale).toBe('vi');

	// thanksSeconds is 3 for this kiosk.
	await expect(questionHeading(page)).toBeVisible({ timeout: 6000 });
	expect(responsesOf(k.id)).toHaveLength(1);
});

test('a QR link pairs at once and is dropped from the address', async ({ page }) => {
	const k = kiosk('qr');
	await goto(page, `/kiosk?code=${k.pairingCode}`);
	// No tap on "Ghép nối": the link itself pairs the tablet.
	await expect(questionHeading(page)).toBeVisible();
	await expect(page).toHaveURL(/\/kiosk$/);
	// The token survives a reload: no second pairing.
	await reload(page);
	await expect(questionHeading(page)).toBeVisible();
});

test('a QR link with a spent code says so and keeps the code in the field', async ({ page }) => {
	await goto(page, '/kiosk?code=ZZZZ-ZZZ2');
	await expect(page.getByRole('alert')).toHaveText('Mã không đúng, đã được dùng hoặc đã hết hạn.');
	await expect(page.getByLabel('Mã ghép nối (dạng XXXX-XXXX)')).toHaveValue('ZZZZ-ZZZ2');
});

test('low rating: officer, field, reasons, comment and phone with consent are stored', async ({
	page
}) => {
	const k = kiosk('lowConsent');
	const officer = testDb()
		.prepare(
			'SELECT id, full_name FROM officers WHERE unit_id = ? AND active = 1 ORDER BY full_name'
		)
		.get(k.unitId) as { id: string; full_name: string };
	const field = testDb()
		.prepare("SELECT id FROM procedure_fields WHERE code = 'ho-tich'")
		.get() as { id: string };
	const sent: string[] = [];
	page.on('request', (r) => {
		if (r.url().endsWith('/api/v1/responses')) sent.push(r.postData() ?? '');
	});
	await pair(page, k);

	await face(page, 'Không hài lòng').tap();
	await expect(page.getByRole('heading', { name: 'Cán bộ nào đã tiếp Ông/Bà?' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Không nhớ / Bỏ qua' })).toBeVisible();
	await expectAccessible(page, 'officer');
	await page.getByRole('button', { name: new RegExp(officer.full_name) }).tap();

	await expect(
		page.getByRole('heading', { name: 'Ông/Bà đến làm thủ tục thuộc lĩnh vực nào?' })
	).toBeVisible();
	await expectAccessible(page, 'procedure field');
	await page.getByRole('button', { name: 'Hộ tịch', exact: true }).tap();

	await expect(
		page.getByRole('heading', { name: 'Điều gì khiến Ông/Bà chưa hài lòng?' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Phải chờ lâu' }).tap();
	await page.getByRole('button', { name: 'Hướng dẫn chưa rõ ràng' }).tap();
	await expect(page.getByRole('button', { name: 'Phải chờ lâu' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expectAccessible(page, 'reasons');
	await page.getByRole('button', { name: 'Gửi' }).tap();

	await expect(page.getByRole('heading', { name: 'Ông/Bà có muốn góp ý thêm?' })).toBeVisible();
	await expectAccessible(page, 'comment and phone');
	await page.getByLabel('Ông/Bà có muốn góp ý thêm?').fill('Chờ hơn một giờ mới tới lượt.');
	await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912 345 678');
	await page
		.getByRole('checkbox', { name: /Tôi đồng ý để cơ quan dùng số điện thoại này/ })
		.check();
	await page.getByRole('button', { name: 'Gửi' }).tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();

	const [row] = await eventually(() => {
		const rows = responsesOf(k.id);
		return rows.length > 0 ? rows : undefined;
	});
	expect(row.main_level).toBe(1);
	expect(row.officer_id).toBe(officer.id);
	expect(row.procedure_field_id).toBe(field.id);
	const answers = answersOf(row.id).map((a) => [a.question_key, a.value_int ?? a.value_text]);
	expect(answers).toEqual(
		expect.arrayContaining([
			['satisfaction', 1],
			['officer', officer.id],
			['procedure_field', field.id],
			['reasons', 'wait'],
			['reasons', 'guidance'],
			['comment', 'Chờ hơn một giờ mới tới lượt.']
		])
	);
	// The number lives only in the follow-up case, never among the answers.
	expect(answers.some(([key]) => key === 'phone')).toBe(false);
	const cases = casesOf(row.id);
	expect(cases).toHaveLength(1);
	expect(cases[0].phone).toBe('0912345678');
	expect(cases[0].consent_at).not.toBeNull();
	// A request that passes through the service worker is reported when its response arrives,
	// which can be after the row is visible (the answer is committed before the WAL is flushed).
	await expect.poll(() => sent.some((body) => body.includes('"phoneConsent":true'))).toBe(true);
});

test('without the consent box ticked the phone number is not sent or stored', async ({ page }) => {
	const k = kiosk('lowNoConsent');
	const sent: string[] = [];
	page.on('request', (r) => {
		if (r.url().endsWith('/api/v1/responses')) sent.push(r.postData() ?? '');
	});
	await pair(page, k);
	await face(page, 'Không hài lòng').tap();
	await expect(
		page.getByRole('heading', { name: 'Điều gì khiến Ông/Bà chưa hài lòng?' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Bỏ qua' }).tap();
	await expect(page.getByRole('heading', { name: 'Ông/Bà có muốn góp ý thêm?' })).toBeVisible();
	await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0987654321');
	await expect(
		page.getByText('Số điện thoại chỉ được lưu khi Ông/Bà đánh dấu vào ô đồng ý.')
	).toBeVisible();
	// "Gửi" asks rather than dropping the number silently; the resident sends without it.
	await page.getByRole('button', { name: 'Gửi', exact: true }).tap();
	const ask = page.getByRole('dialog', { name: CONSENT_ASK });
	await expect(ask).toBeVisible();
	await ask.getByRole('button', { name: 'Gửi, không kèm số điện thoại' }).tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();

	const [row] = await eventually(() => {
		const rows = responsesOf(k.id);
		return rows.length > 0 ? rows : undefined;
	});
	expect(row.main_level).toBe(1);
	expect(casesOf(row.id)).toEqual([]);
	expect(answersOf(row.id).map((a) => a.question_key)).toEqual(['satisfaction']);
	const anywhere = testDb()
		.prepare(
			`SELECT (SELECT count(*) FROM follow_up_cases WHERE phone LIKE '%987654321%')
			      + (SELECT count(*) FROM response_answers WHERE value_text LIKE '%987654321%')
			      + (SELECT count(*) FROM audit_log WHERE detail LIKE '%987654321%') AS n`
		)
		.get() as { n: number };
	expect(anywhere.n).toBe(0);
	await expect.poll(() => sent.length).toBeGreaterThan(0);
	for (const body of sent) expect(body).not.toContain('987654321');
});

test('offline: five answers wait on the tablet, survive a reload and arrive exactly once', async ({
	page,
	context,
	request
}) => {
	const k = kiosk('offline');
	// Counted from what the kiosk already has, so a retry of this test counts its own answers.
	const before = responsesOf(k.id).length;
	await pair(page, k);
	// The service worker must hold the shell before the network goes.
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					if (!navigator.serviceWorker.controller) return false;
					for (const key of await caches.keys()) {
						if (await (await caches.open(key)).match('/kiosk')) return true;
					}
					return false;
				}),
			{ timeout: 20_000 }
		)
		.toBe(true);

	// Chromium's offline emulation once let an answer through right after a reload, so the API is
	// also refused outright while the tablet is meant to be offline.
	const refuseApi = (route: Route) => route.abort('internetdisconnected');
	await context.setOffline(true);
	await context.route('**/api/v1/**', refuseApi);
	for (let i = 0; i < 5; i++) {
		// minIntervalSeconds 2, thanksSeconds 2: wait for the faces to come back each time.
		await expect(questionHeading(page)).toBeVisible({ timeout: 8000 });
		await expect(face(page, 'Rất hài lòng')).toBeEnabled({ timeout: 8000 });
		await face(page, 'Rất hài lòng').tap();
		await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	}
	await expect(questionHeading(page)).toBeVisible({ timeout: 8000 });
	let dialog = await openStaffPanelByKeyboard(page);
	await expect(dialog.getByText('Đang chờ gửi: 5 ý kiến')).toBeVisible();
	await dialog.getByRole('button', { name: 'Đóng' }).tap();

	const reloaded = await reload(page);
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(questionHeading(page)).toBeVisible();
	expect(responsesOf(k.id)).toHaveLength(before);

	await context.unroute('**/api/v1/**', refuseApi);
	await context.setOffline(false);
	await eventually(() => (responsesOf(k.id).length === before + 5 ? true : undefined), 20_000);
	const rows = responsesOf(k.id);
	expect(rows.every((r) => r.main_level === 3 && r.counter_id === k.counterId)).toBe(true);
	dialog = await openStaffPanelByKeyboard(page);
	await expect(dialog.getByText('Đang chờ gửi: 0 ý kiến')).toBeVisible();
	await expect(dialog.getByText(/Đồng bộ lần cuối: \d{2}:\d{2} hôm nay/)).toBeVisible();
	await dialog.getByRole('button', { name: 'Đóng' }).tap();

	// Replaying an answer the server already has changes nothing.
	const first = rows[0];
	const replay = await request.post('/api/v1/responses', {
		headers: { authorization: `Bearer ${await deviceToken(page)}` },
		data: {
			id: first.id,
			surveyVersionId: first.survey_version_id,
			answers: { satisfaction: 3 },
			submittedAt: first.submitted_at
		}
	});
	expect(replay.status()).toBe(200);
	expect(responsesOf(k.id)).toHaveLength(before + 5);
	expect(responsesOf(k.id).filter((r) => r.id === first.id)).toHaveLength(1);
});

test('a revoked kiosk gets 401, keeps the answer and shows the not-active screen', async ({
	page
}) => {
	const k = kiosk('revoked');
	await pair(page, k);
	await face(page, 'Hài lòng').tap();
	await eventually(() => (responsesOf(k.id).length === 1 ? true : undefined));

	revokeKiosk(k.id);
	await expect(questionHeading(page)).toBeVisible({ timeout: 8000 });
	await expect(face(page, 'Rất hài lòng')).toBeEnabled({ timeout: 8000 });
	await face(page, 'Rất hài lòng').tap();
	await expect(page.getByRole('heading', { name: NOT_ACTIVE })).toBeVisible({ timeout: 10_000 });
	// Residents see no staff button: the only control is the staff panel's corner.
	await expect(page.getByRole('button')).toHaveCount(1);
	await expect(page.getByRole('button', { name: /ghép nối lại/i })).toHaveCount(0);
	await expectAccessible(page, 'not active');
	expect(responsesOf(k.id)).toHaveLength(1);

	let dialog = await openStaffPanelByKeyboard(page);
	await expect(dialog.getByText('Đang chờ gửi: 1 ý kiến')).toBeVisible();
	await dialog.getByRole('button', { name: 'Đóng' }).tap();

	await reload(page);
	await expect(page.getByRole('heading', { name: NOT_ACTIVE })).toBeVisible();
	await expect(face(page, 'Hài lòng')).toHaveCount(0);

	// Pairing again is a staff action, in the panel behind the long press.
	dialog = await openStaffPanelByKeyboard(page);
	await dialog.getByRole('button', { name: 'Ghép nối lại thiết bị' }).tap();
	await expect(page.getByRole('heading', { name: 'Ghép nối thiết bị' })).toBeVisible();
	await expect(page.getByLabel('Mã ghép nối (dạng XXXX-XXXX)')).toBeVisible();
});

test('an abandoned follow-up ends at thanks, keeps what was given, and never reaches the next rating', async ({
	page
}) => {
	const k = kiosk('idle');
	await pair(page, k);
	await face(page, 'Không hài lòng').tap();
	await expect(
		page.getByRole('heading', { name: 'Điều gì khiến Ông/Bà chưa hài lòng?' })
	).toBeVisible();
	// Picked, not sent: kept when the screen times out.
	await page.getByRole('button', { name: 'Phải chờ lâu' }).tap();
	// followUpSeconds is 10 here: the time left is shown and counts down.
	const timer = page.getByRole('timer');
	await expect(timer).toHaveText(/^Tự kết thúc sau (9|10) giây$/);
	await screenshot(page, 'kiosk-follow-up-timer');
	await expect(timer).toHaveText(/^Tự kết thúc sau [4-7] giây$/, { timeout: 8000 });
	// To the thanks screen, not to the question where the next person would find it.
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible({ timeout: 10_000 });
	const [row] = await eventually(() => {
		const rows = responsesOf(k.id);
		return rows.length > 0 ? rows : undefined;
	});
	expect(row.main_level).toBe(1);
	expect(answersOf(row.id).map((a) => [a.question_key, a.value_int ?? a.value_text])).toEqual([
		['reasons', 'wait'],
		['satisfaction', 1]
	]);

	// The next resident's rating starts a new answer of its own.
	await expect(questionHeading(page)).toBeVisible({ timeout: 10_000 });
	await expect(face(page, 'Rất hài lòng')).toBeEnabled({ timeout: 10_000 });
	await face(page, 'Rất hài lòng').tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	const rows = await eventually(() => {
		const r = responsesOf(k.id);
		return r.length === 2 ? r : undefined;
	});
	expect(rows.map((r) => r.main_level)).toEqual([1, 3]);
	expect(answersOf(rows[1].id).map((a) => a.question_key)).toEqual(['satisfaction']);
});

test('the faces rest for the minimum interval after an answer', async ({ page }) => {
	const k = kiosk('interval');
	await pair(page, k);
	await face(page, 'Hài lòng').tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	// thanksSeconds 2, minIntervalSeconds 8: the question returns with the faces still resting.
	await expect(questionHeading(page)).toBeVisible({ timeout: 5000 });
	for (const level of LEVELS) await expect(face(page, level)).toBeDisabled();
	await expect(page.getByText(WAIT)).toBeVisible();
	await expectAccessible(page, 'question while waiting');
	await face(page, 'Rất hài lòng').tap({ force: true });
	await expect(questionHeading(page)).toBeVisible();

	await expect(face(page, 'Rất hài lòng')).toBeEnabled({ timeout: 10_000 });
	await expect(page.getByText(WAIT)).toHaveCount(0);
	await face(page, 'Rất hài lòng').tap();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	const rows = await eventually(() => {
		const r = responsesOf(k.id);
		return r.length === 2 ? r : undefined;
	});
	expect(rows.map((r) => r.main_level)).toEqual([2, 3]);
	const gap = Date.parse(rows[1].submitted_at) - Date.parse(rows[0].submitted_at);
	expect(gap).toBeGreaterThanOrEqual(8000);
});

test('staff panel by long press and keyboard; language switch; spoken prompt on request', async ({
	page
}) => {
	await page.addInitScript(() => {
		// Headless Chromium has no voices: stand in a Vietnamese one and record what is spoken.
		const spoken: { text: string; lang: string }[] = [];
		const voices = [{ lang: 'vi-VN', name: 'Test vi', voiceURI: 'test-vi', default: true }];
		Object.assign(window, { __spoken: spoken });
		Object.defineProperty(window, 'speechSynthesis', {
			configurable: true,
			value: {
				getVoices: () => voices,
				speak: (u: { text: string; lang: string }) => spoken.push({ text: u.text, lang: u.lang }),
				cancel: () => {},
				addEventListener: () => {},
				removeEventListener: () => {}
			}
		});
		Object.defineProperty(window, 'SpeechSynthesisUtterance', {
			configurable: true,
			value: class {
				lang = '';
				voice: unknown = null;
				constructor(public text: string) {}
			}
		});
	});
	const k = kiosk('staff');
	await pair(page, k);

	const listen = page.getByRole('button', { name: 'Nghe đọc câu hỏi' });
	await expect(listen).toBeVisible();
	expect(
		await page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken)
	).toEqual([]);
	await listen.tap();
	expect(
		await page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken)
	).toEqual([{ text: QUESTION, lang: 'vi-VN' }]);

	// A tap on the corner does nothing; three seconds of pressing opens the panel.
	const corner = staffCorner(page);
	await corner.tap();
	await page.waitForTimeout(500);
	const dialog = page.getByRole('dialog', { name: 'Trạng thái thiết bị' });
	await expect(dialog).toBeHidden();
	const box = (await corner.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.waitForTimeout(1500);
	await expect(dialog).toBeHidden();
	await page.waitForTimeout(1800);
	await page.mouse.up();
	await expect(dialog).toBeVisible();
	await expect(dialog.getByText(`Thiết bị: ${k.name}`)).toBeVisible();
	await expect(dialog.getByText(`Đơn vị: ${k.unitName}`)).toBeVisible();
	await expect(dialog.getByText('Đang chờ gửi: 0 ý kiến')).toBeVisible();
	await expect(dialog.getByText(/Đồng bộ lần cuối: \d{2}:\d{2} hôm nay/)).toBeVisible();
	await expect(dialog.getByText(/Phiên bản ứng dụng: \S+/)).toBeVisible();
	await expectAccessible(page, 'staff panel');
	await dialog.getByRole('button', { name: 'Kiểm tra kết nối' }).tap();
	await expect(dialog.getByText('Kết nối tốt.')).toBeVisible();
	await dialog.getByRole('button', { name: 'Đóng' }).tap();
	await expect(dialog).toBeHidden();

	// Keyboard: open and close the panel, then answer with Tab and Enter alone.
	await openStaffPanelByKeyboard(page);
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();

	await page.getByRole('button', { name: 'English' }).tap();
	await expect(
		page.getByRole('heading', { level: 1, name: 'How were you served today?' })
	).toBeVisible();
	await expect(face(page, 'Dissatisfied')).toBeVisible();
	await expect(listen).toHaveCount(0);
	await page.getByRole('button', { name: 'Tiếng Việt' }).tap();
	await expect(questionHeading(page)).toBeVisible();

	await questionHeading(page).focus();
	await page.keyboard.press('Tab');
	await expect(face(page, 'Không hài lòng')).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(face(page, 'Rất hài lòng')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	await eventually(() => (responsesOf(k.id).length === 1 ? true : undefined));
});

test('the question fits without scrolling, portrait and landscape', async ({ page }) => {
	const k = kiosk('layout');
	await pair(page, k);
	const sizes = [
		{ width: 768, height: 1024 },
		{ width: 800, height: 1280 },
		{ width: 1280, height: 800 },
		{ width: 1024, height: 768 }
	];
	for (const size of sizes) {
		await page.setViewportSize(size);
		await expect(questionHeading(page)).toBeVisible();
		const metrics = await page.evaluate(() => ({
			scrollHeight: document.scrollingElement!.scrollHeight,
			innerHeight,
			innerWidth,
			fonts: [...document.querySelectorAll<HTMLElement>('.kiosk p, .kiosk h1, .kiosk button')]
				.filter((el) => el.offsetParent !== null && el.textContent?.trim())
				.map((el) => parseFloat(getComputedStyle(el).fontSize))
		}));
		const label = `${size.width}x${size.height}`;
		expect(metrics.scrollHeight, label).toBeLessThanOrEqual(metrics.innerHeight);
		expect(Math.min(...metrics.fonts), label).toBeGreaterThanOrEqual(24);
		let previousRight = 0;
		for (const level of LEVELS) {
			const box = (await face(page, level).boundingBox())!;
			expect(box.width, `${level} at ${label}`).toBeGreaterThanOrEqual(metrics.innerWidth / 4);
			expect(box.y + box.height, `${level} at ${label}`).toBeLessThanOrEqual(metrics.innerHeight);
			// Negative on the left, positive on the right.
			expect(box.x, `${level} at ${label}`).toBeGreaterThanOrEqual(previousRight - 1);
			previousRight = box.x + box.width;
		}
	}
});
