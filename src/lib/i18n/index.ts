import { en } from './en';
import { vi, type MessageKey } from './vi';

export type Locale = 'vi' | 'en';
export const LOCALES: Locale[] = ['vi', 'en'];
export const DEFAULT_LOCALE: Locale = 'vi';
export type { MessageKey };

// Adding a language is adding a message module typed as Record<MessageKey, string>.
const catalogues: Record<Locale, Record<MessageKey, string>> = { vi, en };

export function isLocale(value: unknown): value is Locale {
	return value === 'vi' || value === 'en';
}

/** Looks a message up and fills {name} placeholders. */
export function translate(
	locale: Locale,
	key: MessageKey,
	params: Record<string, string | number> = {}
): string {
	const text = catalogues[locale][key] ?? catalogues.vi[key] ?? key;
	return text.replace(/\{(\w+)\}/g, (_, name: string) =>
		name in params ? String(params[name]) : `{${name}}`
	);
}

/** A translator bound to one locale: `const t = translator(data.locale); t('nav.home')`. */
export function translator(locale: Locale) {
	return (key: MessageKey, params?: Record<string, string | number>) =>
		translate(locale, key, params);
}
