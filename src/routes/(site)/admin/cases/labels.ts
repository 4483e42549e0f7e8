import type { Localized } from '$lib/domain/survey';
import type { Locale } from '$lib/i18n';

// Survey texts carry their own translations; English falls back to Vietnamese when missing.
export function pick(text: Localized, locale: Locale): string {
	return locale === 'en' ? (text.en ?? text.vi) : text.vi;
}

/** The start of a comment for the list; the full text is on the case page. */
export function excerpt(text: string | null, max = 120): string | null {
	if (!text) return null;
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
