import type { DbOrTx } from './db';
import { addDays } from '../domain/time';
import * as units from './units';

/** Responses of the last WINDOW_DAYS days, today included, count for the overview. */
export const WINDOW_DAYS = 30;
/** Bound parameters per `in` list: well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

export interface Overview {
	/** Units in scope (the subtree, merged units included). */
	unitCount: number;
	/** Of those, units whose validity covers today. */
	activeUnitCount: number;
	/** First and last local date of the window, 'YYYY-MM-DD'. */
	from: string;
	to: string;
	responses: number;
	/** Responses that answered the main question: the n of the satisfaction rate. */
	rated: number;
	satisfied: number;
	openCases: number;
	overdueCases: number;
}

function chunks<T>(items: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
	return out;
}

/**
 * The admin landing figures for a scope: `scopeRootId` null means every unit, otherwise the
 * subtree under it. Responses and follow-up cases count the subtree's lineage (units merged into
 * it keep their history), as DOMAIN.md asks for a successor's time series. `today` is a Vietnam
 * date ('YYYY-MM-DD'), passed in so tests can pin it.
 */
export async function overview(
	db: DbOrTx,
	scopeRootId: string | null,
	today: string
): Promise<Overview> {
	const from = addDays(today, -(WINDOW_DAYS - 1));
	const result: Overview = {
		unitCount: 0,
		activeUnitCount: 0,
		from,
		to: today,
		responses: 0,
		rated: 0,
		satisfied: 0,
		openCases: 0,
		overdueCases: 0
	};

	// null = no unit filter at all; otherwise the figures are summed over chunks of ids.
	let scopes: (string[] | null)[];
	let subtree: (string[] | null)[];
	if (scopeRootId === null) {
		scopes = [null];
		subtree = [null];
	} else {
		scopes = chunks(await units.lineageIds(db, scopeRootId));
		subtree = chunks(await units.subtreeIds(db, scopeRootId));
	}

	for (const ids of subtree) {
		let q = db.selectFrom('units');
		if (ids) q = q.where('id', 'in', ids);
		const row = await q
			.select((eb) => [
				eb.fn.countAll<number | string>().as('total'),
				eb.fn
					.sum<number | string | null>(
						eb
							.case()
							.when(
								eb.and([
									eb.or([eb('validFrom', 'is', null), eb('validFrom', '<=', today)]),
									eb.or([eb('validTo', 'is', null), eb('validTo', '>=', today)])
								])
							)
							.then(1)
							.else(0)
							.end()
					)
					.as('active')
			])
			.executeTakeFirst();
		result.unitCount += Number(row?.total ?? 0);
		result.activeUnitCount += Number(row?.active ?? 0);
	}

	for (const ids of scopes) {
		let responses = db
			.selectFrom('responses')
			.where('localDate', '>=', from)
			.where('localDate', '<=', today);
		if (ids) responses = responses.where('unitId', 'in', ids);
		// Grouping by the 0/1/null column gives all three counts in one portable query.
		const rows = await responses
			.select((eb) => ['satisfied', eb.fn.countAll<number | string>().as('n')])
			.groupBy('satisfied')
			.execute();
		for (const row of rows) {
			const n = Number(row.n);
			result.responses += n;
			if (row.satisfied !== null) result.rated += n;
			if (Number(row.satisfied) === 1) result.satisfied += n;
		}

		const cases = await openCasesIn(db, ids, today);
		result.openCases += cases.open;
		result.overdueCases += cases.overdue;
	}

	return result;
}

/** Follow-up cases not resolved yet among units `ids` (null: every unit), and how many overdue. */
async function openCasesIn(
	db: DbOrTx,
	ids: string[] | null,
	today: string
): Promise<{ open: number; overdue: number }> {
	let cases = db.selectFrom('followUpCases').where('status', '!=', 'resolved');
	if (ids) cases = cases.where('unitId', 'in', ids.length ? ids : ['']);
	const row = await cases
		.select((eb) => [
			eb.fn.countAll<number | string>().as('open'),
			eb.fn
				.sum<number | string | null>(eb.case().when('deadline', '<', today).then(1).else(0).end())
				.as('overdue')
		])
		.executeTakeFirst();
	return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
}

/**
 * Unhappy residents still waiting for a call back, now (whatever period a screen shows): the
 * open follow-up cases of a unit's lineage, or of every unit when `unitId` is null.
 */
export async function openCases(
	db: DbOrTx,
	unitId: string | null,
	today: string
): Promise<{ open: number; overdue: number }> {
	if (unitId === null) return openCasesIn(db, null, today);
	const total = { open: 0, overdue: 0 };
	for (const ids of chunks(await units.lineageIds(db, unitId))) {
		const part = await openCasesIn(db, ids, today);
		total.open += part.open;
		total.overdue += part.overdue;
	}
	return total;
}
