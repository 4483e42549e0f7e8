// One progress line, rewritten in place on a terminal and printed every 10 % otherwise.
import type { BackupProgress } from '../src/lib/server/backup';

export function progressLine(what: string): (p: BackupProgress) => void {
	let lastTenth = -1;
	return ({ pagesDone, pagesTotal }) => {
		const percent = pagesTotal > 0 ? Math.floor((pagesDone / pagesTotal) * 100) : 0;
		const line = `${what}: ${pagesDone}/${pagesTotal} pages (${percent} %)`;
		if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
		else if (Math.floor(percent / 10) > lastTenth) {
			lastTenth = Math.floor(percent / 10);
			console.log(line);
		}
	};
}
