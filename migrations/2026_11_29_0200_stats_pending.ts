import type { Kysely } from 'kysely';

// Pending summary rows (src/lib/server/stats/pending.ts). record() used to add each batch of
// answers straight into the summary tables; a batch from 50 kiosks in 50 units touched about a
// thousand pages of them (every table, every grain, one page per unit), all written to the WAL
// at each COMMIT: three quarters of the pages a batch wrote. Now a batch appends its summed
// rows to these heap tables (a few dozen consecutive pages), in the same transaction as the
// answers, and a fold adds them into the summary tables about once a second, so those pages
// are written once per fold instead of once per batch. Readers add the pending rows to the
// summary rows, so the figures are exact at every moment.
//
// Same columns as the summary table each belongs to, no key and no index: rows are only
// appended, read in full (a second's worth at most) and deleted by the fold.

const LEVEL = [
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
const HOUR = ['responses', 'rated', 'satisfied'];
const REASON = ['responses'];

const PERIOD: [string, 'text'][] = [
	['grain', 'text'],
	['period', 'text']
];
const COARSE: [string, 'text' | 'integer'][] = [
	['survey_version_id', 'text'],
	['channel', 'text'],
	['flagged', 'integer']
];
const FINE: [string, 'text'][] = [
	['counter_id', 'text'],
	['officer_id', 'text'],
	['procedure_field_id', 'text']
];

const TABLES: [string, [string, 'text' | 'integer'][], string[]][] = [
	['stats_main', [...PERIOD, ['scope_id', 'text'], ...COARSE, ['main_levels', 'integer']], LEVEL],
	[
		'stats_field',
		[
			...PERIOD,
			['scope_id', 'text'],
			...COARSE,
			['procedure_field_id', 'text'],
			['main_levels', 'integer']
		],
		LEVEL
	],
	[
		'stats_hour',
		[
			...PERIOD,
			['scope_id', 'text'],
			...COARSE,
			['procedure_field_id', 'text'],
			['weekday', 'integer'],
			['hour', 'integer']
		],
		HOUR
	],
	[
		'stats_reason',
		[
			...PERIOD,
			['scope_id', 'text'],
			...COARSE,
			['procedure_field_id', 'text'],
			['reason', 'text']
		],
		REASON
	],
	[
		'stats_officer',
		[...PERIOD, ['unit_id', 'text'], ...COARSE, ['officer_id', 'text'], ['main_levels', 'integer']],
		LEVEL
	],
	[
		'stats_detail',
		[...PERIOD, ['unit_id', 'text'], ...COARSE, ...FINE, ['main_levels', 'integer']],
		LEVEL
	],
	[
		'stats_unit_hour',
		[
			...PERIOD,
			['unit_id', 'text'],
			...COARSE,
			...FINE,
			['weekday', 'integer'],
			['hour', 'integer']
		],
		HOUR
	],
	[
		'stats_unit_reason',
		[...PERIOD, ['unit_id', 'text'], ...COARSE, ...FINE, ['reason', 'text']],
		REASON
	]
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const [name, keys, measures] of TABLES) {
		let t = db.schema.createTable(`${name}_pending`);
		for (const [col, type] of keys) t = t.addColumn(col, type, (c) => c.notNull());
		for (const col of measures) t = t.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
		await t.execute();
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const [name] of [...TABLES].reverse())
		await db.schema.dropTable(`${name}_pending`).execute();
}
