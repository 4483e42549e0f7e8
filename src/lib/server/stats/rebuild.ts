import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db';
import { addDays } from '../../domain/time';
import { weekStart } from '../../domain/periods';
import { MAX_LEVELS, REASONS_KEY, TABLES, type Grain, type TableSpec } from './tables';
import { pendingTable } from './pending';
import { chunks, type AnyDb } from './sql-util';

export interface RebuildProgress {
	step: string;
	done: number;
	total: number;
}

export interface RebuildOptions {
	onProgress?: (p: RebuildProgress) => void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = ExpressionBuilder<any, any>;

/** 1 when `condition` holds, else 0: summed, it counts the rows that match. */
function count(eb: Eb, condition: Expression<SqlBool>) {
	return eb.fn.sum(eb.case().when(condition).then(1).else(0).end());
}

/** What tables.isRated says, in SQL. */
function rated(eb: Eb) {
	return eb.and([
		eb('r.mainLevels', '>=', 2),
		eb('r.mainLevel', '>=', 1),
		eb('r.mainLevel', '<=', MAX_LEVELS),
		eb('r.mainLevel', '<=', eb.ref('r.mainLevels'))
	]);
}

function flagged(eb: Eb) {
	return eb.or([eb('r.flagBurst', '=', 1), eb('r.flagOutOfHours', '=', 1)]);
}

/** The key expression of one column of `spec`, over responses r (and closure c, answers a). */
function keyExpression(eb: Eb, column: string) {
	switch (column) {
		case 'scopeId':
			return eb.ref('c.ancestorId');
		case 'unitId':
			return eb.ref('r.unitId');
		case 'grain':
			return eb.val('d');
		case 'period':
			return eb.ref('r.localDate');
		case 'flagged':
			return eb.case().when(flagged(eb)).then(1).else(0).end();
		case 'mainLevels':
			return eb.fn.coalesce('r.mainLevels', eb.val(0));
		case 'counterId':
		case 'officerId':
		case 'procedureFieldId':
			return eb.fn.coalesce(`r.${column}`, eb.val(''));
		case 'hour':
			return eb.ref('r.localHour');
		case 'reason':
			return eb.ref('a.valueText');
		default:
			return eb.ref(`r.${column}`);
	}
}

function measureExpression(eb: Eb, spec: TableSpec, column: string) {
	switch (column) {
		case 'responses':
			return eb.fn.countAll();
		case 'satisfied':
			return count(eb, eb('r.satisfied', '=', 1));
		case 'rated':
			return count(eb, rated(eb));
		case 'burst':
			return count(eb, eb('r.flagBurst', '=', 1));
		case 'outOfHours':
			return count(eb, eb('r.flagOutOfHours', '=', 1));
		default: {
			const level = Number(column.replace('level', ''));
			if (!Number.isInteger(level)) throw new Error(`${spec.name}: unknown measure ${column}`);
			return count(eb, eb.and([rated(eb), eb('r.mainLevel', '=', level)]));
		}
	}
}

const ALIASES = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10', 'k11'];

/** Day rows of a table, straight from the responses, in one INSERT … SELECT … GROUP BY. */
async function dayRows(tx: AnyDb, spec: TableSpec): Promise<void> {
	const keys = [
		spec.owner,
		'grain',
		'period',
		'surveyVersionId',
		'channel',
		'flagged',
		...spec.dims
	];
	let from = tx.selectFrom('responses as r');
	// Rollups count each response once for its unit and once for every ancestor.
	if (spec.owner === 'scopeId')
		from = from.innerJoin('unitClosure as c', 'c.descendantId', 'r.unitId');
	if (spec.dims.includes('reason')) {
		from = from
			.innerJoin('responseAnswers as a', 'a.responseId', 'r.id')
			.where('a.questionKey', '=', REASONS_KEY)
			.where('a.valueText', 'is not', null);
	}
	const select = from
		.select((eb: Eb) => [
			...keys.map((k, i) => keyExpression(eb, k).as(ALIASES[i])),
			...spec.measures.map((m) => measureExpression(eb, spec, m).as(m))
		])
		// Grouping by the select list's positions keeps each CASE written once.
		.groupBy(keys.filter((k) => k !== 'grain').map((k) => sql.ref(ALIASES[keys.indexOf(k)])));
	await tx
		.insertInto(spec.name)
		.columns([...keys, ...spec.measures])
		.expression(select)
		.execute();
}

/** The period of a coarser grain, from the period column of finer rows. */
function coarserPeriod(grain: Grain) {
	const p = sql.ref('s.period');
	switch (grain) {
		case 'd':
			return p;
		case 'w':
			// Week starts have no portable SQL function; a calendar table maps each day.
			return sql.ref('w.week');
		case 'm':
			return sql<string>`substr(${p}, 1, 7) || '-01'`;
		case 'q':
			return sql<string>`substr(${p}, 1, 5) || case when substr(${p}, 6, 2) <= '03' then '01' when substr(${p}, 6, 2) <= '06' then '04' when substr(${p}, 6, 2) <= '09' then '07' else '10' end || '-01'`;
		case 'y':
			return sql<string>`substr(${p}, 1, 4) || '-01-01'`;
	}
}

/**
 * Rows of `target` at `grain`, summed from the `from`-grain rows of `source` (a table with
 * every dimension of the target): day rows of a coarser table from a finer per-unit one,
 * rolled up to every ancestor through unit_closure when the target is a rollup; or a table's
 * month rows from its day rows, quarters from months, years from quarters.
 */
async function derive(
	tx: AnyDb,
	target: TableSpec,
	source: TableSpec,
	from: Grain,
	grain: Grain
): Promise<void> {
	const rest = ['surveyVersionId', 'channel', 'flagged', ...target.dims];
	const rollUp = target.owner === 'scopeId' && source.owner === 'unitId';
	const owner = rollUp ? sql.ref('c.ancestorId') : sql.ref(`s.${source.owner}`);
	const period = coarserPeriod(grain);
	let q = tx.selectFrom(`${source.name} as s`).where('s.grain', '=', from);
	if (rollUp) q = q.innerJoin('unitClosure as c', 'c.descendantId', 's.unitId');
	if (grain === 'w') q = q.innerJoin('statsWeeks as w', 'w.day', 's.period');
	const select = q
		.select((eb: Eb) => [
			owner.as('k0'),
			eb.val(grain).as('k1'),
			period.as('k2'),
			...rest.map((k) => eb.ref(`s.${k}`).as(k)),
			...target.measures.map((m) => eb.fn.sum(`s.${m}`).as(m))
		])
		.groupBy([owner, period, ...rest.map((k) => `s.${k}`)]);
	await tx
		.insertInto(target.name)
		.columns([target.owner, 'grain', 'period', ...rest, ...target.measures])
		.expression(select)
		.execute();
}

/** A temporary calendar: the Monday of the ISO week of every day that has answers. */
async function fillWeeks(tx: AnyDb): Promise<void> {
	await tx.schema
		.createTable('statsWeeks')
		.temporary()
		.addColumn('day', 'text', (c) => c.primaryKey())
		.addColumn('week', 'text', (c) => c.notNull())
		.execute();
	const span = await tx
		.selectFrom('responses')
		.select((eb: Eb) => [eb.fn.min('localDate').as('first'), eb.fn.max('localDate').as('last')])
		.executeTakeFirst();
	if (!span?.first || !span.last) return;
	const days: { day: string; week: string }[] = [];
	for (let day = span.first as string; day <= span.last; day = addDays(day, 1)) {
		days.push({ day, week: weekStart(day) });
	}
	for (const part of chunks(days, 400)) await tx.insertInto('statsWeeks').values(part).execute();
}

/**
 * Recomputes every summary table from the raw responses, in one transaction: the figures are
 * never half rebuilt, and a server running meanwhile waits for the write lock (kiosks keep
 * their answers queued and resend). Run it after restoring a backup, after moving a unit, or
 * to check the summaries (the property test holds them equal to the raw figures).
 *
 * The work is plain INSERT … SELECT … GROUP BY inside the database, portable SQL (CASE,
 * COALESCE, SUBSTR, ||) that runs as is on PostgreSQL: three passes over the responses (the
 * per-unit detail, hours and reasons), every other row summed from those.
 */
export async function rebuild(
	db: Db,
	opts: RebuildOptions = {}
): Promise<{ responses: number; units: number }> {
	const specs = Object.values(TABLES);
	const total = specs.length * 2 + 1;
	let done = 0;
	const step = (name: string) => opts.onProgress?.({ step: name, done: ++done, total });
	return db.transaction().execute(async (trx) => {
		const tx = trx as AnyDb;
		for (const spec of specs) {
			await tx.deleteFrom(spec.name).execute();
			// Pending rows count committed responses, which the rebuild counts anew.
			await tx.deleteFrom(pendingTable(spec)).execute();
		}
		await tx.deleteFrom('statsParents').execute();
		// The per-unit tables with every dimension come from the responses; the others are summed
		// from them (fewer rows to sort than the responses times the unit's depth); then each
		// table's months from its days, quarters from months, years from quarters.
		const t = TABLES;
		await dayRows(tx, t.statsDetail);
		step('statsDetail: days');
		await dayRows(tx, t.statsUnitHour);
		step('statsUnitHour: days');
		await dayRows(tx, t.statsUnitReason);
		step('statsUnitReason: days');
		for (const [target, source] of [
			[t.statsOfficer, t.statsDetail],
			[t.statsMain, t.statsDetail],
			[t.statsField, t.statsDetail],
			[t.statsHour, t.statsUnitHour],
			[t.statsReason, t.statsUnitReason]
		]) {
			await derive(tx, target, source, 'd', 'd');
			step(`${target.name}: days`);
		}
		await fillWeeks(tx);
		for (const spec of specs) {
			// Each coarser grain from the next finer one: months from days, quarters from months.
			const kept = spec.grains;
			if (kept.includes('w')) await derive(tx, spec, spec, 'd', 'w');
			if (kept.includes('m')) await derive(tx, spec, spec, 'd', 'm');
			if (kept.includes('q')) await derive(tx, spec, spec, 'm', 'q');
			if (kept.includes('y')) await derive(tx, spec, spec, kept.includes('q') ? 'q' : 'm', 'y');
			step(`${spec.name}: ${kept.filter((g) => g !== 'd').join(', ')}`);
		}
		await tx.schema.dropTable('statsWeeks').execute();
		const unitRows = await trx.selectFrom('units').select(['id', 'parentId']).execute();
		for (const part of chunks(unitRows, 400)) {
			await tx
				.insertInto('statsParents')
				.values(part.map((u) => ({ unitId: u.id, parentId: u.parentId ?? '' })))
				.execute();
		}
		step('statsParents');
		const counted = await trx
			.selectFrom('responses')
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.executeTakeFirst();
		const responses = Number(counted?.n ?? 0);
		for (const row of [
			{ key: 'rebuilt_at', value: new Date().toISOString() },
			{ key: 'rebuilt_responses', value: String(responses) }
		]) {
			await tx
				.insertInto('statsState')
				.values(row)
				.onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value }))
				.execute();
		}
		return { responses, units: unitRows.length };
	});
}
