import { expect, test, type Locator, type Page } from '@playwright/test';
import { judgeChange } from '../../src/lib/domain/honest-figures';
import { formatPercent, wilsonInterval } from '../../src/lib/domain/metrics';
import { expectAxeClean, hydrated, screenshot, signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { goto } from './hydration';

// The dashboard's ten-second test (issue 14, items 5 and 6): at 1440×900 a leader sees the
// headline figures without scrolling, each with one line saying what it counts; the filter form
// is unit and period with the rest folded; figures over too few answers are muted and a change
// the intervals do not support is not set in bold.

test.afterAll(closeTestDb);

const DESKTOP = { width: 1440, height: 900 };

function unitId(code: string): string {
	return (testDb().prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: string }).id;
}

/** Rated and satisfied answers of one unit (no merged history) over a date range, in SQL. */
function counted(code: string, from: string, to: string) {
	return testDb()
		.prepare(
			`SELECT count(main_level) AS rated, coalesce(sum(satisfied), 0) AS satisfied
			 FROM responses WHERE unit_id = ? AND local_date BETWEEN ? AND ?`
		)
		.get(unitId(code), from, to) as { rated: number; satisfied: number };
}

function estimate(c: { rated: number; satisfied: number }) {
	const w = wilsonInterval(c.satisfied, c.rated)!;
	return { value: c.satisfied / c.rated, low: w.low, high: w.high, n: c.rated };
}

/**
 * Open follow-up cases of a unit's subtree and of the units merged into it, in SQL: other tests
 * open cases at its counters before this one runs.
 */
function openCases(code: string): number {
	const id = unitId(code);
	const row = testDb()
		.prepare(
			`SELECT count(*) AS n FROM follow_up_cases WHERE status != 'resolved'
			 AND unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id IN
			   (SELECT ? UNION SELECT id FROM units WHERE successor_id = ?))`
		)
		.get(id, id) as { n: number };
	return row.n;
}

async function expectInFirstScreen(locator: Locator, height: number, what: string) {
	await expect(locator, what).toBeVisible();
	const box = await locator.boundingBox();
	expect(box, what).not.toBeNull();
	expect(box!.y + box!.height, `${what} ends within the first ${height} px`).toBeLessThanOrEqual(
		height
	);
}

const card = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

test('at 1440×900 the headline figures, each explained in one line, fit the first screen', async ({
	page
}) => {
	await page.setViewportSize(DESKTOP);
	await signIn(page);
	const id = unitId('CT-TANBINH');
	await goto(page, `/admin/stats?unit=${id}&period=custom&from=2026-01-01&to=2026-11-27`);
	await expect(page.getByRole('heading', { level: 1, name: 'Thống kê' })).toBeVisible();
	await screenshot(page, 'stats-1440x900');

	const responses = card(page, 'Số ý kiến');
	const rate = card(page, 'Tỷ lệ hài lòng');
	const cases = card(page, 'Phản ánh chưa xử lý');
	const score = card(page, 'Điểm hài lòng bình quân (0–100)');
	await expectInFirstScreen(responses.locator('[data-figure="responses"]'), 900, 'responses');
	await expectInFirstScreen(responses.locator('[data-change="responses"]'), 900, 'its change');
	await expectInFirstScreen(rate.locator('[data-figure="rate"]'), 900, 'satisfaction rate');
	await expectInFirstScreen(rate.locator('[data-figure="rated"]'), 900, 'its n');
	await expectInFirstScreen(rate.locator('[data-figure="interval"]'), 900, 'its interval');
	await expectInFirstScreen(rate.locator('[data-change="rate"]'), 900, 'its change');
	await expectInFirstScreen(cases.locator('[data-figure="cases"]'), 900, 'unhappy cases open');
	await expectInFirstScreen(score.locator('[data-figure="happy"]'), 900, 'the 0–100 score');

	// One line says what each figure counts; the 0–100 score is not passed off as the SIPAS index.
	await expect(responses).toContainText(
		'Mọi lượt đánh giá nhận được trong kỳ, tại kiosk và qua điện thoại.'
	);
	await expect(rate).toContainText(
		'Phần ý kiến chọn “Hài lòng” trở lên; tỷ lệ thật nằm trong khoảng tin cậy 95%.'
	);
	await expect(cases).toContainText(
		'Người dân chưa hài lòng để lại số điện thoại, đang chờ được liên hệ, tính đến hôm nay.'
	);
	await expect(score).toContainText(
		'Bình quân các mức đánh giá quy ra thang 0–100; không phải Chỉ số hài lòng SIPAS.'
	);
	await expect(page.getByText('Chỉ số hài lòng', { exact: true })).toHaveCount(0);

	// Unhappy cases still open in the commune and the communes merged into it, with the link.
	const open = openCases('CT-TANBINH');
	await expect(cases.locator('[data-figure="cases"]')).toHaveText(
		new RegExp(`^${open}\\s*– xem danh sách$`)
	);
	await expect(cases.getByRole('link')).toHaveAttribute(
		'href',
		`/admin/cases?status=open&unit=${id}`
	);

	await expectAxeClean(page, 'the dashboard at 1440×900');
	await screenshot(page, 'stats-1440x900-full', true);
	for (const size of [
		{ width: 1366, height: 768 },
		{ width: 1920, height: 1080 },
		{ width: 800, height: 1280 }
	]) {
		await page.setViewportSize(size);
		await screenshot(page, `stats-${size.width}x${size.height}`);
	}
});

