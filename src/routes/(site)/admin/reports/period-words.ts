import { formatDate } from '$lib/components/format';
import type { Translate } from '$lib/components/form/form-state';
import type { MessageKey } from '$lib/i18n';

/**
 * A report's period in words with its dates: "Quý 3 năm 2026 (15/06/2026–14/09/2026)"; six, nine
 * months and a year have no index. Said alike in the archive and on a report's page.
 */
export function periodWords(
	t: Translate,
	p: { kind: string; index: number; year: number; from: string; to: string }
): string {
	const kind = t(`admin.reports.kind.${p.kind}` as MessageKey);
	const words =
		p.kind === 'month' || p.kind === 'quarter'
			? t('admin.reports.period_words', { kind, index: p.index, year: p.year })
			: t('admin.reports.period_words_whole', { kind, year: p.year });
	return `${words} (${formatDate(p.from)}–${formatDate(p.to)})`;
}
