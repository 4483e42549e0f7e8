import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { box, quietBuild } from '../../scripts/demo-output';

// Issue 14 item 11: the demo's build output goes to a log file, and the screen shows one line.

const dir = mkdtempSync(join(tmpdir(), 'ykien-demo-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A stand-in for `vite build` that prints `lines` lines and exits with `status`: through
 * exitCode, since process.exit() may cut off what is still queued for a pipe (it did, once, at
 * 365 of 400 lines on a loaded machine).
 */
function fakeBuild(lines: number, status = 0): string[] {
	return [
		'-e',
		`for (let i = 1; i <= ${lines}; i++) console.log('chunk ' + i); process.exitCode = ${status};`
	];
}

describe('quietBuild', () => {
	it('keeps 400 lines of build output in the log and prints one line', () => {
		const log = join(dir, 'ok', 'build.log');
		let screen = '';
		const result = quietBuild(fakeBuild(400), log, (text) => (screen += text));
		expect(result).toEqual({ ok: true });
		expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(400);
		expect(screen.trim().split('\n')).toHaveLength(1);
		expect(screen).toMatch(
			new RegExp(`^Building the app \\(log in ${log}\\)… done in \\d+ s\\.\\n$`)
		);
	});

	it('on failure returns the status and the last 30 lines of the log', () => {
		const log = join(dir, 'failed.log');
		let screen = '';
		const result = quietBuild(fakeBuild(100, 3), log, (text) => (screen += text));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.status).toBe(3);
		const tail = result.tail.trim().split('\n');
		expect(tail).toHaveLength(29);
		expect(tail.at(-1)).toBe('chunk 100');
		expect(screen).toMatch(/failed\.\n$/);
	});
});

describe('box', () => {
	it('frames every line to the longest one', () => {
		const framed = box(['Ý Kiến on http://localhost:3000', '', 'Admin:  /admin']).split('\n');
		expect(framed).toHaveLength(5);
		expect(new Set(framed.map((l) => l.length)).size).toBe(1);
		expect(framed[0]).toMatch(/^┌─+┐$/);
		expect(framed[1]).toBe('│ Ý Kiến on http://localhost:3000 │');
		expect(framed[4]).toMatch(/^└─+┘$/);
	});
});