test('the filter form is unit and period; the rest folds under "Thêm bộ lọc", open when used', async ({
	page
}) => {
	await page.setViewportSize(DESKTOP);
	await signIn(page);
	await goto(page, `/admin/stats?unit=${unitId('CT-TANBINH')}&period=month`);
	await hydrated(page);
	await expect(page.getByLabel('Đơn vị', { exact: true })).toBeVisible();
	await expect(page.getByLabel('Kỳ báo cáo')).toBeVisible();
	const more = page.getByText('Thêm bộ lọc', { exact: true });
	await expect(more).toBeVisible();
	for (const label of ['So sánh với', 'Kênh', 'Quầy', 'Cán bộ', 'Lĩnh vực thủ tục']) {
		await expect(page.getByLabel(label, { exact: true }), label).toBeHidden();
	}
	// Only what the chosen period uses: nothing for "this month", the year and quarter for a quarter.
	for (const label of ['Năm báo cáo', 'Quý số', 'Từ ngày', 'Đến ngày']) {
		await expect(page.getByLabel(label), label).toBeHidden();
	}
	await page.getByLabel('Kỳ báo cáo').selectOption('quarter');
	await expect(page.getByLabel('Năm báo cáo')).toBeVisible();
	await expect(page.getByLabel('Quý số')).toBeVisible();
	await expect(page.getByLabel('Từ ngày')).toBeHidden();
	await page.getByLabel('Kỳ báo cáo').selectOption('custom');
	await expect(page.getByLabel('Từ ngày')).toBeVisible();
	await expect(page.getByLabel('Năm báo cáo')).toBeHidden();

	// Opened with the keyboard; then a folded filter in use keeps it open after the search.
	await more.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Kênh', { exact: true })).toBeVisible();
	await page.getByLabel('Kênh', { exact: true }).selectOption('kiosk');
	await page.getByLabel('Kỳ báo cáo').selectOption('year');
	await page.getByRole('button', { name: 'Xem thống kê' }).click();
	await expect(page).toHaveURL(/channel=kiosk/);
	await expect(page.getByLabel('Kênh', { exact: true })).toBeVisible();
	await expect(page.getByLabel('Kênh', { exact: true })).toHaveValue('kiosk');
	await expect(page.getByText('(1 đang dùng)')).toBeVisible();
	await expectAxeClean(page, 'the dashboard with its folded filters open');
});

