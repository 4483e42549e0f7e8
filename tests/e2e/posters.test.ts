import { expect, test } from '@playwright/test';
import { expectAxeClean, screenshot, signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { goto } from './hydration';

// The QR poster is reached from the counter and kiosk pages (issue 14, item 8): "Tạo mã QR" makes
// the counter's phone link, then its QR, its address and "In poster" are shown there.

test.afterAll(closeTestDb);

function counterOf(unitCode: string, number: number): { id: string; unitId: string } {
	return testDb()
		.prepare(
			`SELECT counters.id, counters.unit_id AS unitId FROM counters
			 JOIN units ON units.id = counters.unit_id WHERE units.code = ? AND counters.number = ?`
		)
		.get(unitCode, number) as { id: string; unitId: string };
}

function linksOf(counterId: string): string[] {
	return (
		testDb()
			.prepare('SELECT code FROM web_links WHERE counter_id = ? AND revoked_at IS NULL')
			.all(counterId) as { code: string }[]
	).map((r) => r.code);
}

test('a counter without a phone link gets one with "Tạo mã QR", then prints its poster', async ({
	page
}) => {
	const counter = counterOf('CT-TANBINH', 3);
	testDb().prepare('DELETE FROM web_links WHERE counter_id = ?').run(counter.id);
	await signIn(page);
	await goto(page, `/admin/counters/${counter.id}`);
	const panel = page.getByRole('region', { name: 'Mã QR cho điện thoại' });
	await expect(panel).toContainText('Chưa có mã QR.');
	await expect(page.getByText(/0 mã QR/)).toBeVisible();
	await panel.getByRole('button', { name: 'Tạo mã QR' }).click();

	await expect(page.getByText('Đã tạo mã QR. Hãy in poster và dán tại quầy.')).toBeVisible();
	const codes = linksOf(counter.id);
	expect(codes).toHaveLength(1);
	const url = `${new URL(page.url()).origin}/s/${codes[0]}`;
	await expect(panel.getByRole('link', { name: url })).toHaveAttribute('href', url);
	await expect(panel.getByRole('img', { name: `Mã QR dẫn tới ${url}` })).toBeVisible();
	await expect(page.getByText(/1 mã QR/)).toBeVisible();
	await expectAxeClean(page, 'the counter page with its QR code');
	await screenshot(page, 'counter-qr-1280x720', true);

	await panel.getByRole('link', { name: 'In poster' }).click();
	await expect(page).toHaveURL(`/admin/posters/${counter.id}`);
	await expect(page.getByText(url.replace(/^https?:\/\//, ''))).toBeVisible();
	// The poster uses the same link: no second one is made.
	expect(linksOf(counter.id)).toEqual(codes);
});

test('a kiosk page makes and prints the phone link of the kiosk’s counter', async ({ page }) => {
	const kiosk = testDb()
		.prepare(
			`SELECT kiosks.id, kiosks.counter_id AS counterId FROM kiosks
			 JOIN units ON units.id = kiosks.unit_id
			 WHERE units.code = 'CT-HOAAN' AND kiosks.counter_id IS NOT NULL AND kiosks.revoked_at IS NULL
			 ORDER BY kiosks.name LIMIT 1`
		)
		.get() as { id: string; counterId: string };
	testDb().prepare('DELETE FROM web_links WHERE counter_id = ?').run(kiosk.counterId);
	await signIn(page);
	await goto(page, `/admin/kiosks/${kiosk.id}`);
	const panel = page.getByRole('region', { name: 'Mã QR cho điện thoại' });
	await panel.getByRole('button', { name: 'Tạo mã QR' }).click();
	await expect(page.getByText('Đã tạo mã QR. Hãy in poster và dán cạnh kiosk.')).toBeVisible();
	expect(linksOf(kiosk.counterId)).toHaveLength(1);
	await expect(panel.getByRole('link', { name: 'In poster' })).toHaveAttribute(
		'href',
		`/admin/posters/${kiosk.counterId}`
	);
	await expectAxeClean(page, 'the kiosk page with its QR code');
});
