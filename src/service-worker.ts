/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';

/**
 * The kiosk's offline shell: after one visit, /kiosk and its assets load with no network, so a
 * tablet that reboots during an outage still takes answers. API responses are never cached here:
 * the config lives in IndexedDB, and a cached answer to a POST or a stale config would lie.
 * Every other page goes to the network untouched.
 */

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE_PREFIX = 'ykien-shell-';
const CACHE = `${CACHE_PREFIX}${version}`;
const SHELL = '/kiosk';
/** On flaky Wi-Fi a fresh shell is nice, a quick one is essential. */
const NETWORK_TIMEOUT_MS = 4000;
const ASSETS = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...ASSETS]);
			// Without cookies, so that no signed-in user's details end up in the cached page.
			const shell = await fetch(SHELL, { credentials: 'omit', cache: 'no-store' });
			if (shell.ok) await cache.put(SHELL, shell);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
			}
			// Take over the open kiosk page now, so it works offline without a second visit.
			await sw.clients.claim();
		})()
	);
});

async function shellFromNetwork(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const cached = await cache.match(SHELL);
	const network = fetch(request).then(async (response) => {
		// A signed-in admin's copy is marked no-store by the server: keep the anonymous one.
		const noStore = response.headers.get('cache-control')?.includes('no-store');
		if (response.ok && response.type === 'basic' && !noStore) {
			await cache.put(SHELL, response.clone());
		}
		return response;
	});
	if (!cached) return network;
	const timeout = new Promise<Response>((resolve) =>
		setTimeout(() => resolve(cached), NETWORK_TIMEOUT_MS)
	);
	return Promise.race([network.catch(() => cached), timeout]);
}

async function asset(request: Request): Promise<Response> {
	const cached = await caches.match(request, { cacheName: CACHE });
	return cached ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;
	if (request.mode === 'navigate' && url.pathname === SHELL) {
		event.respondWith(shellFromNetwork(request));
	} else if (ASSETS.has(url.pathname)) {
		event.respondWith(asset(request));
	}
});
