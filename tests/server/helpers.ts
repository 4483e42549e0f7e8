import pg from 'pg';
import { CamelCasePlugin, Kysely } from 'kysely';
import {
	migrateToLatest,
	openDatabase,
	openMigrated,
	type Db
} from '../../src/lib/server/db/index';
import { postgresDialect } from '../../src/lib/server/db/dialect';
import type { Database } from '../../src/lib/server/db/schema';
import * as units from '../../src/lib/server/units';
import { newId } from '../../src/lib/server/ids';
import { templateDefinition, type TemplateId } from '../../src/lib/domain/templates';

/**
 * Which database the tests of this run use: 'postgres' in the vitest project of that name
 * (vite.config.ts, when TEST_POSTGRES_URL is set), else SQLite.
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' =
	process.env.YKIEN_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh database built by the real migrations: SQLite in memory, or on PostgreSQL a new schema
 * of the TEST_POSTGRES_URL database (a new database per test made the server checkpoint at every
 * DROP). The migrations run once per test process into a template schema; their DDL, recorded
 * then, builds each new schema in one round trip. Dropped when the handle is destroyed, or by
 * the run's teardown (tests/postgres-setup.ts).
 */
export function testDb(): Promise<Db> {
	return TEST_ENGINE === 'postgres' ? postgresTestDb() : openMigrated(':memory:');
}

/** Schemas of this run are named with this prefix (tests/postgres-setup.ts drops them). */
export const PG_TEST_PREFIX = `ykien_test_${process.env.YKIEN_TEST_RUN ?? 'run'}_`;

let admin: pg.Pool | null = null;
let template: Promise<{ schema: string; ddl: string }> | null = null;

function adminPool(): pg.Pool {
	const url = process.env.TEST_POSTGRES_URL;
	if (!url) throw new Error('TEST_POSTGRES_URL is not set');
	admin ??= new pg.Pool({ connectionString: url, max: 1 });
	return admin;
}

/** The TEST_POSTGRES_URL database seen through `schema` (its search_path). */
export function postgresUrlOf(schema: string): string {
	const url = new URL(process.env.TEST_POSTGRES_URL!);
	url.searchParams.set('options', `-c search_path=${schema}`);
	return url.toString();
}

/** A new empty schema on the test server, its URL; `drop()` removes it. */
export async function emptyPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
	const schema = `${PG_TEST_PREFIX}${Math.random().toString(36).slice(2, 10)}`;
	await adminPool().query(`CREATE SCHEMA ${schema}`);
	return {
		url: postgresUrlOf(schema),
		drop: async () => {
			await adminPool().query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		}
	};
}

async function migratedTemplate(): Promise<{ schema: string; ddl: string }> {
	const { url } = await emptyPostgres();
	const statements: string[] = [];
	const db = new Kysely<Database>({
		dialect: postgresDialect(url, 1).dialect,
		plugins: [new CamelCasePlugin()],
		// Statements without parameters: the schema (the migrator's bookkeeping is copied).
		log: (event) => {
			const { sql, parameters } = event.query;
			if (event.level === 'query' && parameters.length === 0 && !/kysely_migration/.test(sql)) {
				statements.push(event.query.sql);
			}
		}
	});
	await migrateToLatest(db);
	await db.destroy();
	return {
		schema: new URL(url).searchParams.get('options')!.split('=')[1],
		ddl: statements.join(';\n')
	};
}

async function postgresTestDb(): Promise<Db> {
	template ??= migratedTemplate();
	const from = await template;
	const { url, drop } = await emptyPostgres();
	const to = new URL(url).searchParams.get('options')!.split('=')[1];
	const client = await adminPool().connect();
	try {
		await client.query(`SET search_path = ${to}; ${from.ddl};
			CREATE TABLE ${to}.kysely_migration (LIKE ${from.schema}.kysely_migration INCLUDING ALL);
			CREATE TABLE ${to}.kysely_migration_lock
				(LIKE ${from.schema}.kysely_migration_lock INCLUDING ALL);
			INSERT INTO ${to}.kysely_migration SELECT * FROM ${from.schema}.kysely_migration;
			INSERT INTO ${to}.kysely_migration_lock SELECT * FROM ${from.schema}.kysely_migration_lock;
			RESET search_path`);
	} finally {
		client.release();
	}
	const db = openDatabase(url, { poolSize: 3 });
	const destroy = db.destroy.bind(db);
	db.destroy = async () => {
		await destroy();
		await drop();
	};
	return db;
}

/** province P > district D > communes C1, C2; and P2 standing alone. */
export async function smallTree(db: Db) {
	const p = await units.create(db, { code: 'P', name: 'Tỉnh Hậu Giang', kind: 'province' });
	const d = await units.create(db, {
		code: 'D',
		name: 'Huyện Phụng Hiệp',
		kind: 'district',
		parentId: p.id
	});
	const c1 = await units.create(db, {
		code: 'C1',
		name: 'Xã Tân Bình',
		kind: 'commune',
		parentId: d.id
	});
	const c2 = await units.create(db, {
		code: 'C2',
		name: 'Xã Hòa An',
		kind: 'commune',
		parentId: d.id
	});
	const p2 = await units.create(db, { code: 'P2', name: 'Thành phố Cần Thơ', kind: 'city' });
	return { p, d, c1, c2, p2 };
}

/** Publishes a template as version 1 of a survey and assigns it to a unit for a channel. */
export async function publishTemplate(
	db: Db,
	unitId: string,
	template: TemplateId = 'desk3',
	channel: 'kiosk' | 'web' = 'kiosk'
) {
	const now = '2026-01-01T00:00:00.000Z';
	const surveyId = newId();
	await db
		.insertInto('surveys')
		.values({
			id: surveyId,
			code: `S-${surveyId.slice(0, 8)}`,
			name: template,
			template,
			ownerUnitId: null,
			draft: null,
			archivedAt: null,
			createdBy: null,
			createdAt: now,
			updatedAt: now
		})
		.execute();
	const versionId = newId();
	await db
		.insertInto('surveyVersions')
		.values({
			id: versionId,
			surveyId,
			version: 1,
			definition: JSON.stringify(templateDefinition(template)),
			publishedAt: now,
			publishedBy: null
		})
		.execute();
	await db
		.insertInto('surveyAssignments')
		.values({
			id: newId(),
			surveyId,
			unitId,
			channel,
			validFrom: '2020-01-01',
			validTo: null,
			createdAt: now
		})
		.execute();
	return { surveyId, versionId };
}
