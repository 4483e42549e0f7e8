import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const include = ['src/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/scripts/**/*.test.ts'];

// The database tests run a second time on PostgreSQL when TEST_POSTGRES_URL names a server
// (.ci/run provides one): each test database is a fresh PostgreSQL database
// (tests/server/helpers.ts testDb). Files listed here pass there; the others are SQLite's
// own (its files, WAL, writer thread) or not yet passing on PostgreSQL (README, Scaling out).
const POSTGRES_FILES = ['tests/server/units.test.ts'];

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
		testTimeout: 30_000,
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
