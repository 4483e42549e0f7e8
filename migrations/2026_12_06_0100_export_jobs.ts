import type { Kysely } from 'kysely';

// Large exports run as background jobs (src/lib/server/exports/jobs.ts). The table is the queue:
// a runner claims a queued job with one guarded UPDATE (… WHERE status = 'queued'), so several
// server instances sharing a PostgreSQL database can take jobs from it without a broker; a
// running job whose heartbeat stopped is started again or failed by whichever runner sees it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('export_jobs')
		.addColumn('id', 'text', (c) => c.primaryKey())
		// Who asked: a user, or an API token (then user_id is the token's creator or null).
		.addColumn('user_id', 'text')
		.addColumn('token_id', 'text')
		.addColumn('username', 'text')
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('scope_unit_id', 'text')
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		// The query string the job was asked with, read again by the runner through the same
		// checks; and the scope and filters as resolved then, for the list of jobs.
		.addColumn('params', 'text', (c) => c.notNull())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('bytes', 'integer')
		.addColumn('file_name', 'text')
		.addColumn('error', 'text')
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('claimed_by', 'text')
		.addColumn('heartbeat_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('started_at', 'text')
		.addColumn('finished_at', 'text')
		.addColumn('purged_at', 'text')
		.execute();
	await db.schema
		.createIndex('export_jobs_status')
		.on('export_jobs')
		.columns(['status', 'created_at'])
		.execute();
	await db.schema
		.createIndex('export_jobs_user')
		.on('export_jobs')
		.columns(['user_id', 'created_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('export_jobs').execute();
}
