import type { DbOrTx } from '../db';
import { ensureLink } from '../web-links';

export interface DemoLink {
	code: string;
	unitCode: string;
	unitName: string;
	counterName: string;
}

/**
 * The phone-survey link of every active counter of the units in force on `today`, made once
 * (ensureLink keeps a link that exists), so the demo's posters and phone survey work at once.
 * Counters of the communes closed by the 2025 merger get none: nobody stands at them any more.
 */
export async function ensureDemoLinks(db: DbOrTx, today: string): Promise<DemoLink[]> {
	const rows = await db
		.selectFrom('counters')
		.innerJoin('units', 'units.id', 'counters.unitId')
		.select([
			'counters.id',
			'counters.unitId',
			'counters.name as counterName',
			'units.code as unitCode',
			'units.name as unitName'
		])
		.where('counters.active', '=', 1)
		.where((eb) => eb.or([eb('units.validFrom', 'is', null), eb('units.validFrom', '<=', today)]))
		.where((eb) => eb.or([eb('units.validTo', 'is', null), eb('units.validTo', '>=', today)]))
		.orderBy('units.code')
		.orderBy('counters.number')
		.execute();
	const links: DemoLink[] = [];
	for (const r of rows) {
		const code = await ensureLink(db, r.unitId, r.id);
		links.push({ code, unitCode: r.unitCode, unitName: r.unitName, counterName: r.counterName });
	}
	return links;
}
