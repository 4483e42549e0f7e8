import { SqliteAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Summary tables for the Insight dashboard (src/lib/server/stats). Each holds counts of
// responses keyed by a period and the dimensions one screen needs, kept up to date in the
// transaction that records a response and rebuilt from raw responses by `npm run stats:rebuild`.
// They are derived data: no foreign keys (a rebuild may run while units are edited), and ''
// stands for "none" in key columns, because a primary key column cannot be NULL in PostgreSQL
// and NULL never matches in ON CONFLICT.
//
// Every row has a grain and the first day of its period: 'd' a day, 'm' a calendar month,
// 'q' a calendar quarter, 'y' a year, the Vietnamese reporting periods. A range is read as
// whole years, quarters and months plus loose days (periods.splitRange), so any preset reads
// a handful of rows per key: 9 tháng is three quarter rows, not 270 day rows.
// The coarse filters (survey version, channel, flagged) are key columns of every table, so any
// combination of them is a WHERE clause.
//
// Keys start with (grain, period, owner): the rows one batch of answers touches (today, this
// week, month, quarter and year of each unit) lie together on a few pages per table, so a
// COMMIT writes few pages; reads name their periods (IN lists, days included) and owners, so
// they are still seeks.
//
// Two kinds of tables:
// - rollups (scope_id): one row set per unit for its whole subtree (the unit and every unit
//   below it, via unit_closure), so a province reads its own rows rather than summing 150
//   communes; a unit's lineage (units merged into it) is a handful of disjoint subtrees whose
//   rollups add up. Moving a unit changes subtrees: see stats/scopes.ts.
// - per unit (unit_id): counters, officers and procedure fields together, for the officers
//   table and for the counter/officer filters, which only ever concern a few units.

const LEVEL_MEASURES = [
	'responses',
	'satisfied',
	'level1',
	'level2',
	'level3',
	'level4',
	'level5',
	'burst',
	'out_of_hours'
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Builder = CreateTableBuilder<any, any>;

async function summaryTable(
	db: Db,
	name: string,
	keys: [string, 'text' | 'integer'][],
	measures: string[]
): Promise<void> {
	let t: Builder = db.schema.createTable(name);
	for (const [col, type] of keys) t = t.addColumn(col, type, (c) => c.notNull());
	for (const col of measures) t = t.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
	t = t.addPrimaryKeyConstraint(
		`${name}_pk`,
		keys.map(([col]) => col)
	);
	// SQLite: the rows live in the primary-key b-tree itself, so an upsert touches one b-tree and
	// a range read is covering. PostgreSQL has no such clause and gets an ordinary table.
	if (db.getExecutor().adapter instanceof SqliteAdapter) t = t.modifyEnd(sql`without rowid`);
	await t.execute();
}

const PERIOD: [string, 'text'][] = [
	['grain', 'text'],
	['period', 'text']
];
const COARSE: [string, 'text' | 'integer'][] = [
	['survey_version_id', 'text'],
	['channel', 'text'],
	['flagged', 'integer']
];

export async function up(db: Db): Promise<void> {
	await summaryTable(
		db,
		'stats_main',
		[...PERIOD, ['scope_id', 'text'], ...COARSE, ['main_levels', 'integer']],
		LEVEL_MEASURES
	);
	await summaryTable(
		db,
		'stats_field',
		[
			...PERIOD,
			['scope_id', 'text'],
			...COARSE,
			['procedure_field_id', 'text'],
			['main_levels', 'integer']
		],
		LEVEL_MEASURES
	);
	await summaryTable(
		db,
		'stats_hour',
		[
			...PERIOD,
			['scope_id', 'text'],
			...COARSE,
			['procedure_field_id', 'text'],
			['weekday', 'integer'],
			['hour', 'integer']
		],
		['responses', 'rated', 'satisfied']
	);
	await summaryTable(
		db,
		'stats_reason',
		[
			...PERIOD,
			['scope_id', 'text'],
			...COARSE,
			['procedure_field_id', 'text'],
			['reason', 'text']
		],
		['responses']
	);
	await summaryTable(
		db,
		'stats_officer',
		[...PERIOD, ['unit_id', 'text'], ...COARSE, ['officer_id', 'text'], ['main_levels', 'integer']],
		LEVEL_MEASURES
	);
	await summaryTable(
		db,
		'stats_detail',
		[
			...PERIOD,
			['unit_id', 'text'],
			...COARSE,
			['counter_id', 'text'],
			['officer_id', 'text'],
			['procedure_field_id', 'text'],
			['main_levels', 'integer']
		],
		LEVEL_MEASURES
	);
	// The heatmap and the reasons under a counter or officer filter.
	await summaryTable(
		db,
		'stats_unit_hour',
		[
			...PERIOD,
			['unit_id', 'text'],
			...COARSE,
			['counter_id', 'text'],
			['officer_id', 'text'],
			['procedure_field_id', 'text'],
			['weekday', 'integer'],
			['hour', 'integer']
		],
		['responses', 'rated', 'satisfied']
	);
	await summaryTable(
		db,
		'stats_unit_reason',
		[
			...PERIOD,
			['unit_id', 'text'],
			...COARSE,
			['counter_id', 'text'],
			['officer_id', 'text'],
			['procedure_field_id', 'text'],
			['reason', 'text']
		],
		['responses']
	);
	// Which units a counter or officer filter concerns, found in a few index entries; the
	// per-unit tables are then read by their primary key for those units only.
	await db.schema
		.createIndex('stats_detail_counter')
		.on('stats_detail')
		.columns(['counter_id', 'grain', 'period'])
		.execute();
	await db.schema
		.createIndex('stats_detail_officer')
		.on('stats_detail')
		.columns(['officer_id', 'grain', 'period'])
		.execute();

	// The parent of every unit on the path of a rolled-up response, as it was when the rollup
	// was written. A unit moved since then makes its old and new ancestors' rollups wrong; the
	// dashboard notices the difference with units.parent_id and reads per-unit rows instead
	// until a rebuild (see stats/scopes.ts).
	await db.schema
		.createTable('stats_parents')
		.addColumn('unit_id', 'text', (c) => c.primaryKey())
		.addColumn('parent_id', 'text', (c) => c.notNull())
		.execute();
	// When the summaries were last rebuilt, and from how many responses.
	await db.schema
		.createTable('stats_state')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Db): Promise<void> {
	for (const table of [
		'stats_state',
		'stats_parents',
		'stats_unit_reason',
		'stats_unit_hour',
		'stats_detail',
		'stats_officer',
		'stats_reason',
		'stats_hour',
		'stats_field',
		'stats_main'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
