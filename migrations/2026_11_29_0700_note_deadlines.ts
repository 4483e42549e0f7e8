import type { Kysely } from 'kysely';

// A deadline change is a line of the case history, as a status change is: the old and new dates,
// and whether a leader set it by hand or a change of the working calendar worked it out again.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('follow_up_notes').addColumn('deadline_from', 'text').execute();
	await db.schema.alterTable('follow_up_notes').addColumn('deadline_to', 'text').execute();
	await db.schema.alterTable('follow_up_notes').addColumn('deadline_reason', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('follow_up_notes').dropColumn('deadline_reason').execute();
	await db.schema.alterTable('follow_up_notes').dropColumn('deadline_to').execute();
	await db.schema.alterTable('follow_up_notes').dropColumn('deadline_from').execute();
}
