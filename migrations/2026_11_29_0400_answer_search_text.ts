import { sql, type Kysely } from 'kysely';
import { parseSurveyDefinition } from '../src/lib/domain/survey';
import { foldForSearch } from '../src/lib/domain/text';
import { engineOf } from '../src/lib/server/db/dialect';

// Comments were searched by loading every free-text answer of the scope and period and folding
// each in code (no accent-blind LIKE in portable SQL): at a province-year that is hundreds of
// thousands of rows per search. response_answers.search_text keeps each free-text answer folded
// (foldForSearch: no diacritics, lower case) from the moment it is written, so a search is a
// LIKE in the database, counted and paged there. Null for every other answer.

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
	if (engineOf(db) === 'postgres') {
		// No such function there (a PostgreSQL database built by this migration is new, or a
		// copy made by db:copy after it): the same folding, a chunk of rows at a time.
		for (;;) {
			const rows = await db
				.selectFrom('responseAnswers')
				.select(['responseId', 'questionKey', 'seq', 'valueText'])
				.where('questionKey', 'in', [...textKeys])
				.where('valueText', 'is not', null)
				.where('searchText', 'is', null)
				.limit(1000)
				.execute();
			if (rows.length === 0) return;
			for (const r of rows) {
				await db
					.updateTable('responseAnswers')
					.set({ searchText: foldForSearch(String(r.valueText)) })
					.where('responseId', '=', r.responseId)
					.where('questionKey', '=', r.questionKey)
					.where('seq', '=', r.seq)
					.execute();
			}
		}
	}
	// One statement, with foldForSearch registered on the connection as fold_for_search
	// (db/index.ts): 539,123 answers in 3 s on the bench's province-year, where an UPDATE per
	// row through Kysely took 6 minutes of start-up.
	await sql`update response_answers set search_text = fold_for_search(value_text)
		where question_key in (${sql.join([...textKeys])}) and value_text is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('response_answers').dropColumn('search_text').execute();
}
