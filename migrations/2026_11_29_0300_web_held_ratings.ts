import type { Kysely } from 'kysely';

// The phone page's first tap, kept while the resident is on the second step (follow-ups). If
// they never send it (closed the browser, lost the network), the rating is recorded on its own
// after a while (phone-held.ts), so a rating given is never lost. browser_key is the hash of
// the browser's cookie, as in web_answer_marks.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('web_held_ratings')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('link_code', 'text', (c) => c.notNull())
		.addColumn('survey_version_id', 'text', (c) => c.notNull())
		.addColumn('rating', 'integer', (c) => c.notNull())
		.addColumn('browser_key', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('started_at', 'text')
		.addColumn('rated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('web_held_ratings_rated')
		.on('web_held_ratings')
		.column('rated_at')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('web_held_ratings').execute();
}
