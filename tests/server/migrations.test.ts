import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { migrateToLatest, openDatabase } from '../../src/lib/server/db/index';

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
			'api_tokens',
			'app_meta',
			'audit_log',
			'counters',
			'follow_up_cases',
			'follow_up_notes',
			'kiosks',
			'login_throttle',
			'officers',
			'procedure_fields',
			'response_answers',
			'responses',
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
});
