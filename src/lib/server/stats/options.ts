import type { DbOrTx } from '../db';
import { visibleSurveys } from '../survey-admin';
import * as units from '../units';

// What the dashboard's selects offer, limited to the asker's scope: units of their subtree (closed
// ones too, for history), the counters and officers of the chosen unit's lineage, and the surveys
// the asker may see (shared ones and those owned in their subtree, as on /admin/surveys).

export interface Option {
	id: string;
	label: string;
}

export interface UnitOption extends Option {
	validTo: string | null;
}

export async function unitOptions(db: DbOrTx, root: string | null): Promise<UnitOption[]> {
	const ids = root === null ? null : await units.subtreeIds(db, root);
	let q = db.selectFrom('units').select(['id', 'name', 'code', 'validTo']);
	if (ids !== null) q = q.where('id', 'in', ids.length ? ids : ['']);
	const rows = await q.orderBy('name').orderBy('code').execute();
	return rows.map((r) => ({ id: r.id, label: `${r.name} (${r.code})`, validTo: r.validTo }));
}

/** `withinId`: the asker's scope root (scopeRoot), null for an admin. */
export async function filterOptions(db: DbOrTx, unitId: string | null, withinId: string | null) {
	const lineage = unitId ? await units.lineageIds(db, unitId) : null;
	const inLineage = lineage && lineage.length ? lineage : [''];
	let counters = db
		.selectFrom('counters')
		.innerJoin('units', 'units.id', 'counters.unitId')
		.select(['counters.id', 'counters.name', 'units.name as unitName']);
	if (lineage) counters = counters.where('counters.unitId', 'in', inLineage);
	let officers = db
		.selectFrom('officers')
		.innerJoin('units', 'units.id', 'officers.unitId')
		.select(['officers.id', 'officers.fullName', 'units.name as unitName']);
	if (lineage) officers = officers.where('officers.unitId', 'in', inLineage);
	const surveys = await visibleSurveys(db, withinId)
		.select(['s.id', 's.name'])
		.orderBy('s.name')
		.orderBy('s.id')
		.execute();
	const fields = await db
		.selectFrom('procedureFields')
		.select(['id', 'nameVi', 'nameEn'])
		.orderBy('nameVi')
		.execute();
	return {
		counters: (await counters.orderBy('units.name').orderBy('counters.number').execute()).map(
			(c) => ({ id: c.id, label: `${c.name} – ${c.unitName}` })
		),
		officers: (await officers.orderBy('officers.fullName').execute()).map((o) => ({
			id: o.id,
			label: `${o.fullName} – ${o.unitName}`
		})),
		surveys: surveys.map((s) => ({ id: s.id, label: s.name })),
		fields: fields.map((f) => ({ id: f.id, label: { vi: f.nameVi, en: f.nameEn ?? undefined } }))
	};
}
