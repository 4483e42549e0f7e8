// The kiosk's screens as the browser tests find them: words, faces, pairing and axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { KioskFixture, KioskFixtureName } from '../../scripts/e2e-fixtures';
import { pairableKiosk } from './db';
import { goto } from './hydration';

export const QUESTION = 'Ông/Bà đánh giá thế nào về sự phục vụ hôm nay?';
export const THANKS = 'Cảm ơn Ông/Bà đã góp ý. Chúc Ông/Bà một ngày tốt lành.';
export const NOT_ACTIVE = 'Thiết bị chưa được kích hoạt. Vui lòng liên hệ cán bộ tại quầy.';
export const WAIT = 'Xin Ông/Bà vui lòng chờ trong giây lát.';
export const LEVELS = ['Không hài lòng', 'Hài lòng', 'Rất hài lòng'];

export const kiosk = (name: KioskFixtureName): KioskFixture => pairableKiosk(name);
export const face = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
export const questionHeading = (page: Page) =>
	page.getByRole('heading', { level: 1, name: QUESTION });
export const staffCorner = (page: Page) =>
	page.getByRole('button', { name: 'Bảng trạng thái dành cho cán bộ' });

export async function pair(page: Page, k: KioskFixture) {
	await goto(page, '/kiosk');
	await page.getByLabel('Mã ghép nối (dạng XXXX-XXXX)').fill(k.pairingCode);
	await page.getByRole('button', { name: 'Ghép nối' }).tap();
	await expect(questionHeading(page)).toBeVisible();
}

/**
 * WCAG 2.1 AA from axe, plus its WCAG 2 AAA rules: above all the 7:1 text contrast KIOSK-UX asks
 * for older eyes (color-contrast-enhanced).
 */
export async function expectAccessible(page: Page, screen: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag2aaa'])
		.analyze();
	const found = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, `axe on the ${screen} screen`).toEqual([]);
}

export async function openStaffPanelByKeyboard(page: Page) {
	await staffCorner(page).focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Trạng thái thiết bị' });
	await expect(dialog).toBeVisible();
	return dialog;
}

/** A picture of the screen for a person to look at (issue 14), in test-results/screenshots. */
export async function screenshot(page: Page, name: string) {
	const { width, height } = page.viewportSize()!;
	await page.screenshot({ path: `test-results/screenshots/${name}-${width}x${height}.png` });
}
