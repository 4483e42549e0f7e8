// What `npm run demo` prints: one line for the build (its output goes to a log file), and the
// addresses and sign-ins in a box at the end, where a person looks first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type BuildResult = { ok: true } | { ok: false; status: number; tail: string };

/**
 * Runs the build (by default `vite build`) with its ~400 lines of output written to `log`, and
 * prints one line saying where the log is and how long it took. On failure, the log's last 30
 * lines come back for the caller to show.
 */
export function quietBuild(
	command: string[] = ['node_modules/vite/bin/vite.js', 'build'],
	log = 'data/build.log',
	write: (text: string) => void = (text) => process.stdout.write(text)
): BuildResult {
	mkdirSync(dirname(log), { recursive: true });
	write(`Building the app (log in ${log})… `);
	const started = Date.now();
	const built = spawnSync(process.execPath, command, {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const output = `${built.stdout ?? ''}${built.stderr ?? ''}`;
	writeFileSync(log, output);
	if (built.status !== 0) {
		write('failed.\n');
		return { ok: false, status: built.status ?? 1, tail: output.split('\n').slice(-30).join('\n') };
	}
	write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
	return { ok: true };
}

/** The lines people need, framed so they stand out from the server's log. */
export function box(lines: string[]): string {
	const width = Math.max(...lines.map((l) => l.length));
	const rule = '─'.repeat(width + 2);
	return [`┌${rule}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${rule}┘`].join('\n');
}
