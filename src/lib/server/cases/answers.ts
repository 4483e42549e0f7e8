import type { DbOrTx } from '../db';
import { definitionOf } from '../surveys';
import type { Localized, SurveyDefinition } from '../../domain/survey';

// Answers of the response behind a case, labelled from its survey version.

export interface DescribedResponse {
	rating: Localized | null;
	reasons: Localized[];
	comment: string | null;
	/** Other answered questions (SIPAS criteria, single choices), in survey order. */
	others: { prompt: Localized; answer: Localized }[];
}

/**
 * Keys of the free-text questions of every survey version (a few dozen versions at most), so the
 * comment search reads comments only, not officer ids or reason codes.
 */
export async function textQuestionKeys(db: DbOrTx): Promise<string[]> {
	const rows = await db.selectFrom('surveyVersions').select(['id', 'definition']).execute();
	const keys = new Set<string>();
	for (const r of rows) {
		for (const q of definitionOf(r.id, r.definition).questions) {
			if (q.type === 'text') keys.add(q.key);
		}
	}
	// A list that is never empty keeps the `in` valid SQL everywhere.
	return keys.size > 0 ? [...keys] : [''];
}

async function definitions(db: DbOrTx, versionIds: string[]) {
	const unique = [...new Set(versionIds)];
	const out = new Map<string, SurveyDefinition>();
	if (unique.length === 0) return out;
	const rows = await db
		.selectFrom('surveyVersions')
		.select(['id', 'definition'])
		.where('id', 'in', unique)
		.execute();
	for (const r of rows) out.set(r.id, definitionOf(r.id, r.definition));
	return out;
}

export async function describeResponses(
	db: DbOrTx,
	responseIds: string[]
): Promise<Map<string, DescribedResponse>> {
	const out = new Map<string, DescribedResponse>();
	if (responseIds.length === 0) return out;
	const responses = await db
		.selectFrom('responses')
		.select(['id', 'surveyVersionId'])
		.where('id', 'in', responseIds)
		.execute();
	const answers = await db
		.selectFrom('responseAnswers')
		.selectAll()
		.where('responseId', 'in', responseIds)
		.orderBy('responseId')
		.orderBy('questionKey')
		.orderBy('seq')
		.execute();
	const defs = await definitions(
		db,
		responses.map((r) => r.surveyVersionId)
	);
	for (const r of responses) {
		const def = defs.get(r.surveyVersionId);
		const mine = answers.filter((a) => a.responseId === r.id);
		const described: DescribedResponse = { rating: null, reasons: [], comment: null, others: [] };
		for (const q of def?.questions ?? []) {
			const values = mine.filter((a) => a.questionKey === q.key);
			if (values.length === 0) continue;
			if (q.type === 'rating') {
				const level = q.levels.find((l) => l.value === values[0].valueInt)?.label;
				if (!level) continue;
				if (q.key === def!.mainQuestion) described.rating = level;
				else described.others.push({ prompt: q.prompt, answer: level });
			} else if (q.type === 'multi_choice' || q.type === 'single_choice') {
				const labels = values.map(
					(v) => q.options.find((o) => o.value === v.valueText)?.label ?? { vi: v.valueText ?? '' }
				);
				if (q.type === 'multi_choice') described.reasons.push(...labels);
				else described.others.push({ prompt: q.prompt, answer: labels[0] });
			} else if (q.type === 'text' && values[0].valueText) {
				described.comment = described.comment
					? `${described.comment}\n${values[0].valueText}`
					: values[0].valueText;
			} else if (q.type === 'nps' && values[0].valueInt !== null) {
				described.others.push({ prompt: q.prompt, answer: { vi: String(values[0].valueInt) } });
			}
		}
		out.set(r.id, described);
	}
	return out;
}
