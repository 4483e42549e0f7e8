// npm run db:copy -- --from data/ykien.db --to postgres://user@host/db
// Copies a whole SQLite database into an empty PostgreSQL one: the way to move (README, Scaling
// out). The target is built by the same migrations, every table is copied in dependency order
// in chunks, in one transaction (a failed copy leaves the target empty), then the row counts
// and the summary figures of every unit and year are compared on both sides.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { migrateToLatest, openDatabase, type Db } from '../src/lib/server/db/index';
import { isPostgresUrl } from '../src/lib/server/db/dialect';
import { migrations } from '../migrations/index';
import * as stats from '../src/lib/server/stats/index';
import { CliError, parseArgs, run } from './cli';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const PARAMS_PER_INSERT = 30_000;

interface Table {
	name: string;
	columns: string[];
	/** Columns referring to the table itself (units.parent_id): set once every row is in. */
	selfRefs: string[];
}

/** The tables of the SQLite file in dependency order (referenced tables first). */
export function tablesInOrder(sqlite: SQLite.Database): Table[] {
	const names = (
		sqlite
			.prepare(
				`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
				AND name NOT LIKE 'kysely_migration%' ORDER BY name`
			)
			.all() as { name: string }[]
	).map((r) => r.name);
	const deps = new Map<string, Set<string>>();
	const tables = new Map<string, Table>();
	for (const name of names) {
		const fks = sqlite.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
			table: string;
			from: string;
		}[];
		const columns = (
			sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]
		).map((c) => c.name);
		deps.set(name, new Set(fks.filter((f) => f.table !== name).map((f) => f.table)));
		tables.set(name, {
			name,
			columns,
			selfRefs: fks.filter((f) => f.table === name).map((f) => f.from)
		});
	}
	const order: Table[] = [];
	const placed = new Set<string>();
	const visit = (name: string, path: string[]) => {
		if (placed.has(name)) return;
		if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${path.join(' → ')}`);
		for (const dep of deps.get(name) ?? []) if (tables.has(dep)) visit(dep, [...path, name]);
		placed.add(name);
		order.push(tables.get(name)!);
	};
	for (const name of names) visit(name, []);
	return order;
}

function progress(line: string, done = false): void {
	if (process.stdout.isTTY) process.stdout.write(`\r${line}\x1b[K${done ? '\n' : ''}`);
	else if (done) console.log(line);
}

/** Copies every row; the row count of each table. */
async function copyRows(
	sqlite: SQLite.Database,
	client: pg.ClientBase,
	tables: Table[]
): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const table of tables) {
		const total = (
			sqlite.prepare(`SELECT count(*) AS n FROM "${table.name}"`).get() as { n: number }
		).n;
		const chunk = Math.max(1, Math.floor(PARAMS_PER_INSERT / table.columns.length));
		const cols = table.columns.map((c) => `"${c}"`).join(', ');
		let done = 0;
		let rows: unknown[][] = [];
		const flush = async () => {
			if (rows.length === 0) return;
			const values: unknown[] = [];
			const tuples = rows.map((row) => {
				const start = values.length;
				values.push(...row);
				return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
			});
			await client.query(
				`INSERT INTO "${table.name}" (${cols}) VALUES ${tuples.join(', ')}`,
				values
			);
			done += rows.length;
			rows = [];
			progress(`${table.name}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows`);
		};
		const self = new Set(table.selfRefs);
		const later: unknown[][] = [];
		const read = sqlite.prepare(`SELECT ${cols} FROM "${table.name}"`).raw(true);
		for (const row of read.iterate() as IterableIterator<unknown[]>) {
			if (self.size > 0) {
				later.push(row);
				rows.push(row.map((v, i) => (self.has(table.columns[i]) ? null : v)));
			} else rows.push(row);
			if (rows.length >= chunk) await flush();
		}
		await flush();
		// Rows referring to rows of their own table (a unit's parent, its successor): the links
		// once every row is in.
		if (self.size > 0) {
			const key = table.columns.indexOf('id');
			if (key < 0) throw new Error(`${table.name} refers to itself without an id column`);
			for (const row of later) {
				const sets = table.selfRefs.filter((c) => row[table.columns.indexOf(c)] !== null);
				if (sets.length === 0) continue;
				await client.query(
					`UPDATE "${table.name}" SET ${sets.map((c, i) => `"${c}" = $${i + 2}`).join(', ')} WHERE id = $1`,
					[row[key], ...sets.map((c) => row[table.columns.indexOf(c)])]
				);
			}
		}
		progress(`${table.name}: ${done.toLocaleString('en')} rows`, true);
		counts.set(table.name, total);
	}
	return counts;
}

/** Every unit (and every unit together) and every year that has answers: its headline figures. */
async function figures(db: Db): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	const span = await db
		.selectFrom('responses')
		.select((eb) => [eb.fn.min('localDate').as('first'), eb.fn.max('localDate').as('last')])
		.executeTakeFirst();
	if (!span?.first || !span.last) return out;
	const units = await db.selectFrom('units').select('id').orderBy('id').execute();
	const first = Number(String(span.first).slice(0, 4));
	const last = Number(String(span.last).slice(0, 4));
	for (const unitId of [null, ...units.map((u) => u.id)]) {
		for (let year = first; year <= last; year++) {
			const view = await stats.prepare(db, {
				unitId,
				from: `${year}-01-01`,
				to: `${year}-12-31`
			});
			const { headline, distribution } = await stats.headline(db, view, stats.summarySource);
			out.set(`${unitId ?? 'all'} ${year}`, JSON.stringify({ headline, distribution }));
		}
	}
	return out;
}

export interface CopyReport {
	tables: number;
	rows: number;
	figuresCompared: number;
}

/** The copy and its checks; throws (CliError) on a refusal or a difference. */
export async function copyDatabase(from: string, to: string): Promise<CopyReport> {
	if (!existsSync(from)) throw new CliError(`--from ${from}: no such SQLite file`);
	if (!isPostgresUrl(to)) throw new CliError('--to must be a postgres:// URL');
	const sqlite = new SQLite(from, { readonly: true, fileMustExist: true });
	const source = openDatabase(from);
	const target = openDatabase(to);
	const client = new pg.Client({ connectionString: to });
	try {
		const applied = new Set(
			(sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map(
				(r) => r.name
			)
		);
		const missing = Object.keys(migrations).filter((m) => !applied.has(m));
		if (missing.length > 0) {
			throw new CliError(
				`${from} lacks ${missing.length} migration(s) (${missing[0]}…): run npm run db:migrate on it first`
			);
		}
		await migrateToLatest(target);
		const tables = tablesInOrder(sqlite);
		await client.connect();
		for (const t of tables) {
			const { rows } = await client.query(`SELECT 1 FROM "${t.name}" LIMIT 1`);
			if (rows.length > 0) {
				throw new CliError(
					`the target is not empty (${t.name} has rows): copy into a new database`
				);
			}
		}
		await client.query('BEGIN');
		let counts: Map<string, number>;
		try {
			counts = await copyRows(sqlite, client, tables);
			await client.query('COMMIT');
		} catch (e) {
			await client.query('ROLLBACK');
			throw e;
		}
		for (const t of tables) {
			const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t.name}"`);
			if (Number(rows[0].n) !== counts.get(t.name)) {
				throw new Error(`${t.name}: ${counts.get(t.name)} rows in SQLite, ${rows[0].n} copied`);
			}
		}
		console.log(`Row counts equal in ${tables.length} tables.`);
		// Planner statistics of the copied tables now, not when autovacuum gets to it: a freshly
		// loaded table has none, and the first dashboards would be planned blind (the bench's
		// views: p95 130 ms without, 60 ms with).
		await client.query(`ANALYZE ${tables.map((t) => `"${t.name}"`).join(', ')}`);
		const [before, after] = [await figures(source), await figures(target)];
		for (const [key, value] of before) {
			if (after.get(key) !== value) {
				throw new Error(`summary figures differ for unit and year ${key}`);
			}
		}
		if (after.size !== before.size) throw new Error('summary figures: not the same units or years');
		console.log(`Summary figures equal for ${before.size} unit-years.`);
		return {
			tables: tables.length,
			rows: [...counts.values()].reduce((a, b) => a + b, 0),
			figuresCompared: before.size
		};
	} finally {
		await client.end().catch(() => {});
		sqlite.close();
		await source.destroy();
		await target.destroy();
	}
}

if (process.argv[1]?.endsWith('db-copy.ts')) {
	await run(async () => {
		const args = parseArgs(process.argv.slice(2));
		for (const name of Object.keys(args)) {
			if (name !== 'from' && name !== 'to') throw new CliError(`Unknown option --${name}`);
		}
		if (typeof args.from !== 'string' || typeof args.to !== 'string') {
			throw new CliError('usage: npm run db:copy -- --from data/ykien.db --to postgres://…');
		}
		const report = await copyDatabase(args.from, args.to);
		console.log(
			`Copied ${report.rows.toLocaleString('en')} rows in ${report.tables} tables from ${args.from}.`
		);
	});
}
