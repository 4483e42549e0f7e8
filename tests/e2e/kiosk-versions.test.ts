import { expect, test } from '@playwright/test';
import { signIn } from './admin-session';
import { closeTestDb, testDb } from './db';
import { goto } from './hydration';

// The app version a kiosk reports is shown as a version and a build date (issue 14, item 9), not
// as the bare millisecond timestamp older builds sent ("1796511761438").

test.afterAll(closeTestDb);

test('kiosk pages show the version and build date, not a raw timestamp', async ({ page }) => {
	const [oldBuild, newBuild] = testDb()
		.prepare(
			`SELECT kiosks.id, kiosks.name FROM kiosks JOIN units ON units.id = kiosks.unit_id
			 WHERE units.code = 'CT-PHUONGBINH' ORDER BY kiosks.name LIMIT 2`
		)
		.all() as { id: string; name: string }[];
	const report = testDb().prepare(
		'UPDATE kiosks SET app_version = ?, last_seen_at = ?, token_hash = ?, paired_at = ? WHERE id = ?'
	);
	const at = new Date().toISOString();
	report.run('1796511761438', at, `e2e-${oldBuild.id}`, at, oldBuild.id);
	report.run('0.1.0+20261206.0215', at, `e2e-${newBuild.id}`, at, newBuild.id);

	await signIn(page);
	await goto(page, `/admin/kiosks/${oldBuild.id}`);
	// 1796511761438 ms is 05/12/2026 23:02 UTC, 06/12/2026 06:02 in Vietnam.
	await expect(page.getByText('Bản dựng 06/12/2026 06:02')).toBeVisible();
	await expect(page.getByText('1796511761438')).toHaveCount(0);
	await goto(page, `/admin/kiosks/${newBuild.id}`);
	await expect(page.getByText('0.1.0, bản dựng 06/12/2026 09:15')).toBeVisible();

	await goto(page, '/admin/kiosks?q=phuong+binh');
	await expect(page.getByRole('row', { name: new RegExp(oldBuild.name) })).toContainText(
		'Bản dựng 06/12/2026 06:02'
	);
});
