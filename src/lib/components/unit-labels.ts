import { formatDate } from '$lib/components/format';
import { isMessageKey } from '$lib/components/messages';
import { addDays } from '$lib/domain/time';
import type { MessageKey } from '$lib/i18n';

// Words for unit data on every unit screen, so the list and the unit page say the same thing.

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function kindLabel(t: T, kind: string): string {
	const key = `unit.kind.${kind}`;
	return isMessageKey(key) ? t(key) : kind;
}

export function validityLabel(t: T, from: string | null, to: string | null): string {
	if (from && to)
		return t('admin.units.valid_range', { from: formatDate(from), to: formatDate(to) });
	if (from) return t('admin.units.valid_since', { from: formatDate(from) });
	if (to) return t('admin.units.valid_until', { to: formatDate(to) });
	return t('admin.units.valid_always');
}

export type UnitStatus = 'active' | 'ending' | 'closed' | 'merged' | 'upcoming';

/** A merged unit's status names its successor; the merger took effect the day after validTo. */
export function statusLabel(
	t: T,
	status: UnitStatus,
	successorName: string | null,
	validTo: string | null = null
): string {
	switch (status) {
		case 'merged':
			return validTo
				? t('admin.units.status_merged_on', {
						name: successorName ?? t('common.none'),
						date: formatDate(addDays(validTo, 1))
					})
				: t('admin.units.status_merged', { name: successorName ?? t('common.none') });
		case 'closed':
			return t('admin.units.status_closed');
		case 'ending':
			return t('admin.units.status_ending');
		case 'upcoming':
			return t('admin.units.status_upcoming');
		default:
			return t('admin.units.status_active');
	}
}
