import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const include = ['src/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/scripts/**/*.test.ts'];

// The database tests run a second time on PostgreSQL when TEST_POSTGRES_URL names a server
// (.ci/run provides one): each test database is a fresh schema of that database
// (tests/server/helpers.ts testDb). Files listed here pass there; the others are SQLite's
// own (backup, checkpointer, ingest-thread, wal-sync, stats-warm: its file, WAL and writer
// thread), open an SQLite database of their own on purpose (migrations, demo-seed,
// report-thread), or touch no database. YKIEN_PG_FILES (space-separated) runs other files there.
const POSTGRES_FILES = process.env.YKIEN_PG_FILES?.split(' ') ?? [
	'tests/server/api-tokens.test.ts',
	'tests/server/auth.test.ts',
	'tests/server/cases.test.ts',
	'tests/server/comments.test.ts',
	'tests/server/counters-officers.test.ts',
	'tests/server/db-copy.test.ts',
	'tests/server/demo-kiosks.test.ts',
	'tests/server/demo-links.test.ts',
	'tests/server/export-jobs.test.ts',
	'tests/server/exports.test.ts',
	'tests/server/guard.test.ts',
	'tests/server/housekeeping.test.ts',
	'tests/server/jobs-mail.test.ts',
	'tests/server/jobs-queue.test.ts',
	'tests/server/kiosk-responses.test.ts',
	'tests/server/kiosks-admin.test.ts',
	'tests/server/phone-survey.test.ts',
	'tests/server/privacy.test.ts',
	'tests/server/reports.test.ts',
	'tests/server/schedules-form.test.ts',
	'tests/server/stats-cutoff.test.ts',
	'tests/server/stats-options-scope.test.ts',
	'tests/server/stats-pending.test.ts',
	'tests/server/stats-property.test.ts',
	'tests/server/stats.test.ts',
	'tests/server/survey-admin.test.ts',
	'tests/server/survey-drafts.test.ts',
	'tests/server/two-instances.test.ts',
	'tests/server/units-admin.test.ts',
	'tests/server/units.test.ts',
	'tests/server/users-admin.test.ts',
	'tests/server/work-calendar.test.ts'
];

const postgresUrl = process.env.TEST_POSTGRES_URL;
const run = `${Date.now().toString(36)}${process.pid}`;
if (postgresUrl) {
	process.env.YKIEN_TEST_RUN ??= run;
} else if (process.env.VITEST) {
	console.log('PostgreSQL tests skipped: TEST_POSTGRES_URL is not set (SQLite only)');
}

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	test: {
		environment: 'node',
		testTimeout: process.env.TEST_POSTGRES_URL ? 120_000 : 30_000,
		pool: 'forks',
		projects: [
			{ extends: true, test: { name: 'sqlite', include } },
			...(postgresUrl
				? [
						{
							extends: true as const,
							test: {
								name: 'postgres',
								include: POSTGRES_FILES,
								env: {
									YKIEN_TEST_ENGINE: 'postgres',
									YKIEN_TEST_RUN: process.env.YKIEN_TEST_RUN ?? run
								},
								globalSetup: ['tests/postgres-setup.ts']
							}
						}
					]
				: [])
		]
	}
});
