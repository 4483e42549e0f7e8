import { normalizePairingCode } from '$lib/domain/pairing-code';
import * as api from './api';
import type { KioskMessageKey } from './messages';
import type { Device } from './outbox';

export type PairingProblem = { key: KioskMessageKey; n?: number };

/** Exchanges a code for a device token, or says in staff words why not. */
export async function requestPairing(
	raw: string
): Promise<{ device: Device } | { problem: PairingProblem }> {
	const code = normalizePairingCode(raw);
	if (!/^[0-9A-Z]{8}$/.test(code)) return { problem: { key: 'pair.invalid_format' } };
	const result = await api.pair(`${code.slice(0, 4)}-${code.slice(4)}`);
	switch (result.kind) {
		case 'ok':
			return { device: { token: result.data.token, kioskId: result.data.kioskId } };
		case 'unreachable':
			return { problem: { key: 'pair.offline' } };
		case 'refused':
			if (result.status === 422) return { problem: { key: 'pair.invalid_code' } };
			if (result.status === 429) {
				const minutes = Math.max(1, Math.ceil((result.retryAfter ?? 60) / 60));
				return { problem: { key: 'pair.throttled', n: minutes } };
			}
			return { problem: { key: result.status === 400 ? 'pair.invalid_format' : 'pair.failed' } };
		default:
			return { problem: { key: 'pair.failed' } };
	}
}
