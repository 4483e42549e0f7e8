import { expect, test, type Locator } from '@playwright/test';
import { expectAxeClean, screenshot, signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { goto } from './hydration';

// After the 2025 merger the old and the new "Xã Tân Bình" (and Hiệp Hưng…) share a name: lists
// show the unit's code where a name repeats, put closed units and their counters and officers
// after the open ones, and say they are closed (issue 14, item 7).

test.afterAll(closeTestDb);

function unitId(code: string): string {
	return (testDb().prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: string }).id;
}

async function texts(options: Locator): Promise<string[]> {
	return (await options.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
}

function duplicates(list: string[]): string[] {
	return list.filter((x, i) => list.indexOf(x) !== i);
}

test('the dashboard’s filters name each counter and officer once, closed units last', async ({
	page
}) => {
	await signIn(page);
	await goto(page, `/admin/stats?unit=${unitId('CT-TANBINH')}&period=year&year=2025`);
	await page.getByText('Thêm bộ lọc', { exact: true }).click();

	const counter = page.getByLabel('Quầy', { exact: true });
	const counters = await texts(counter.locator('option'));
	expect(duplicates(counters)).toEqual([]);
	expect(await texts(counter.locator(':scope > option'))).toContain(
		'Quầy 1 – Xã Tân Bình (CT-TANBINH)'
	);
	const closedCounters = counter.locator('optgroup[label="Thuộc đơn vị đã đóng"] > option');
	expect(await texts(closedCounters)).toContain('Quầy 1 – Xã Tân Bình (HG-PH-TANBINH)');
	expect(await texts(closedCounters)).not.toContain('Quầy 1 – Xã Tân Bình (CT-TANBINH)');

	const officer = page.getByLabel('Cán bộ', { exact: true });
	const officers = await texts(officer.locator('option'));
	expect(duplicates(officers)).toEqual([]);
	expect(await texts(officer.locator(':scope > option'))).toContain(
		'Dương Thị Hạnh – Xã Tân Bình (CT-TANBINH)'
	);
	expect(await texts(officer.locator('optgroup[label="Thuộc đơn vị đã đóng"] > option'))).toContain(
		'Dương Thị Hạnh – Xã Tân Bình (HG-PH-TANBINH)'
	);

	// Units in force first; the closed ones in their own group, each with its last day.
	const unit = page.getByLabel('Đơn vị', { exact: true });
	const open = await texts(unit.locator(':scope > option'));
	expect(open).toContain('Xã Tân Bình (CT-TANBINH)');
	expect(open.filter((x) => x.includes('HG-PH'))).toEqual([]);
	expect(await texts(unit.locator('optgroup[label="Đơn vị đã đóng"] > option'))).toContain(
		'Xã Tân Bình (HG-PH-TANBINH) (đến 30/06/2025)'
	);
	await expectAxeClean(page, 'the dashboard with its filters open');
});

test('/admin/counters: Hiệp Hưng’s counters, the open commune first, the closed one marked', async ({
	page
}) => {
	await signIn(page);
	await goto(page, '/admin/counters?q=hiep+hung');
	const rows = page.getByRole('table').locator('tbody tr');
	const cells = await rows.evaluateAll((trs) =>
		trs.map((tr) =>
			[...tr.querySelectorAll('th, td')].map((c) =>
				(c.textContent ?? '').replace(/\s+/g, ' ').trim()
			)
		)
	);
	// name, number, unit, officers, status
	expect(cells.map((c) => [c[0], c[2], c[4]])).toEqual([
		['Quầy 1', 'Xã Hiệp Hưng (CT-HIEPHUNG)', 'Đang hoạt động'],
		['Quầy 2', 'Xã Hiệp Hưng (CT-HIEPHUNG)', 'Đang hoạt động'],
		['Quầy 3', 'Xã Hiệp Hưng (CT-HIEPHUNG)', 'Đang hoạt động'],
		['Quầy 1', 'Xã Hiệp Hưng (HG-PH-HIEPHUNG)', 'Đơn vị đã đóng (hoạt động đến 30/06/2025)'],
		['Quầy 2', 'Xã Hiệp Hưng (HG-PH-HIEPHUNG)', 'Đơn vị đã đóng (hoạt động đến 30/06/2025)'],
		['Quầy 3', 'Xã Hiệp Hưng (HG-PH-HIEPHUNG)', 'Đơn vị đã đóng (hoạt động đến 30/06/2025)'],
		['Quầy 4', 'Xã Hiệp Hưng (HG-PH-HIEPHUNG)', 'Đơn vị đã đóng (hoạt động đến 30/06/2025)']
	]);
	// A unit whose name is its own keeps it plain.
	await goto(page, '/admin/counters?q=cay+duong');
	await expect(page.getByRole('table').locator('tbody tr').first().locator('td').nth(1)).toHaveText(
		'Thị trấn Cây Dương'
	);
	await expectAxeClean(page, '/admin/counters');
	await goto(page, '/admin/counters');
	await screenshot(page, 'counters-1280x720');
});

test('/admin/officers: the same name in the old and the new commune is told apart', async ({
	page
}) => {
	await signIn(page);
	await goto(page, `/admin/officers?q=${encodeURIComponent('Dương Thị Hạnh')}`);
	const rows = page.getByRole('table').locator('tbody tr');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('Xã Tân Bình (CT-TANBINH)');
	await expect(rows.nth(0)).toContainText('Đang hoạt động');
	await expect(rows.nth(1)).toContainText('Xã Tân Bình (HG-PH-TANBINH)');
	await expect(rows.nth(1)).toContainText('Đơn vị đã đóng (hoạt động đến 30/06/2025)');
	await expectAxeClean(page, '/admin/officers');
});

test('/admin/kiosks: kiosks of closed communes come after those in force and say so', async ({
	page
}) => {
	await signIn(page);
	await goto(page, '/admin/kiosks?q=hiep+hung');
	const units = await page
		.getByRole('table')
		.locator('tbody tr td:first-of-type')
		.evaluateAll((tds) => tds.map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()));
	expect(units.length).toBeGreaterThan(1);
	const firstClosed = units.findIndex((u) => u.includes('HG-PH-HIEPHUNG'));
	expect(firstClosed).toBeGreaterThan(0);
	for (const u of units.slice(0, firstClosed)) {
		expect(u).toContain('Xã Hiệp Hưng (CT-HIEPHUNG)');
		expect(u).not.toContain('Đơn vị đã đóng');
	}
	for (const u of units.slice(firstClosed)) {
		expect(u).toContain(
			'Xã Hiệp Hưng (HG-PH-HIEPHUNG) · Đơn vị đã đóng (hoạt động đến 30/06/2025)'
		);
	}
	// Page 1 of every kiosk starts with the communes in force.
	await goto(page, '/admin/kiosks');
	await expect(
		page.getByRole('table').locator('tbody tr').first().locator('td').first()
	).toContainText('(CT-');
	await expectAxeClean(page, '/admin/kiosks');
});

