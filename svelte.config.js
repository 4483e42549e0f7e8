import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
		alias: {
			$migrations: 'migrations'
		}
	}
};

export default config;