test('a day of 10 answers: the change is a pale note, rows and trend points are marked', async ({
	page
}) => {
	await page.setViewportSize(DESKTOP);
	await signIn(page);
	// Xã Tân Long on Tuesday 5/3/2024 against Monday 4/3: 10 and 17 rated answers.
	const day = counted('HG-PH-TANLONG', '2024-03-05', '2024-03-05');
	const before = counted('HG-PH-TANLONG', '2024-03-04', '2024-03-04');
	expect(day.rated).toBeGreaterThan(0);
	expect(day.rated).toBeLessThan(30);
	expect(before.rated).toBeGreaterThan(0);
	const id = unitId('HG-PH-TANLONG');
	await goto(page, `/admin/stats?unit=${id}&period=custom&from=2024-03-05&to=2024-03-05`);

	const rate = card(page, 'Tỷ lệ hài lòng');
	await expect(rate).toContainText('Chưa đủ dữ liệu để đánh giá');
	const change = rate.locator('[data-change="rate"]');
	await expect(change).toContainText('chưa đủ dữ liệu để so sánh');
	await expect(change).toHaveCSS('font-weight', '400');

	// Officers and fields over fewer than 30 answers are pale rows.
	const officers = page.getByRole('table', { name: 'Theo cán bộ' });
	const rows = officers.locator('tbody tr');
	expect(await rows.count()).toBeGreaterThan(0);
	for (const row of await rows.all()) {
		await expect(row).toContainText('Chưa đủ dữ liệu để đánh giá');
		await expect(row.locator('td').nth(2)).toHaveCSS('color', 'rgb(71, 84, 103)');
		await expect(row.locator('td').nth(2)).toHaveCSS('font-style', 'italic');
	}

	// Two weeks by day: each day under 30 answers is a marked point with its n in the table.
	await goto(page, `/admin/stats?unit=${id}&period=custom&from=2024-03-04&to=2024-03-08`);
	await expect(
		page.getByText('Điểm rỗng và dòng chữ nhạt: dưới 30 ý kiến có đánh giá, chưa đủ để đánh giá.')
	).toBeVisible();
	const trend = page.getByRole('region', { name: /Diễn biến theo thời gian/ });
	await trend.getByRole('button', { name: 'Xem dạng bảng' }).click();
	const tuesday = trend.getByRole('row', { name: /^05\/03\/2024/ });
	await expect(tuesday.locator('td').nth(1)).toHaveText(String(day.rated));
	await expect(tuesday.locator('td').nth(2)).toContainText(
		formatPercent(day.satisfied / day.rated, 'vi')
	);
	await expect(tuesday.locator('td').nth(2)).toContainText('Chưa đủ dữ liệu để đánh giá');
	await expect(tuesday.locator('td').nth(2)).toHaveCSS('color', 'rgb(71, 84, 103)');
	await screenshot(page, 'stats-thin-1440x900', true);
});

test('a change within the two periods’ intervals reads "chưa khác biệt rõ", not in bold', async ({
	page
}) => {
	await page.setViewportSize(DESKTOP);
	await signIn(page);
	// The old Xã Tân Bình in May 2024 against the 31 days before it.
	const may = counted('HG-PH-TANBINH', '2024-05-01', '2024-05-31');
	const april = counted('HG-PH-TANBINH', '2024-03-31', '2024-04-30');
	expect(may.rated).toBeGreaterThanOrEqual(30);
	expect(april.rated).toBeGreaterThanOrEqual(30);
	expect(judgeChange(estimate(may), estimate(april), 30)).toBe('unclear');

	await goto(
		page,
		`/admin/stats?unit=${unitId('HG-PH-TANBINH')}&period=custom&from=2024-05-01&to=2024-05-31`
	);
	await expect(page.getByText('So với 31/03/2024 – 30/04/2024')).toBeVisible();
	const change = card(page, 'Tỷ lệ hài lòng').locator('[data-change="rate"]');
	const pp = ((may.satisfied / may.rated - april.satisfied / april.rated) * 100).toFixed(1);
	await expect(change).toHaveText(
		`Thay đổi: ${Number(pp) >= 0 ? '+' : '−'}${pp.replace('-', '').replace('.', ',')} điểm phần trăm, chưa khác biệt rõ`
	);
	await expect(change).toHaveCSS('font-weight', '400');
});

test('at 1440×900 every period choice reads whole in its select, the longest included', async ({
	page
}) => {
	await page.setViewportSize(DESKTOP);
	await signIn(page);
	await goto(page, '/admin/stats');
	const select = page.getByLabel('Kỳ báo cáo', { exact: true });
	// The room a select gives its text: its inner width less the padding and the arrow.
	const widths = await select.evaluate((el: HTMLSelectElement) => {
		const style = getComputedStyle(el);
		const probe = document.createElement('span');
		probe.style.font = style.font;
		probe.style.whiteSpace = 'pre';
		probe.style.position = 'absolute';
		document.body.append(probe);
		const texts = [...el.options].map((o) => {
			probe.textContent = o.text;
			return { text: o.text, width: probe.getBoundingClientRect().width };
		});
		probe.remove();
		const room =
			el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 8;
		return { room, texts };
	});
	expect(widths.texts.map((x) => x.text)).toContain('Tùy chọn (từ ngày, đến ngày)');
	for (const { text, width } of widths.texts)
		expect(width, `“${text}” in ${widths.room.toFixed(0)} px`).toBeLessThanOrEqual(widths.room);
});
