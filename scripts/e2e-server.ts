// Starts the built server for the browser tests on a fresh database with demo data and an admin.
// Seeding the demo takes a while, so the seeded database is kept in .e2e-cache/ under a hash of
// the code that produces it and copied for the next run; any change to that code reseeds.
// With E2E_POSTGRES_URL (playwright.config.ts, E2E_DATABASE=postgres) the seeded file is copied
// into a fresh schema there by `npm run db:copy`'s code, and the server runs on PostgreSQL.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync
} from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openMigrated } from '../src/lib/server/db/index';
import { seedDemo } from '../src/lib/server/demo/seed';
import * as users from '../src/lib/server/users';
import { writeAccessFixtures } from './e2e-access-fixtures';
import { writeFixtures } from './e2e-fixtures';
import { copyIntoFreshSchema, dropSchema } from './e2e-postgres';
import {
	accessFixturesPath,
	E2E_DIR,
	e2eDbPath,
	e2ePostgresUrl,
	kioskFixturesPath
} from '../tests/e2e/paths';

const SEED = { until: '2026-11-27' };
const SEED_SOURCES = [
	'migrations',
	'src/lib/server/demo',
	'src/lib/server/stats',
	'src/lib/domain',
	'src/lib/server/units',
	'src/lib/server/db'
];
const port = process.env.E2E_PORT ?? '4173';

function files(path: string): string[] {
	if (!existsSync(path)) return [];
	if (!statSync(path).isDirectory()) return [path];
	return readdirSync(path)
		.sort()
		.flatMap((name) => files(join(path, name)));
}

function seedKey(): string {
	const hash = createHash('sha256').update(JSON.stringify(SEED));
	for (const file of SEED_SOURCES.flatMap(files)) hash.update(file).update(readFileSync(file));
	return hash.digest('hex').slice(0, 16);
}

mkdirSync(E2E_DIR, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(e2eDbPath + suffix, { force: true });
const template = join('.e2e-cache', `demo-${seedKey()}.db`);
if (existsSync(template)) {
	copyFileSync(template, e2eDbPath);
} else {
	const seeding = await openMigrated(e2eDbPath);
	await seedDemo(seeding, SEED);
	await sql`pragma wal_checkpoint(TRUNCATE)`.execute(seeding);
	await seeding.destroy();
	mkdirSync('.e2e-cache', { recursive: true });
	for (const old of readdirSync('.e2e-cache')) rmSync(join('.e2e-cache', old), { force: true });
	copyFileSync(e2eDbPath, template);
}

if (e2ePostgresUrl) await copyIntoFreshSchema(e2eDbPath, e2ePostgresUrl);
const databaseUrl = e2ePostgresUrl ?? e2eDbPath;

const db = await openMigrated(databaseUrl);
await users.create(db, {
	username: 'admin',
	displayName: 'Quản trị viên',
	role: 'admin',
	password: process.env.E2E_ADMIN_PASSWORD ?? 'missing-password'
});
await writeFixtures(db, kioskFixturesPath);
await writeAccessFixtures(
	db,
	process.env.E2E_ADMIN_PASSWORD ?? 'missing-password',
	accessFixturesPath
);
await db.destroy();

const server = spawn(process.execPath, ['build'], {
	stdio: 'inherit',
	env: {
		...process.env,
		DATABASE_URL: databaseUrl,
		PORT: port,
		ORIGIN: `http://localhost:${port}`,
		// Exports above this many answer rows run as background jobs (50,000 in production): low
		// enough here for the browser test to start one on the demo data (tests/e2e/exports.test.ts).
		EXPORT_SYNC_MAX_ROWS: process.env.EXPORT_SYNC_MAX_ROWS ?? '5000'
	}
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => server.kill(signal));
}
server.on('exit', async (code) => {
	// Playwright stops the PostgreSQL server with SIGTERM (playwright.config.ts): its schema goes.
	if (e2ePostgresUrl) await dropSchema(e2ePostgresUrl).catch(() => {});
	process.exit(code ?? 0);
});