test('/admin/cases and /admin/comments: the unit filter tells the two Tân Bình apart, merged last', async ({
	page
}) => {
	await signIn(page);
	await goto(page, '/admin/cases');
	const caseUnits = await texts(page.getByLabel('Đơn vị', { exact: true }).locator('option'));
	expect(duplicates(caseUnits)).toEqual([]);
	const open = caseUnits.indexOf('Xã Tân Bình (CT-TANBINH)');
	const merged = caseUnits.indexOf(
		'Xã Tân Bình (HG-PH-TANBINH) (đã sáp nhập vào Xã Tân Bình (CT-TANBINH))'
	);
	expect(open).toBeGreaterThan(0);
	expect(merged).toBeGreaterThan(open);
	// Every merged unit comes after every unit in force.
	const firstMerged = caseUnits.findIndex((u) => u.includes('đã sáp nhập'));
	expect(caseUnits.slice(firstMerged).every((u) => u.includes('đã sáp nhập'))).toBe(true);
	// A name borne once stays plain.
	expect(
		caseUnits.filter((u) => u.startsWith('Thị trấn Cây Dương (đã sáp nhập vào '))
	).toHaveLength(1);

	await goto(page, '/admin/comments');
	const commentUnits = await texts(page.getByLabel('Đơn vị', { exact: true }).locator('option'));
	expect(duplicates(commentUnits)).toEqual([]);
	const firstClosed = commentUnits.findIndex((u) => u.includes('(đến '));
	expect(firstClosed).toBeGreaterThan(commentUnits.indexOf('Xã Tân Bình (CT-TANBINH)'));
	expect(commentUnits.slice(firstClosed).every((u) => u.includes('(đến '))).toBe(true);
});

test('a counter’s and an officer’s page name the unit with its code where the name repeats', async ({
	page
}) => {
	await signIn(page);
	const counter = testDb()
		.prepare(
			"SELECT c.id FROM counters c JOIN units u ON u.id = c.unit_id WHERE u.code = 'HG-PH-HIEPHUNG' AND c.number = 1"
		)
		.get() as { id: string };
	await goto(page, `/admin/counters/${counter.id}`);
	await expect(page.locator('dd').first()).toBeVisible();
	await expect(page.getByRole('main')).toContainText('Xã Hiệp Hưng (HG-PH-HIEPHUNG)');
	const officer = testDb()
		.prepare(
			"SELECT o.id FROM officers o JOIN units u ON u.id = o.unit_id WHERE u.code = 'CT-TANBINH' AND o.full_name = 'Dương Thị Hạnh'"
		)
		.get() as { id: string };
	await goto(page, `/admin/officers/${officer.id}`);
	await expect(page.getByRole('main')).toContainText('Xã Tân Bình (CT-TANBINH)');
	await expectAxeClean(page, 'an officer of the new Tân Bình');
});
