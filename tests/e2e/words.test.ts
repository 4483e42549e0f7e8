import { expect, test } from '@playwright/test';
import { TONE_COLOURS } from '../../src/lib/domain/scales';
import { hydrated, signIn } from './admin-session';
import { goto } from './hydration';

// Words on the admin screens say what the screens show: the menu names surveys as the rest of the
// app does, and a tone's colour word is the colour it is drawn in.

/** '#475467' -> 'rgb(71, 84, 103)', as getComputedStyle reports a colour. */
function rgb(hex: string): string {
	const n = parseInt(hex.slice(1), 16);
	return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

test('the menu says "Khảo sát", as the survey pages and the statistics filter do', async ({
	page
}) => {
	await signIn(page);
	const nav = page.getByRole('navigation', { name: 'Quản trị' });
	await expect(nav.getByRole('link', { name: 'Khảo sát', exact: true })).toBeVisible();
	await expect(nav.getByText('Phiếu khảo sát')).toHaveCount(0);
	await nav.getByRole('link', { name: 'Khảo sát', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Khảo sát');
});

test('a tone is named by the colour it is drawn in, with a swatch of that colour', async ({
	page
}) => {
	await signIn(page);
	await goto(page, '/admin/surveys');
	const create = page.getByRole('region', { name: 'Tạo phiếu khảo sát' });
	await create.getByLabel('Tên phiếu khảo sát').fill('Phiếu thử sắc thái');
	await create.getByLabel('Một câu hỏi, 3 mặt cười').check();
	await create.getByLabel('Đơn vị sở hữu').selectOption('shared');
	await create.getByRole('button', { name: 'Tạo phiếu' }).click();
	await expect(page).toHaveURL(/\/admin\/surveys\/[^/?]+\?done=created/);
	await page.getByRole('link', { name: 'Sửa bản nháp' }).click();
	await hydrated(page);

	const main = page.getByRole('group', { name: /^Câu 1: Mức đánh giá/ });
	await main.getByLabel('Số mức đánh giá').selectOption('4');
	const tone = main.getByLabel('Sắc thái mức 2');
	await tone.selectOption('neutral');
	await expect(tone.locator('option:checked')).toHaveText('Trung tính (xám)');
	await expect(page.getByText(/Trung tính \(vàng\)/)).toHaveCount(0);
	const swatch = main.getByTestId('tone-swatch-2');
	await expect(swatch).toHaveCSS('background-color', rgb(TONE_COLOURS.neutral));
	await tone.selectOption('negative');
	await expect(swatch).toHaveCSS('background-color', rgb(TONE_COLOURS.negative));
});
