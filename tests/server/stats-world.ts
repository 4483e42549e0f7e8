import type { Insertable } from 'kysely';
import { isPostgres, sqliteOf, type Db } from '../../src/lib/server/db/index';
import { BatchWriter, type IngestJob, type IngestOutcome } from '../../src/lib/server/ingest/batch';
import { PgBatchWriter } from '../../src/lib/server/ingest/pg-batch';
import type { ResponseAnswersTable, ResponsesTable } from '../../src/lib/server/db/schema';
import * as units from '../../src/lib/server/units';
import { templateDefinition, type TemplateId } from '../../src/lib/domain/templates';
import { weekdayOf } from '../../src/lib/domain/time';

/** A survey as the stats tests need it: its versions and its main question's scale. */
export interface TestSurvey {
	id: string;
	versionIds: string[];
	levels: number;
	satisfiedFrom: number;
}

const TEMPLATE_SCALE: Record<'desk3' | 'desk4' | 'sipas', [number, number]> = {
	desk3: [3, 2],
	desk4: [4, 3],
	sipas: [5, 4]
};

export async function addSurvey(
	db: Db,
	code: string,
	template: 'desk3' | 'desk4' | 'sipas',
	versions = 1
): Promise<TestSurvey> {
	const at = '2025-12-01T00:00:00.000Z';
	const id = `survey-${code}`;
	await db
		.insertInto('surveys')
		.values({
			id,
			code,
			name: code,
			template: template as TemplateId,
			ownerUnitId: null,
			draft: null,
			archivedAt: null,
			createdBy: null,
			createdAt: at,
			updatedAt: at
		})
		.execute();
	const versionIds: string[] = [];
	for (let v = 1; v <= versions; v++) {
		const vid = `${id}-v${v}`;
		await db
			.insertInto('surveyVersions')
			.values({
				id: vid,
				surveyId: id,
				version: v,
				definition: JSON.stringify(templateDefinition(template)),
				publishedAt: at,
				publishedBy: null
			})
			.execute();
		versionIds.push(vid);
	}
	const [levels, satisfiedFrom] = TEMPLATE_SCALE[template];
	return { id, versionIds, levels, satisfiedFrom };
}

export async function addCounter(db: Db, unitId: string, number: number): Promise<string> {
	const id = `counter-${unitId.slice(0, 8)}-${number}`;
	const at = '2025-12-01T00:00:00.000Z';
	await db
		.insertInto('counters')
		.values({ id, unitId, number, name: `Quầy ${number}`, createdAt: at, updatedAt: at })
		.execute();
	return id;
}

export async function addOfficer(db: Db, unitId: string, name: string): Promise<string> {
	const id = `officer-${name}`;
	const at = '2025-12-01T00:00:00.000Z';
	await db
		.insertInto('officers')
		.values({
			id,
			unitId,
			counterId: null,
			fullName: name,
			searchText: name.toLowerCase(),
			title: 'Công chức',
			photoMime: null,
			photo: null,
			createdAt: at,
			updatedAt: at
		})
		.execute();
	return id;
}

export async function addField(db: Db, code: string, nameVi: string): Promise<string> {
	const id = `field-${code}`;
	await db.insertInto('procedureFields').values({ id, code, nameVi, nameEn: null }).execute();
	return id;
}

export interface ResponseSpec {
	id: string;
	unitId: string;
	survey: TestSurvey;
	version?: number;
	date: string;
	hour?: number;
	level: number | null;
	channel?: 'kiosk' | 'web';
	counterId?: string | null;
	officerId?: string | null;
	fieldId?: string | null;
	burst?: boolean;
	outOfHours?: boolean;
	reasons?: string[];
}

