import type { Kysely } from 'kysely';

// Phone survey links (/s/<code>): one per unit or counter, printed as a QR poster. Marks record
// that a browser answered, so one browser gives at most one answer per link and survey within
// the link's window; the browser key is a hash of a random cookie, nothing personal.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('web_links')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
		.addColumn('counter_id', 'text', (c) => c.references('counters.id'))
		.addColumn('repeat_window_hours', 'integer', (c) => c.notNull().defaultTo(24))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema
		.createIndex('web_links_unit')
		.on('web_links')
		.columns(['unit_id', 'counter_id'])
		.execute();

	await db.schema
		.createTable('web_answer_marks')
		.addColumn('link_code', 'text', (c) => c.notNull().references('web_links.code'))
		.addColumn('survey_id', 'text', (c) => c.notNull())
		.addColumn('browser_key', 'text', (c) => c.notNull())
		.addColumn('answered_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('web_answer_marks_pk', ['link_code', 'survey_id', 'browser_key'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('web_answer_marks').execute();
	await db.schema.dropTable('web_links').execute();
}
