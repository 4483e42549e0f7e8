import { readdirSync } from 'node:fs';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { migrateToLatest, openDatabase } from '../../src/lib/server/db/index';
import { publishTemplate, smallTree } from './helpers';

describe('migrations', () => {
	it('lists every file of the migrations folder', () => {
		const files = readdirSync('migrations')
			.filter((f) => f.endsWith('.ts') && f !== 'index.ts')
			.map((f) => f.replace(/\.ts$/, ''));
		expect(Object.keys(migrations).sort()).toEqual(files.sort());
	});

	it('migrates up from an empty database, then is a no-op the second time', async () => {
		const db = openDatabase(':memory:');
		const first = await migrateToLatest(db);
		expect(first).toEqual(Object.keys(migrations));
		const second = await migrateToLatest(db);
		expect(second).toEqual([]);
		const tables = await sql<{ name: string }>`
			select name from sqlite_master where type = 'table' and name not like 'kysely%' and name not like 'sqlite%'
			order by name`.execute(db);
		expect(tables.rows.map((r) => r.name)).toEqual([
			'alert_thresholds',
			'api_tokens',
			'app_meta',
			'audit_log',
			'calendar_days',
			'counters',
			'export_jobs',
			'follow_up_cases',
			'follow_up_notes',
			'jobs',
			'kiosks',
			'login_throttle',
			'officers',
			'procedure_fields',
			'report_files',
			'report_subscriptions',
			'reports',
			'response_answers',
			'responses',
			'sent_emails',
			'sessions',
			'stats_detail',
			'stats_detail_pending',
			'stats_field',
			'stats_field_pending',
			'stats_hour',
			'stats_hour_pending',
			'stats_main',
			'stats_main_pending',
			'stats_officer',
			'stats_officer_pending',
			'stats_parents',
			'stats_reason',
			'stats_reason_pending',
			'stats_state',
			'stats_unit_hour',
			'stats_unit_hour_pending',
			'stats_unit_reason',
			'stats_unit_reason_pending',
			'survey_assignments',
			'survey_versions',
			'surveys',
			'unit_alerts',
			'unit_closure',
			'units',
			'users',
			'web_answer_marks',
			'web_held_ratings',
			'web_links'
		]);
		await db.destroy();
	});

	it('enforces foreign keys', async () => {
		const db = openDatabase(':memory:');
		await migrateToLatest(db);
		await expect(
			db
				.insertInto('counters')
				.values({
					id: 'x',
					unitId: 'no-such-unit',
					number: 1,
					name: 'Quầy 1',
					createdAt: '2026-01-01T00:00:00.000Z',
					updatedAt: '2026-01-01T00:00:00.000Z'
				})
				.execute()
		).rejects.toThrow(/FOREIGN KEY/);
		await db.destroy();
	});

	it('folds the free-text answers stored before search_text existed', async () => {
		const db = openDatabase(':memory:');
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		await migrator.migrateTo('2026_11_29_0300_web_held_ratings');
		const tree = await smallTree(db);
		const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
		await sql`insert into responses (id, survey_version_id, unit_id, channel, submitted_at,
			received_at, local_date, local_hour, weekday) values ('r1', ${versionId}, ${tree.c1.id},
			'kiosk', '2026-03-03T02:00:00.000Z', '2026-03-03T02:00:00.000Z', '2026-03-03', 9, 2)`.execute(db);
		await sql`insert into response_answers (response_id, question_key, seq, value_int, value_text)
			values ('r1', 'satisfaction', 0, 3, null), ('r1', 'comment', 0, null, 'Phải CHỜ lâu'),
			('r1', 'reasons', 0, null, 'wait')`.execute(db);
		await migrateToLatest(db);
		const rows = await db
			.selectFrom('responseAnswers')
			.select(['questionKey', 'searchText'])
			.orderBy('questionKey')
			.execute();
		expect(rows).toEqual([
			{ questionKey: 'comment', searchText: 'phai cho lau' },
			{ questionKey: 'reasons', searchText: null },
			{ questionKey: 'satisfaction', searchText: null }
		]);
		await db.destroy();
	});

	it('folds the pending summary rows an earlier version left, at whatever grain', async () => {
		const db = openDatabase(':memory:');
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		await migrator.migrateTo('2026_11_29_0400_answer_search_text');
		// A month row already folded, and two pending rows for it (as the old writer appended).
		const key = `'m', '2026-03-01', 'unit-1', 'v1', 'kiosk', 0, 3`;
		await sql
			.raw(
				`insert into stats_main (grain, period, scope_id, survey_version_id, channel, flagged,
				main_levels, responses, satisfied, level3) values (${key}, 5, 4, 4)`
			)
			.execute(db);
		await sql
			.raw(
				`insert into stats_main_pending (grain, period, scope_id, survey_version_id, channel,
				flagged, main_levels, responses, satisfied, level3) values (${key}, 1, 1, 1),
				(${key}, 2, 1, 1)`
			)
			.execute(db);
		await migrateToLatest(db);
		const rows = await sql<{ responses: number; satisfied: number; level3: number }>`
			select responses, satisfied, level3 from stats_main`.execute(db);
		expect(rows.rows).toEqual([{ responses: 8, satisfied: 6, level3: 6 }]);
		const left = await sql<{ n: number }>`select count(*) as n from stats_main_pending`.execute(db);
		expect(Number(left.rows[0].n)).toBe(0);
		await db.destroy();
	});
});
