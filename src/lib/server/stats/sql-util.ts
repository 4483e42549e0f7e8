import type { Kysely, OnConflictBuilder } from 'kysely';

// The summary tables are addressed by name from TABLES, which the typed Database does not know:
// the stats modules go through an untyped handle, and tables.ts is the one place the columns
// are named.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOnConflict = OnConflictBuilder<any, any>;

/** Bound parameters per statement: below the 999 of old SQLite builds, as the seeder does. */
export const MAX_PARAMS = 900;
/** Ids per `in` list. */
export const CHUNK = 500;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** camelCase to the snake_case of the migrations, as Kysely's CamelCasePlugin maps names. */
export function snake(name: string): string {
	return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
