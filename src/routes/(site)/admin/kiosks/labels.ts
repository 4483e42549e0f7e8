import { formatDateTime } from '$lib/components/format';
import { parseAppVersion } from '$lib/domain/app-version';
import type { MessageKey } from '$lib/i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** 'Xã Tân Bình (CT-TANBINH)': unit names repeat across a merger, codes do not. */
export function unitLabel(unit: { name: string; code: string }): string {
	return `${unit.name} (${unit.code})`;
}

/** 'Quầy 2', with the counter's own name when it says more than its number. */
export function counterLabel(t: T, counter: { number: number; name: string }): string {
	const plain = t('admin.kiosks.counter', { n: counter.number });
	const name = counter.name.trim();
	return name && name !== plain && name !== `Quầy ${counter.number}` ? `${plain} – ${name}` : plain;
}

/** "0.1.0, bản dựng 06/12/2026 09:13" (Vietnam time), or "—" before the kiosk reported one. */
export function appVersionLabel(t: T, raw: string | null): string {
	if (!raw) return t('common.none');
	const { version, built } = parseAppVersion(raw);
	if (version && built)
		return t('admin.kiosks.app_version', { version, built: formatDateTime(built) });
	if (built) return t('admin.kiosks.app_built', { built: formatDateTime(built) });
	return version ?? raw;
}
