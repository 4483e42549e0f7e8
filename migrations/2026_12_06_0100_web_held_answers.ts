import type { Kysely } from 'kysely';

// The phone survey goes page by page (one page per question group, issue 14). Each page sent is
// kept with the held first tap, as JSON answers keyed by question, so a resident who stops on
// page 3 still has pages 1 and 2 recorded when the hold is swept (phone-held.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('web_held_ratings').addColumn('answers', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('web_held_ratings').dropColumn('answers').execute();
}
