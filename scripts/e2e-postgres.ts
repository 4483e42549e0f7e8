// A PostgreSQL schema of its own for a browser-test server (scripts/e2e-server.ts) or for the
// two-server test (tests/e2e/two-servers.test.ts), in the TEST_POSTGRES_URL database: a schema,
// not a database, so the database .ci/run creates and drops for the run takes every leftover.
import pg from 'pg';

/** `base` (a postgres:// URL) seen through `schema`: its search_path. */
export function schemaUrl(base: string, schema: string): string {
	const url = new URL(base);
	url.searchParams.set('options', `-c search_path=${schema}`);
	return url.toString();
}

function schemaOf(url: string): string {
	const schema = /search_path=(\w+)$/.exec(new URL(url).searchParams.get('options') ?? '')?.[1];
	if (!schema) throw new Error(`${url} names no schema (search_path)`);
	return schema;
}

async function sql(url: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

export function dropSchema(url: string): Promise<void> {
	return sql(url, `DROP SCHEMA IF EXISTS ${schemaOf(url)} CASCADE`);
}

/**
 * The SQLite file copied by `npm run db:copy` into the schema of `url`, made anew: one an
 * earlier run left (a server killed before it could drop it) goes first.
 */
export async function copyIntoFreshSchema(sqlitePath: string, url: string): Promise<void> {
	const schema = schemaOf(url);
	await sql(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
	// Imported here: playwright.config.ts needs only schemaUrl, not the app's modules.
	const { copyDatabase } = await import('./db-copy');
	await copyDatabase(sqlitePath, url);
}
