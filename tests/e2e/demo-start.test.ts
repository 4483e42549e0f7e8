import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { backupDatabase } from '../../src/lib/server/backup';
import { goto } from './hydration';
import { e2eDbPath } from './paths';

// Issue 14 item 11: `npm run demo` ends with the addresses and sign-ins in a box, after the
// server's own start-up lines, and what the box says works: the kiosk link pairs, the phone link
// opens the survey, the printed passwords sign in. Run on a copy of the test database, which the
// demo seed recognises as its own, so nothing is seeded again.

const PORT = Number(process.env.E2E_PORT ?? 4173) + 20;
const ORIGIN = `http://localhost:${PORT}`;

let dir = '';
let demo: ChildProcess | null = null;
let output = '';

test.beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'ykien-demo-'));
	const path = join(dir, 'demo.db');
	await backupDatabase(e2eDbPath, path);
	demo = spawn(
		process.execPath,
		['node_modules/tsx/dist/cli.mjs', 'scripts/demo.ts', '--no-build', '--until', '2026-11-27'],
		{
			env: { ...process.env, DATABASE_URL: path, PORT: String(PORT), ORIGIN },
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	demo.stdout!.on('data', (d) => (output += d));
	demo.stderr!.on('data', (d) => (output += d));
	for (let i = 0; !output.includes('└'); i++) {
		if (i > 1200 || demo.exitCode !== null) throw new Error(`no box from the demo:\n${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	// Whatever the server prints after the box would push it off the screen.
	await new Promise((r) => setTimeout(r, 1500));
});

test.afterAll(async () => {
	if (demo && demo.exitCode === null) {
		const exited = new Promise((r) => demo!.once('exit', r));
		demo.kill('SIGTERM');
		await exited;
	}
	rmSync(dir, { recursive: true, force: true });
});

/** The box's lines without their frame. */
function boxLines(): string[] {
	const lines = output.split('\n');
	const top = lines.findIndex((l) => l.startsWith('┌'));
	const bottom = lines.findIndex((l) => l.startsWith('└'));
	return lines.slice(top + 1, bottom).map((l) => l.replace(/^│ /, '').replace(/ *│$/, ''));
}

test('the box comes last, after the server says it listens, and names every address', () => {
	const lines = output.trimEnd().split('\n');
	expect(lines.at(-1), output).toMatch(/^└─+┘$/);
	expect(output.indexOf('Listening on')).toBeGreaterThan(-1);
	expect(output.indexOf('Listening on')).toBeLessThan(output.indexOf('┌'));
	expect(output).not.toContain('vite');
	const box = boxLines();
	expect(box[0]).toBe(`Ý Kiến on ${ORIGIN}`);
	expect(box).toContainEqual(
		expect.stringMatching(new RegExp(`^Kiosk: +${ORIGIN}/kiosk\\?code=\\S+$`))
	);
	expect(box).toContainEqual(expect.stringMatching(new RegExp(`^Phone: +${ORIGIN}/s/\\S+$`)));
	expect(box).toContain(`Admin:  ${ORIGIN}/admin`);
	for (const username of ['admin', 'quanly.tanbinh', 'dandan'])
		expect(box).toContainEqual(expect.stringMatching(new RegExp(`^  ${username} +\\S{12,} +\\(`)));
});

test('what the box says works: kiosk link, phone link and the admin sign-in', async ({ page }) => {
	const box = boxLines();
	const kiosk = box.find((l) => l.startsWith('Kiosk:'))!.split(/ +/)[1];
	const phone = box.find((l) => l.startsWith('Phone:'))!.split(/ +/)[1];
	const password = box
		.find((l) => l.startsWith('  admin '))!
		.trim()
		.split(/ +/)[1];

	// The phone link opens the survey of the counter the box names.
	const place = box[box.findIndex((l) => l.startsWith('Phone:')) + 1].trim().split(',')[0];
	expect((await goto(page, phone))?.status()).toBe(200);
	await expect(page.locator('header')).toContainText(place);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Ông/Bà hài lòng');
	await expect(page.getByRole('button', { name: 'Rất hài lòng', exact: true })).toBeVisible();

	await goto(page, `${ORIGIN}/login`);
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(`${ORIGIN}/admin`);

	// The kiosk link pairs at once: the question screen, not the pairing form.
	await page.context().clearCookies();
	await goto(page, kiosk);
	await expect(page.getByRole('button', { name: 'Rất hài lòng', exact: true })).toBeVisible({
		timeout: 15_000
	});
});
