import { formatCount } from '$lib/components/format';
import type { Locale, MessageKey } from '$lib/i18n';

/** What a searched list says: its search box, its count, its table and when nothing is found. */
export interface SearchTexts {
	label: string;
	hint?: string | null;
	count: string;
	caption: string;
	empty: string;
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The texts of a list whose messages follow one pattern under `admin.<area>.`: search_label,
 * search_hint, count ({n}), caption (or caption_unit with {name} for one unit's list), empty and
 * empty_query (after a search).
 */
export function searchTexts(
	t: Translate,
	area: 'counters' | 'officers',
	list: { locale: Locale; q: string; total: number },
	{ unitName = null, hint = true }: { unitName?: string | null; hint?: boolean } = {}
): SearchTexts {
	return {
		label: t(`admin.${area}.search_label`),
		hint: hint ? t(`admin.${area}.search_hint`) : null,
		count: t(`admin.${area}.count`, { n: formatCount(list.total, list.locale) }),
		caption:
			unitName === null
				? t(`admin.${area}.caption`)
				: t(`admin.${area}.caption_unit`, { name: unitName }),
		empty: t(list.q ? `admin.${area}.empty_query` : `admin.${area}.empty`)
	};
}
