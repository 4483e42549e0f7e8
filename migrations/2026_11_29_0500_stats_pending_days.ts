import { sql, type Kysely } from 'kysely';

// Pending summary rows become days only (src/lib/server/stats/pending.ts): an answer appends
// its day rows, and the fold adds each to the week, month, quarter and year that hold it, a
// third of the rows an answer used to append. Readers now look for pending rows at the day
// grain only, so the rows an earlier version left unfolded (any grain) are folded here, by
// that version's rule: summed by key into their own table.

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
const COARSE = ['survey_version_id', 'channel', 'flagged'];
const FINE = ['counter_id', 'officer_id', 'procedure_field_id'];

// Each summary table's key after (grain, period), and its measures, as of this migration.
const TABLES: [string, string[], string[]][] = [
	['stats_main', ['scope_id', ...COARSE, 'main_levels'], LEVEL],
	['stats_field', ['scope_id', ...COARSE, 'procedure_field_id', 'main_levels'], LEVEL],
	['stats_hour', ['scope_id', ...COARSE, 'procedure_field_id', 'weekday', 'hour'], HOUR],
	['stats_reason', ['scope_id', ...COARSE, 'procedure_field_id', 'reason'], REASON],
	['stats_officer', ['unit_id', ...COARSE, 'officer_id', 'main_levels'], LEVEL],
	['stats_detail', ['unit_id', ...COARSE, ...FINE, 'main_levels'], LEVEL],
	['stats_unit_hour', ['unit_id', ...COARSE, ...FINE, 'weekday', 'hour'], HOUR],
	['stats_unit_reason', ['unit_id', ...COARSE, ...FINE, 'reason'], REASON]
];

export async function up(db: Kysely<unknown>): Promise<void> {
	for (const [table, rest, measures] of TABLES) {
		const keys = ['grain', 'period', ...rest];
		await sql
			.raw(
				`INSERT INTO ${table} (${[...keys, ...measures].join(', ')}) ` +
					`SELECT ${[...keys, ...measures.map((m) => `sum(${m})`)].join(', ')} ` +
					`FROM ${table}_pending WHERE true GROUP BY ${keys.join(', ')} ` +
					`ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ` +
					measures.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', ')
			)
			.execute(db);
		await sql.raw(`DELETE FROM ${table}_pending`).execute(db);
	}
}

export async function down(): Promise<void> {
	// Nothing to undo: the rows folded are in the summary tables, where they belong.
}
