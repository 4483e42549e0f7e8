import { defineConfig, devices } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { chromiumPath } from './scripts/check-chromium.js';
import { schemaUrl } from './scripts/e2e-postgres';

// One fresh database per run; the admin password is generated here and handed to the server
// (through the environment) and to the tests (workers inherit process.env).
process.env.E2E_ADMIN_PASSWORD ??= `E2e-${randomBytes(9).toString('base64url')}`;
process.env.E2E_PORT ??= '4173';

// E2E_DATABASE=postgres (npm test runs it after the SQLite run): the tests that write (kiosk,
// phone, admin commands, exports) again, unchanged, against a server on PostgreSQL, in a schema
// of TEST_POSTGRES_URL's database, one port up, with its files in a folder of its own.
const onPostgres = process.env.E2E_DATABASE === 'postgres';
const POSTGRES_FILES = [
	'kiosk.test.ts',
	'kiosk-follow-up.test.ts',
	'phone.test.ts',
	'admin-kiosks-users.test.ts',
	'admin-cases.test.ts',
	'exports.test.ts'
];
const port = Number(process.env.E2E_PORT) + (onPostgres ? 1 : 0);
const postgresBase = process.env.TEST_POSTGRES_URL;
if (onPostgres && postgresBase) {
	process.env.E2E_DIR ??= 'test-results/postgres/server';
	process.env.E2E_POSTGRES_URL ??= schemaUrl(postgresBase, `ykien_e2e_${port}`);
} else if (!postgresBase && !process.env.TEST_WORKER_INDEX) {
	console.log(
		onPostgres
			? 'PostgreSQL browser tests skipped: TEST_POSTGRES_URL is not set (SQLite only)'
			: 'two-servers.test.ts will be skipped: TEST_POSTGRES_URL is not set (SQLite only)'
	);
}
const skipAll = onPostgres && !postgresBase;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: onPostgres ? (skipAll ? [] : POSTGRES_FILES) : '**/*.test.ts',
	outputDir: onPostgres ? 'test-results/postgres' : 'test-results',
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromiumPath() ?? undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [
		{
			name: onPostgres ? 'postgres' : 'chromium',
			use: { ...devices['Desktop Chrome'], channel: undefined }
		}
	],
	webServer: skipAll
		? undefined
		: {
				command: 'tsx scripts/e2e-server.ts',
				url: `http://localhost:${port}/healthz`,
				env: { E2E_PORT: String(port) },
				// On PostgreSQL the start includes copying the seeded database (about a minute).
				timeout: onPostgres ? 360_000 : 180_000,
				// SIGTERM, so the server on PostgreSQL drops its schema (scripts/e2e-server.ts).
				gracefulShutdown: onPostgres ? { signal: 'SIGTERM', timeout: 10_000 } : undefined,
				reuseExistingServer: false,
				stdout: 'pipe',
				stderr: 'pipe'
			}
});
