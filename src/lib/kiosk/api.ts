import type { KioskConfig } from '$lib/domain/kiosk-config';
import type { Submission } from './outbox';

/**
 * The four kiosk endpoints, with every outcome folded into what the tablet does next:
 * ok, unauthorized (show "not active"), refused (permanent for this request) or unreachable
 * (network error, timeout or 5xx: try again later).
 */
export type ApiResult<T> =
	| { kind: 'ok'; status: number; data: T }
	| { kind: 'unauthorized' }
	| { kind: 'refused'; status: number; code: string; retryAfter: number | null }
	| { kind: 'unreachable' };

// A hung request on bad Wi-Fi must not block the queue forever.
const TIMEOUT_MS = 15_000;

async function call<T>(
	path: string,
	init: { method?: string; token?: string; body?: unknown } = {}
): Promise<ApiResult<T>> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
	const headers: Record<string, string> = { accept: 'application/json' };
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	try {
		const res = await fetch(path, {
			method: init.method ?? 'GET',
			headers,
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
			cache: 'no-store',
			credentials: 'omit',
			signal: controller.signal
		});
		const payload: unknown = await res.json().catch(() => null);
		if (res.ok) return { kind: 'ok', status: res.status, data: payload as T };
		if (res.status === 401) return { kind: 'unauthorized' };
		// 408 is a timeout on the way, not a verdict on the request.
		if (res.status >= 500 || res.status === 408) return { kind: 'unreachable' };
		const code =
			(payload as { error?: { code?: string } } | null)?.error?.code ?? `http_${res.status}`;
		const retryAfter = Number(res.headers.get('retry-after'));
		return {
			kind: 'refused',
			status: res.status,
			code,
			retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null
		};
	} catch {
		return { kind: 'unreachable' };
	} finally {
		clearTimeout(timer);
	}
}

export function pair(code: string) {
	return call<{ token: string; kioskId: string }>('/api/v1/kiosk/pair', {
		method: 'POST',
		body: { code }
	});
}

export function fetchConfig(token: string) {
	return call<KioskConfig>('/api/v1/kiosk/config', { token });
}

export function postResponse(token: string, body: Submission) {
	return call<{ id: string; status: 'created' | 'duplicate' }>('/api/v1/responses', {
		method: 'POST',
		token,
		body
	});
}

export function heartbeat(token: string, report: { queueLength: number; appVersion: string }) {
	return call<{ ok: true; serverTime: string }>('/api/v1/kiosk/heartbeat', {
		method: 'POST',
		token,
		body: report
	});
}
