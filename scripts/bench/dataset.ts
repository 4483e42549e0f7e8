import SQLite from 'better-sqlite3';
import { openMigrated } from '../../src/lib/server/db/index';
import { answerSearchText } from '../../src/lib/domain/survey';
import { addDays, vietnamMidnight, vietnamParts } from '../../src/lib/domain/time';
import { scaleFor, unitDay, type AnswerRow, type ResponseRow } from './answers';
import { YEAR_FROM, YEAR_TO, structure, type BenchWorld } from './province';
import { Rng, isOpenDay } from './shape';

/**
 * Creates the database at `path` (which must not exist) and fills it: the structure through
 * the app (province.ts), then about `target` answers written with raw better-sqlite3 prepared
 * statements, one transaction per month (the app's Kysely path would take an hour for five
 * million). Returns the world the views and the load test draw from.
 */
export async function buildDataset(
	path: string,
	target: number,
	onProgress: (msg: string) => void
): Promise<BenchWorld> {
	const db = await openMigrated(path);
	const world = await structure(db, new Rng('bench|structure'));
	await db.destroy();
	const scale = scaleFor(world.units, target);
	onProgress(
		`structure: ${world.units.length + 2} units; drawing ~${target} answers (scale ${scale.toFixed(2)})`
	);

	const sqlite = new SQLite(path);
	// Loading only: no journal, no fsync, no foreign-key lookups (the rows are generated
	// consistent). The file is thrown away after the run. WAL must be left before OFF applies.
	sqlite.pragma('journal_mode = DELETE');
	sqlite.pragma('journal_mode = OFF');
	sqlite.pragma('foreign_keys = OFF');
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('cache_size = -1000000');
	sqlite.pragma('temp_store = MEMORY');
	const insertResponse = sqlite.prepare(
		`insert into responses (id, survey_version_id, unit_id, counter_id, officer_id, procedure_field_id,
		kiosk_id, channel, started_at, submitted_at, received_at, duration_ms, local_date, local_hour, weekday,
		main_level, main_levels, satisfied, flag_burst, flag_out_of_hours, locale)
		values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertAnswer = sqlite.prepare(
		'insert into response_answers (response_id, question_key, seq, value_int, value_text, search_text) values (?, ?, ?, ?, ?, ?)'
	);
	// One transaction per month: each commit writes every page it dirtied, and the unit and
	// kiosk indexes are touched all over, so daily commits would rewrite them 300 times.
	let total = 0;
	let month = '';
	const started = performance.now();
	for (let date = YEAR_FROM; date <= YEAR_TO; date = addDays(date, 1)) {
		if (date.slice(0, 7) !== month) {
			if (month) {
				sqlite.exec('commit');
				const s = (performance.now() - started) / 1000;
				onProgress(`  ${month}: ${total} answers so far (${s.toFixed(0)} s)`);
			}
			month = date.slice(0, 7);
			sqlite.exec('begin');
		}
		const weekday = vietnamParts(vietnamMidnight(date)).weekday;
		if (!isOpenDay(date, weekday)) continue;
		const rows = { responses: [] as ResponseRow[], answers: [] as AnswerRow[] };
		for (const u of world.units) unitDay(world, u, date, weekday, scale, rows);
		for (const r of rows.responses) insertResponse.run(r);
		// 'comment' is the one free-text question of the bench's surveys (answers.ts).
		for (const a of rows.answers) {
			insertAnswer.run([...a, answerSearchText(a[1] === 'comment' ? 'text' : undefined, a[4])]);
		}
		total += rows.responses.length;
	}
	sqlite.exec('commit');
	sqlite.pragma('journal_mode = WAL');
	sqlite.close();
	return { ...world, path, responses: total };
}
