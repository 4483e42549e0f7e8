// Where the browser-test server keeps its database and the fixtures it wrote for the tests.
import { join } from 'node:path';

export const E2E_DIR = process.env.E2E_DIR ?? 'test-results';
export const e2eDbPath = join(E2E_DIR, 'e2e.db');
export const kioskFixturesPath = join(E2E_DIR, 'e2e-fixtures.json');
export const accessFixturesPath = join(E2E_DIR, 'e2e-access.json');
/** The e2e server's PostgreSQL schema on a run against PostgreSQL (playwright.config.ts), else null. */
export const e2ePostgresUrl = process.env.E2E_POSTGRES_URL || null;
