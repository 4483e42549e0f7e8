import type { MessageKey } from '$lib/i18n';
import { vi } from '$lib/i18n/vi';

/** For keys built from data (a unit kind, an audit action): show the raw code when unknown. */
export function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(vi, key);
}
