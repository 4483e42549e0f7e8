import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db';
import type { Database } from '../db/schema';
import * as units from '../units';
import type { SurveyDefinition } from '../../domain/survey';
import { TEMPLATE_NAMES, templateDefinition } from '../../domain/templates';
import { addDays, vietnamMidnight } from '../../domain/time';
import type { DayContext, DemoUnit } from './model';
import {
	CITY,
	DISTRICT,
	LAST_OLD_DATE,
	MERGE_DATE,
	NEW_COMMUNES,
	OLD_COMMUNES,
	PROCEDURE_FIELDS,
	PROVINCE
} from './places';
import { demoId } from './random';
import { buildStaff } from './staff';

export const DESK_SURVEY_CODE = 'DESK3';
export const SIPAS_SURVEY_CODE = 'SIPAS-2025';

// SQLite builds before 3.32 allowed 999 bound parameters per statement; stay below that.
const MAX_PARAMS = 900;

/** Multi-row inserts, chunked so that no statement binds more than MAX_PARAMS values. */
export async function insertChunked<T extends keyof Database & string>(
	db: DbOrTx,
	table: T,
	rows: Insertable<Database[T]>[]
): Promise<void> {
	if (rows.length === 0) return;
	const size = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]).length));
	for (let i = 0; i < rows.length; i += size) {
		await db
			.insertInto(table)
			.values(rows.slice(i, i + size) as never)
			.execute();
	}
}

/** The unit tree, staff, procedure fields and surveys; one transaction with the meta row. */
export async function seedStructure(db: DbOrTx, from: string): Promise<void> {
	for (const code of [PROVINCE.code, CITY.code]) {
		if (await units.byCode(db, code)) {
			throw new Error(
				`A unit with code ${code} already exists; the demo needs a database without it`
			);
		}
	}
	// Fields may already be configured: keep those rows and add the missing ones.
	await db
		.insertInto('procedureFields')
		.values(
			PROCEDURE_FIELDS.map((f) => ({
				id: demoId('field', f.code),
				code: f.code,
				nameVi: f.nameVi,
				nameEn: f.nameEn
			}))
		)
		.onConflict((oc) => oc.column('code').doNothing())
		.execute();

	// Set up two weeks before the first response; the new communes just before the merger.
	const oldAt = vietnamMidnight(addDays(from < LAST_OLD_DATE ? from : LAST_OLD_DATE, -14));
	const newAt = vietnamMidnight(addDays(MERGE_DATE, -10));
	const old = { validTo: LAST_OLD_DATE };
	const province = await units.create(db, { ...PROVINCE, ...old }, oldAt);
	const district = await units.create(db, { ...DISTRICT, parentId: province.id, ...old }, oldAt);
	const oldIds = new Map<string, string>();
	for (const place of OLD_COMMUNES) {
		const { code, name, kind } = place;
		const u = await units.create(db, { code, name, kind, parentId: district.id, ...old }, oldAt);
		oldIds.set(place.code, u.id);
	}
	const city = await units.create(db, { ...CITY, validFrom: MERGE_DATE }, newAt);
	const newIds = new Map<string, string>();
	for (const place of NEW_COMMUNES) {
		const u = await units.create(
			db,
			{
				code: place.code,
				name: place.name,
				kind: place.kind,
				parentId: city.id,
				validFrom: MERGE_DATE
			},
			newAt
		);
		newIds.set(place.code, u.id);
		for (const code of place.predecessors) {
			await units.mergeInto(db, oldIds.get(code)!, u.id, MERGE_DATE);
		}
	}
	await units.mergeInto(db, district.id, city.id, MERGE_DATE);
	await units.mergeInto(db, province.id, city.id, MERGE_DATE);

	const staff = [
		...OLD_COMMUNES.map((p) => buildStaff(p, oldIds.get(p.code)!, oldAt.toISOString())),
		...NEW_COMMUNES.map((p) => buildStaff(p, newIds.get(p.code)!, newAt.toISOString()))
	];
	await insertChunked(
		db,
		'counters',
		staff.flatMap((s) => s.rows.counters)
	);
	await insertChunked(
		db,
		'officers',
		staff.flatMap((s) => s.rows.officers)
	);
	await insertChunked(
		db,
		'kiosks',
		staff.flatMap((s) => s.rows.kiosks)
	);

	const desk = await publishSurvey(db, DESK_SURVEY_CODE, TEMPLATE_NAMES.desk3.vi, 'desk3', oldAt);
	const sipas = await publishSurvey(
		db,
		SIPAS_SURVEY_CODE,
		'Khảo sát mức độ hài lòng của người dân năm 2025',
		'sipas',
		newAt
	);
	const firstDay = from < LAST_OLD_DATE ? from : LAST_OLD_DATE;
	const before = { unitId: province.id, unit: 'HG', validFrom: firstDay, validTo: LAST_OLD_DATE };
	const after = { unitId: city.id, unit: 'CT', validFrom: MERGE_DATE, validTo: null };
	const assignments = [
		// Before the merger residents could also answer the desk survey from the counter's QR code;
		// after it, the city's web channel carries the SIPAS survey instead.
		{ ...before, surveyId: desk, channel: 'kiosk', createdAt: oldAt },
		{ ...before, surveyId: desk, channel: 'web', createdAt: oldAt },
		{ ...after, surveyId: desk, channel: 'kiosk', createdAt: newAt },
		{ ...after, surveyId: sipas, channel: 'web', createdAt: newAt }
	] as const;
	await db
		.insertInto('surveyAssignments')
		.values(
			assignments.map((a) => ({
				id: demoId('assignment', a.surveyId, a.unit, a.channel),
				surveyId: a.surveyId,
				unitId: a.unitId,
				channel: a.channel,
				validFrom: a.validFrom,
				validTo: a.validTo,
				createdAt: a.createdAt.toISOString()
			}))
		)
		.execute();
}

