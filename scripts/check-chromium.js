// Finds the Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
import { existsSync } from 'node:fs';

export function chromiumPath() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
	return candidates.find((p) => existsSync(p)) ?? null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	if (!chromiumPath()) {
		console.error(
			'No Chromium found: install it with `sudo apt-get install -y chromium` or set CHROMIUM_PATH to a Chromium binary.'
		);
		process.exit(1);
	}
}
