// Every browser test opens pages through these, so nothing is typed or clicked before the page's
// client script has hydrated it. Typing earlier races hydration: the text survives (see
// src/lib/components/keep-typed.ts), but a click on a button that has no handler yet does nothing,
// and a test that passes only on a fast machine is a flaky test. The root layout sets the mark.
import type { Page, Response } from '@playwright/test';

type GotoOptions = Parameters<Page['goto']>[1];

/**
 * Whether the page runs scripts: a context made with `javaScriptEnabled: false` never hydrates.
 * The HTML parser reads the inside of <noscript> as markup only when scripting is off.
 */
function scriptingEnabled(page: Page): Promise<boolean> {
	return page.evaluate(() => {
		const probe = document.createElement('noscript');
		probe.innerHTML = '<b></b>';
		return probe.children.length === 0;
	});
}

/** Resolves once the current document has hydrated (at once when scripts are off). */
export async function hydrated(page: Page): Promise<void> {
	if (!(await scriptingEnabled(page))) return;
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** `page.goto`, then wait for hydration. */
export async function goto(
	page: Page,
	url: string,
	options?: GotoOptions
): Promise<Response | null> {
	// eslint-disable-next-line no-restricted-syntax -- the one place that opens pages
	const response = await page.goto(url, options);
	await hydrated(page);
	return response;
}

/** `page.reload`, then wait for hydration. */
export async function reload(page: Page): Promise<Response | null> {
	// eslint-disable-next-line no-restricted-syntax -- the one place that reloads pages
	const response = await page.reload();
	await hydrated(page);
	return response;
}
