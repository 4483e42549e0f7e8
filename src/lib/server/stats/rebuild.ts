import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db';
import { MAX_LEVELS, REASONS_KEY, TABLES, type TableSpec } from './tables';
import { chunks, type AnyDb } from './write';

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
	const keys = [spec.owner, 'grain', 'period', 'surveyVersionId', 'channel', 'flagged', ...spec.dims];
	let from = tx.selectFrom('responses as r');
	// Rollups count each response once for its unit and once for every ancestor.
	if (spec.owner === 'scopeId') from = from.innerJoin('unitClosure as c', 'c.descendantId', 'r.unitId');
	if (spec.name === 'statsReason') {
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

/**
 * Rows of `target` summed from rows of `source` (a table with every dimension of the target):
 * day rows of a coarser table from stats_detail, rolled up to every ancestor through
 * unit_closure when the target is a rollup, or month rows from a table's own day rows.
 */
async function derive(
	tx: AnyDb,
	target: TableSpec,
	source: TableSpec,
	toMonths: boolean
): Promise<void> {
	const rest = ['surveyVersionId', 'channel', 'flagged', ...target.dims];
	const rollUp = target.owner === 'scopeId' && source.owner === 'unitId';
	const owner = rollUp ? sql.ref('c.ancestorId') : sql.ref(`s.${source.owner}`);
	const period = toMonths
		? sql<string>`substr(${sql.ref('s.period')}, 1, 7) || '-01'`
		: sql.ref('s.period');
	let from = tx.selectFrom(`${source.name} as s`).where('s.grain', '=', 'd');
	if (rollUp) from = from.innerJoin('unitClosure as c', 'c.descendantId', 's.unitId');
	const select = from
		.select((eb: Eb) => [
			owner.as('k0'),
			eb.val(toMonths ? 'm' : 'd').as('k1'),
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

/**
 * Recomputes every summary table from the raw responses, in one transaction: the figures are
 * never half rebuilt, and a server running meanwhile waits for the write lock (kiosks keep
 * their answers queued and resend). Run it after restoring a backup, after moving a unit, or
 * to check the summaries (the property test holds them equal to the raw figures).
 *
 * The work is plain INSERT … SELECT … GROUP BY inside the database, portable SQL (CASE,
 * COALESCE, SUBSTR, ||) that runs as is on PostgreSQL: three passes over the responses (detail,
 * hours, reasons), the other tables summed from those.
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
		for (const spec of specs) await tx.deleteFrom(spec.name).execute();
		await tx.deleteFrom('statsParents').execute();
		// The finest level table first, from the responses; the coarser level tables from it
		// (a third of the rows to sort); hours and reasons need the responses themselves.
		const { statsDetail, statsOfficer, statsMain, statsField, statsHour, statsReason } = TABLES;
		await dayRows(tx, statsDetail);
		step('statsDetail: days');
		await derive(tx, statsOfficer, statsDetail, false);
		step('statsOfficer: days');
		await derive(tx, statsMain, statsDetail, false);
		step('statsMain: days');
		await derive(tx, statsField, statsDetail, false);
		step('statsField: days');
		await dayRows(tx, statsHour);
		step('statsHour: days');
		await dayRows(tx, statsReason);
		step('statsReason: days');
		for (const spec of specs) {
			await derive(tx, spec, spec, true);
			step(`${spec.name}: months`);
		}
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
