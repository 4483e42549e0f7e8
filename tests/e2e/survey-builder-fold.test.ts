import { expect, test } from '@playwright/test';
import { expectAxeClean, hydrated, screenshot, signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { goto } from './hydration';

// The builder of a long survey (the SIPAS one, about 20 questions) was 34,554 px tall: each
// question now folds to one line, one is open at a time, and a jump list leads to any of them
// (issue 14, item 10).

test.afterAll(closeTestDb);

test('a long survey folds to one line per question, with a jump list', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	const survey = testDb().prepare("SELECT id FROM surveys WHERE code = 'SIPAS-2025'").get() as {
		id: string;
	};
	const version = testDb()
		.prepare('SELECT definition FROM survey_versions WHERE survey_id = ? ORDER BY version DESC')
		.get(survey.id) as { definition: string };
	const questions = (JSON.parse(version.definition) as { questions: { prompt: { vi: string } }[] })
		.questions;
	expect(questions.length).toBeGreaterThan(15);

	await signIn(page);
	await goto(page, `/admin/surveys/${survey.id}/draft`);
	await hydrated(page);
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	expect(height).toBeLessThan(6000);
	await screenshot(page, 'survey-builder-1280x800', true);

	// One question open (the main one), every other folded to its one line.
	await expect(page.locator('button[aria-expanded="true"]')).toHaveCount(1);
	await expect(page.getByRole('button', { name: 'Thu gọn câu 1', exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Mở câu 5', exact: true })).toBeVisible();

	// The jump list names every question; following one opens it and folds the others.
	const jump = page.getByRole('navigation', { name: 'Đi tới câu hỏi' });
	await expect(jump.getByRole('link')).toHaveCount(questions.length);
	await jump.getByRole('link', { name: questions[4].prompt.vi, exact: true }).click();
	const fifth = page.getByRole('group', { name: /^Câu 5:/ });
	await expect(fifth.getByLabel('Nội dung câu hỏi (tiếng Việt)')).toBeFocused();
	await expect(fifth.getByLabel('Nội dung câu hỏi (tiếng Việt)')).toHaveValue(
		questions[4].prompt.vi
	);
	await expect(page.locator('button[aria-expanded="true"]')).toHaveCount(1);
	await expect(page.getByRole('button', { name: 'Mở câu 1', exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Thu gọn câu 5', exact: true }).click();
	await expect(page.locator('button[aria-expanded="true"]')).toHaveCount(0);
	await expectAxeClean(page, 'the folded survey builder');
});
