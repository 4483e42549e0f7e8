import type { Kysely } from 'kysely';
import { answerSearchText, parseSurveyDefinition } from '../src/lib/domain/survey';

// Comments were searched by loading every free-text answer of the scope and period and folding
// each in code (no accent-blind LIKE in portable SQL): at a province-year that is hundreds of
// thousands of rows per search. response_answers.search_text keeps each free-text answer folded
// (foldForSearch: no diacritics, lower case) from the moment it is written, so a search is a
// LIKE in the database, counted and paged there. Null for every other answer.

const CHUNK = 2000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('response_answers').addColumn('search_text', 'text').execute();
	// The free-text questions of every version (keys keep their type across versions).
	// The handle maps camelCase names to the snake_case columns (CamelCasePlugin), both ways.
	const versions = await db.selectFrom('surveyVersions').select(['definition']).execute();
	const textKeys = new Set<string>();
	for (const v of versions) {
		const parsed = parseSurveyDefinition(JSON.parse(String(v.definition)));
		if (!parsed.ok) continue;
		for (const q of parsed.value.questions) if (q.type === 'text') textKeys.add(q.key);
	}
	if (textKeys.size === 0) return;
	for (let after: { responseId: string; questionKey: string; seq: number } | null = null; ;) {
		let q = db
			.selectFrom('responseAnswers')
			.select(['responseId', 'questionKey', 'seq', 'valueText'])
			.where('questionKey', 'in', [...textKeys])
			.where('valueText', 'is not', null)
			.orderBy('responseId')
			.orderBy('questionKey')
			.orderBy('seq')
			.limit(CHUNK);
		if (after) {
			const a = after;
			q = q.where((eb) =>
				eb.or([
					eb('responseId', '>', a.responseId),
					eb.and([eb('responseId', '=', a.responseId), eb('questionKey', '>', a.questionKey)]),
					eb.and([
						eb('responseId', '=', a.responseId),
						eb('questionKey', '=', a.questionKey),
						eb('seq', '>', a.seq)
					])
				])
			);
		}
		const rows = await q.execute();
		for (const r of rows) {
			await db
				.updateTable('responseAnswers')
				.set({ searchText: answerSearchText('text', r.valueText) })
				.where('responseId', '=', r.responseId)
				.where('questionKey', '=', r.questionKey)
				.where('seq', '=', r.seq)
				.execute();
		}
		if (rows.length < CHUNK) break;
		after = rows[rows.length - 1];
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('response_answers').dropColumn('search_text').execute();
}
