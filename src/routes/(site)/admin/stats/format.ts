import { formatPercent } from '$lib/domain/metrics';
import { formatCount, formatDate } from '$lib/components/format';
import type { Locale, MessageKey } from '$lib/i18n';

// Number formats of the dashboard, by hand like formatPercent so server and browser agree.

/** A share 0..1 as "87,5%" (vi) or "87.5%" (en); a dash when unknown. */
export function pct(share: number | null, locale: Locale): string {
	return share === null ? '—' : formatPercent(share, locale);
}

/** One decimal with the locale's decimal mark: "66,7" (vi), "66.7" (en). */
export function decimal(value: number | null, locale: Locale): string {
	if (value === null) return '—';
	const tenths = Math.round(Number((value * 10).toPrecision(12)));
	const text = (tenths / 10).toFixed(1);
	const signed = text === '-0.0' ? '0.0' : text;
	return locale === 'vi' ? signed.replace('.', ',') : signed;
}

/** A change with its sign: "+2,3", "−1,0" (a true minus sign), "0,0". */
export function signed(text: string): string {
	if (text.startsWith('-')) return `−${text.slice(1)}`;
	return /^0([.,]0)?%?$/.test(text) ? text : `+${text}`;
}

/** A trend bucket's label: the day, the Monday of a week or the month. */
export function bucketLabel(key: string, grain: 'day' | 'week' | 'month'): string {
	if (grain === 'month') return `${key.slice(5, 7)}/${key.slice(0, 4)}`;
	return formatDate(key);
}

/** A trend point's tooltip: its rate and n, and whether it is over too few answers to judge. */
export function pointLabel(
	s: { rate: number | null; n: number },
	thin: boolean,
	t: (key: MessageKey, params?: Record<string, string | number>) => string,
	locale: Locale
): string {
	const params = { rate: pct(s.rate, locale), n: formatCount(s.n, locale) };
	return thin ? t('admin.stats.point_thin', params) : t('admin.stats.point', params);
}
