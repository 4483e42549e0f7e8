import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// As buildVersionName in src/lib/domain/app-version.ts (Node 20 cannot import .ts from here).
// Read once per build: the config is loaded again for the server and the client passes, and a
// minute turning between them gave the two halves different version names, so the page's
// bootstrap and the client bundle looked for different globals and nothing hydrated.
const built = (process.env.YKIEN_BUILD_TIME ??= new Date().toISOString());
const versionName = `${pkg.version}+${built.slice(0, 10).replace(/-/g, '')}.${built.slice(11, 16).replace(':', '')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Strict CSP from the first commit: no inline script, hashes for SvelteKit's own bootstrap.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		// The cross-site form check is done in hooks (src/lib/server/http-edge.ts, the same rule)
		// so that /api answers it in the API's JSON error shape; '*' turns SvelteKit's own off.
		csrf: { trustedOrigins: ['*'] },
		// Kiosks report this to the admin screens: "0.1.0+20261206.0215", not a bare timestamp.
		version: { name: versionName },
		alias: {
			$migrations: 'migrations'
		}
	}
};

export default config;
