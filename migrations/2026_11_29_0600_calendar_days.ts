import { sql, type Kysely } from 'kysely';

// The working calendar's exceptions, entered by an administrator each year as the government
// announces them (domain/work-calendar.ts): a weekday off (Tết, 30/4, 2/9 and the days swapped
// around them), or a weekend day worked in exchange. Follow-up deadlines count working days.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('calendar_days')
		.addColumn('date', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('off', 'work')`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('calendar_days').execute();
}
