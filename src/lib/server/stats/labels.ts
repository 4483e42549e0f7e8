import type { Localized } from '../../domain/survey';
import type { DbOrTx } from '../db';
import { definitionOf } from '../surveys';

/**
 * Labels of the reason options ('wait' -> "Phải chờ lâu") from every survey version, the first
 * wording of a value winning: the dashboard, the exports' summary sheet and the reports name the
 * reasons of table "Lý do" with them.
 */
export async function reasonLabels(db: DbOrTx): Promise<Record<string, Localized>> {
	const rows = await db.selectFrom('surveyVersions').select(['id', 'definition']).execute();
	const out: Record<string, Localized> = {};
	for (const r of rows) {
		for (const q of definitionOf(r.id, r.definition).questions) {
			if (q.type !== 'multi_choice') continue;
			for (const o of q.options) out[o.value] ??= o.label;
		}
	}
	return out;
}
