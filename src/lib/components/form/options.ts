import type { MessageKey } from '$lib/i18n';
import type { Translate } from './form-state';

/**
 * The choices of a select or a group of radios whose labels are messages named by the value:
 * `keyedOptions(t, ['month', 'year'], 'admin.reports.kind')` reads admin.reports.kind.month, ….
 */
export function keyedOptions(
	t: Translate,
	values: readonly string[],
	prefix: string
): { value: string; label: string }[] {
	return values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));
}
