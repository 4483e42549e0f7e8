import type { Locale } from '$lib/i18n';
import { VIETNAM_OFFSET_MS } from '$lib/domain/time';

// Display formats shared by the admin screens. Written by hand, like formatPercent in
// domain/metrics, so the server render and the browser agree whatever ICU data each has.

/** 'YYYY-MM-DD' -> 'dd/mm/yyyy', the Vietnamese administrative date format (used in English too). */
export function formatDate(isoDate: string): string {
	const [y, m, d] = isoDate.slice(0, 10).split('-');
	return `${d}/${m}/${y}`;
}

/** An ISO instant -> 'dd/mm/yyyy HH:mm' in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function formatDateTime(isoInstant: string): string {
	const local = new Date(Date.parse(isoInstant) + VIETNAM_OFFSET_MS).toISOString();
	return `${formatDate(local)} ${local.slice(11, 16)}`;
}

/** A whole number with thousands grouped: '1.234' in Vietnamese, '1,234' in English. */
export function formatCount(n: number, locale: Locale): string {
	const separator = locale === 'vi' ? '.' : ',';
	const digits = String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
	return (n < 0 ? '-' : '') + digits;
}
