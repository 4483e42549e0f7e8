import type { Kysely } from 'kysely';

// record() checks each kiosk answer against the same device's answers around its submittedAt
// (the minimum interval and the burst flag). With only responses(kiosk_id) that read every
// answer the kiosk ever sent, so ingest slowed down as a kiosk aged (25 answers/s at a
// province-year of data). (kiosk_id, submitted_at) makes it a range seek; it also serves
// everything the kiosk_id index did, which is dropped so each insert maintains one index less.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('responses_kiosk_time')
		.on('responses')
		.columns(['kiosk_id', 'submitted_at'])
		.execute();
	await db.schema.dropIndex('responses_kiosk').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('responses_kiosk').on('responses').column('kiosk_id').execute();
	await db.schema.dropIndex('responses_kiosk_time').execute();
}
