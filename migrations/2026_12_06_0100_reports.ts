import type { Kysely } from 'kysely';
import { binaryType } from '../src/lib/server/db/dialect';

// The archive of official reports (issue 13): what was generated, for whom, from which figures.
// A report row keeps the figures it was made with as JSON, so reopening it shows what was signed
// even after late answers or a merge change today's figures. Its files (the PDF and DOCX made,
// later a signed scan) are kept with their SHA-256; bytea on PostgreSQL, a BLOB here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('reports')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('template', 'text', (c) => c.notNull())
		.addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
		.addColumn('basis', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('period_index', 'integer', (c) => c.notNull())
		.addColumn('period_from', 'text', (c) => c.notNull())
		.addColumn('period_to', 'text', (c) => c.notNull())
		.addColumn('texts', 'text', (c) => c.notNull())
		.addColumn('comment_ids', 'text', (c) => c.notNull())
		.addColumn('figures', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id'))
		.addColumn('created_by_name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('reports_unit_created')
		.on('reports')
		.columns(['unit_id', 'created_at'])
		.execute();
	await db.schema.createIndex('reports_created').on('reports').column('created_at').execute();
	await db.schema
		.createTable('report_files')
		.addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('content', binaryType(db), (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('report_files_pk', ['report_id', 'kind'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('report_files').execute();
	await db.schema.dropTable('reports').execute();
}