async function publishSurvey(
	db: DbOrTx,
	code: string,
	name: string,
	template: 'desk3' | 'sipas',
	at: Date
): Promise<string> {
	const id = demoId('survey', code);
	const def: SurveyDefinition = templateDefinition(template);
	const createdAt = at.toISOString();
	await db
		.insertInto('surveys')
		.values({
			id,
			code,
			name,
			template,
			ownerUnitId: null,
			draft: null,
			archivedAt: null,
			createdBy: null,
			createdAt,
			updatedAt: createdAt
		})
		.execute();
	await db
		.insertInto('surveyVersions')
		.values({
			id: demoId('survey-version', code, 1),
			surveyId: id,
			version: 1,
			definition: JSON.stringify(def),
			publishedAt: createdAt,
			publishedBy: null
		})
		.execute();
	return id;
}

/** Survey versions and procedure fields as stored, so an extension uses what was published. */
export async function loadContext(db: DbOrTx, until: string, scale: number): Promise<DayContext> {
	const version = async (code: string) => {
		const row = await db
			.selectFrom('surveyVersions')
			.innerJoin('surveys', 'surveys.id', 'surveyVersions.surveyId')
			.select(['surveyVersions.id', 'surveyVersions.definition'])
			.where('surveys.code', '=', code)
			.where('surveyVersions.version', '=', 1)
			.executeTakeFirstOrThrow();
		return { versionId: row.id, def: JSON.parse(row.definition) as SurveyDefinition };
	};
	const fields = await db
		.selectFrom('procedureFields')
		.select(['id', 'code'])
		.where(
			'code',
			'in',
			PROCEDURE_FIELDS.map((f) => f.code)
		)
		.execute();
	return {
		until,
		scale,
		fieldIds: new Map(fields.map((f) => [f.code, f.id])),
		desk: await version(DESK_SURVEY_CODE),
		sipas: await version(SIPAS_SURVEY_CODE)
	};
}

type WorldUnit = DemoUnit & { validFrom: string | null; validTo: string | null };

/** The demo's communes with their (derived) counters, as a run needs them to draw responses. */
export async function loadUnits(db: DbOrTx): Promise<WorldUnit[]> {
	const places = [...OLD_COMMUNES, ...NEW_COMMUNES];
	const rows = await db
		.selectFrom('units')
		.select(['id', 'code'])
		.where(
			'code',
			'in',
			places.map((p) => p.code)
		)
		.execute();
	const byCode = new Map(rows.map((r) => [r.code, r]));
	return places.map((place) => {
		const row = byCode.get(place.code);
		if (!row) throw new Error(`Demo unit ${place.code} is missing; was it deleted?`);
		const merged = 'predecessors' in place;
		const staff = buildStaff(place, row.id, '');
		return {
			id: row.id,
			place,
			counters: staff.counters,
			settings: staff.settings,
			web: merged ? 'sipas' : 'desk',
			// The seed's own dates, not the rows': an administrator may edit a unit's validity.
			validFrom: merged ? MERGE_DATE : null,
			validTo: merged ? null : LAST_OLD_DATE
		};
	});
}
