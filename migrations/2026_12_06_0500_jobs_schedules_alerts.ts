import type { Kysely } from 'kysely';

// Work sent without asking (issue 13): scheduled reports, their e-mails, and alerts to unit
// leaders.
//
// - jobs: background work that must run exactly once across restarts and instances. A job has
//   an idempotency key (`report:<schedule>:<period>`), so enqueuing twice makes one row; a
//   runner claims it with a lease (claimed_by, lease_until) and a job that finished is never
//   claimed again; one whose lease ran out (the process died mid-run) is claimed again.
// - report_subscriptions: a user subscribed to a template, unit and period kind; the e-mail
//   address is kept on the subscription (users have none).
// - sent_emails: one row per job and recipient, written before the message is handed to the
//   SMTP server, so a restart never sends it twice.
// - alert_thresholds and unit_alerts: the per-unit threshold (defaults in code) and the alerts
//   raised.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('jobs')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('key', 'text', (c) => c.notNull().unique())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull())
		// 'queued' | 'running' | 'done' | 'failed'
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('claimed_by', 'text')
		.addColumn('lease_until', 'text')
		.addColumn('run_after', 'text', (c) => c.notNull())
		.addColumn('result', 'text')
		.addColumn('error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('started_at', 'text')
		.addColumn('finished_at', 'text')
		.execute();
	await db.schema
		.createIndex('jobs_status_run_after')
		.on('jobs')
		.columns(['status', 'run_after'])
		.execute();
	await db.schema
		.createIndex('jobs_kind_finished')
		.on('jobs')
		.columns(['kind', 'finished_at'])
		.execute();

	await db.schema
		.createTable('report_subscriptions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('email', 'text')
		.addColumn('template', 'text', (c) => c.notNull())
		.addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
		.addColumn('basis', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('report_subscriptions_one', [
			'user_id',
			'template',
			'unit_id',
			'basis',
			'kind'
		])
		.execute();
	await db.schema
		.createIndex('report_subscriptions_unit')
		.on('report_subscriptions')
		.columns(['unit_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('sent_emails')
		.addColumn('job_key', 'text', (c) => c.notNull())
		.addColumn('recipient', 'text', (c) => c.notNull())
		// 'sending' | 'sent' | 'failed'
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('error', 'text')
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('sent_emails_pk', ['job_key', 'recipient'])
		.execute();

	await db.schema
		.createTable('alert_thresholds')
		.addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
		.addColumn('min_answers', 'integer', (c) => c.notNull())
		.addColumn('unhappy_percent', 'integer', (c) => c.notNull())
		.addColumn('window_minutes', 'integer', (c) => c.notNull())
		// Addresses to e-mail an alert to, one per line ('' for none).
		.addColumn('emails', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_by', 'text', (c) => c.references('users.id'))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('unit_alerts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
		.addColumn('window_from', 'text', (c) => c.notNull())
		.addColumn('window_to', 'text', (c) => c.notNull())
		.addColumn('answers', 'integer', (c) => c.notNull())
		.addColumn('unhappy', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('unit_alerts_unit_created')
		.on('unit_alerts')
		.columns(['unit_id', 'created_at'])
		.execute();
	await db.schema
		.createIndex('unit_alerts_created')
		.on('unit_alerts')
		.column('created_at')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('unit_alerts').execute();
	await db.schema.dropTable('alert_thresholds').execute();
	await db.schema.dropTable('sent_emails').execute();
	await db.schema.dropTable('report_subscriptions').execute();
	await db.schema.dropTable('jobs').execute();
}