/** The rows record() would write for a response, without its validation. */
export function responseRows(s: ResponseSpec): {
	response: Insertable<ResponsesTable>;
	answers: Insertable<ResponseAnswersTable>[];
} {
	const hour = s.hour ?? 9;
	const at = new Date(Date.parse(`${s.date}T00:00:00Z`) + (hour - 7) * 3600_000).toISOString();
	const response: Insertable<ResponsesTable> = {
		id: s.id,
		surveyVersionId: s.survey.versionIds[(s.version ?? 1) - 1],
		unitId: s.unitId,
		counterId: s.counterId ?? null,
		officerId: s.officerId ?? null,
		procedureFieldId: s.fieldId ?? null,
		kioskId: null,
		channel: s.channel ?? 'kiosk',
		startedAt: null,
		submittedAt: at,
		receivedAt: at,
		durationMs: null,
		localDate: s.date,
		localHour: hour,
		weekday: weekdayOf(s.date),
		mainLevel: s.level,
		mainLevels: s.survey.levels,
		satisfied: s.level === null ? null : Number(s.level >= s.survey.satisfiedFrom),
		flagBurst: s.burst ? 1 : 0,
		flagOutOfHours: s.outOfHours ? 1 : 0,
		locale: 'vi'
	};
	const answers: Insertable<ResponseAnswersTable>[] = [];
	if (s.level !== null) {
		answers.push({
			responseId: s.id,
			questionKey: 'satisfaction',
			seq: 0,
			valueInt: s.level,
			valueText: null
		});
	}
	(s.reasons ?? []).forEach((reason, seq) =>
		answers.push({
			responseId: s.id,
			questionKey: 'reasons',
			seq,
			valueInt: null,
			valueText: reason
		})
	);
	return { response, answers };
}

/** Inserts the responses as record() would, without touching the summaries. */
export async function insertResponses(db: Db, specs: ResponseSpec[]): Promise<void> {
	for (const s of specs) {
		const { response, answers } = responseRows(s);
		await db.insertInto('responses').values(response).execute();
		if (answers.length > 0) await db.insertInto('responseAnswers').values(answers).execute();
	}
}

/** Hậu Giang > Phụng Hiệp > Tân Bình, Hòa An; Cần Thơ > Tân Bình (mới) with the old Tân Bình merged. */
export async function mergedTree(db: Db) {
	const hg = await units.create(db, { code: 'HG', name: 'Tỉnh Hậu Giang', kind: 'province' });
	const ph = await units.create(db, {
		code: 'PH',
		name: 'Huyện Phụng Hiệp',
		kind: 'district',
		parentId: hg.id
	});
	const tb = await units.create(db, {
		code: 'TB',
		name: 'Xã Tân Bình',
		kind: 'commune',
		parentId: ph.id
	});
	const ha = await units.create(db, {
		code: 'HA',
		name: 'Xã Hòa An',
		kind: 'commune',
		parentId: ph.id
	});
	const ct = await units.create(db, { code: 'CT', name: 'Thành phố Cần Thơ', kind: 'city' });
	const tbNew = await units.create(db, {
		code: 'TBM',
		name: 'Xã Tân Bình (mới)',
		kind: 'commune',
		parentId: ct.id,
		validFrom: '2025-07-01'
	});
	await units.mergeInto(db, tb.id, tbNew.id, '2025-07-01');
	return { hg, ph, tb, ha, ct, tbNew };
}

/**
 * Writes responses as record() does once they are validated: one transaction through the
 * answer writer's batch (ingest/batch.ts), which appends their pending summary rows.
 */
export async function writeBatch(db: Db, specs: ResponseSpec[]): Promise<IngestOutcome[]> {
	const jobs: IngestJob[] = specs.map((s) => {
		const { response, answers } = responseRows(s);
		return {
			row: response as IngestJob['row'],
			answers: answers.map((a) => ({
				questionKey: a.questionKey,
				seq: a.seq,
				valueInt: a.valueInt ?? null,
				valueText: a.valueText ?? null,
				searchText: null
			})),
			followUp: null,
			minIntervalMs: 0,
			kioskTokenHash: null
		};
	});
	if (isPostgres(db)) return new PgBatchWriter(db).write(jobs);
	return db.connection().execute(async () => new BatchWriter(sqliteOf(db).sqlite).write(jobs));
}
