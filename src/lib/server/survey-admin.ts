// Over 300 lines: the survey list, scope, templates, creation and import read the same survey
// rows; the commands that write with an audit row are in survey-commands.ts.
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { DbOrTx } from './db';
import type { SurveysTable } from './db/schema';
import { newId, nowIso } from './ids';
import { parseSurveyDefinition, type SurveyDefinition } from '../domain/survey';
import {
	buildEnvelope,
	readEnvelope,
	type ImportProblem,
	type SurveyEnvelope
} from '../domain/survey-envelope';
import { templateDefinition, TEMPLATE_IDS, type TemplateId } from '../domain/templates';
import { foldForSearch, normalizeText } from '../domain/text';
import { ofSurvey, type AssignmentRow } from './survey-assignments';

// Survey management: the list, one survey's versions and assignments, creating a survey from a
// template or an imported file, and export. The draft itself is edited by the builder
// (survey-drafts.ts); assignments live in survey-assignments.ts. Access is the caller's job,
// through the guard (canSeeSurvey, canEditSurvey, canAccessUnit); `withinId` arguments are the
// caller's scope root (scopeRoot), null for everything.

export type Survey = Selectable<SurveysTable>;

/** What a new survey starts from: one of the official templates, or one rating question. */
export type SurveyStart = TemplateId | 'blank';
export const SURVEY_STARTS: SurveyStart[] = [...TEMPLATE_IDS, 'blank'];

/**
 * A fresh definition to start from. A valid survey needs a main rating question, so "blank" is
 * the 3-level desk template reduced to that question; the builder adds the rest.
 */
export function startingDefinition(start: SurveyStart): SurveyDefinition {
	if (start !== 'blank') return templateDefinition(start);
	const desk = templateDefinition('desk3');
	return { ...desk, questions: desk.questions.filter((q) => q.key === desk.mainQuestion) };
}

export async function byId(db: DbOrTx, id: string): Promise<Survey | undefined> {
	return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ListQuery {
	withinId: string | null;
	/** 'YYYY-MM-DD' (Vietnam): which assignments count as in force. */
	today: string;
	limit: number;
	offset: number;
}

export interface SurveyListRow {
	id: string;
	code: string;
	name: string;
	template: string | null;
	ownerUnitId: string | null;
	ownerUnitName: string | null;
	latestVersion: number | null;
	hasDraft: boolean;
	/** Assignments valid today, anywhere: a survey in use should not be changed lightly. */
	assignmentsInForce: number;
	createdAt: string;
}

/** The surveys a user may see (canSeeSurvey): shared ones and those owned inside the scope. */
/**
 * The surveys a user may see (canSeeSurvey) as a query on `surveys as s`: shared ones and those
 * owned inside the scope. Every list of surveys (this page, the dashboard's filter) starts here.
 */
export function visibleSurveys(db: DbOrTx, withinId: string | null) {
	return db
		.selectFrom('surveys as s')
		.$if(withinId !== null, (qb) =>
			qb.where((eb) =>
				eb.or([
					eb('s.ownerUnitId', 'is', null),
					eb(
						's.ownerUnitId',
						'in',
						eb.selectFrom('unitClosure').select('descendantId').where('ancestorId', '=', withinId!)
					)
				])
			)
		);
}

export async function list(db: DbOrTx, q: ListQuery) {
	const visible = visibleSurveys(db, q.withinId);
	const total = await visible
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirst();
	const rows = await visible
		.leftJoin('units as u', 'u.id', 's.ownerUnitId')
		.select((eb) => [
			's.id',
			's.code',
			's.name',
			's.template',
			's.ownerUnitId',
			'u.name as ownerUnitName',
			's.draft',
			's.createdAt',
			eb
				.selectFrom('surveyVersions as v')
				.select((v) => v.fn.max<number | null>('v.version').as('m'))
				.whereRef('v.surveyId', '=', 's.id')
				.as('latestVersion'),
			eb
				.selectFrom('surveyAssignments as a')
				.select((a) => a.fn.countAll<number | string>().as('n'))
				.whereRef('a.surveyId', '=', 's.id')
				.where('a.validFrom', '<=', q.today)
				.where((a) => a.or([a('a.validTo', 'is', null), a('a.validTo', '>=', q.today)]))
				.as('assignmentsInForce')
		])
		.orderBy('s.createdAt', 'desc')
		.orderBy('s.id')
		.limit(q.limit)
		.offset(q.offset)
		.execute();
	return {
		total: Number(total?.n ?? 0),
		rows: rows.map(({ draft, latestVersion, assignmentsInForce, ...r }): SurveyListRow => ({
			...r,
			latestVersion: latestVersion === null ? null : Number(latestVersion),
			hasDraft: draft !== null,
			assignmentsInForce: Number(assignmentsInForce ?? 0)
		}))
	};
}

export interface VersionRow {
	id: string;
	version: number;
	publishedAt: string;
	publishedByName: string | null;
	questionCount: number;
}

/** Published versions, newest first. */
export async function versions(db: DbOrTx, surveyId: string): Promise<VersionRow[]> {
	const rows = await db
		.selectFrom('surveyVersions as v')
		.leftJoin('users as p', 'p.id', 'v.publishedBy')
		.select(['v.id', 'v.version', 'v.definition', 'v.publishedAt', 'p.displayName'])
		.where('v.surveyId', '=', surveyId)
		.orderBy('v.version', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		version: Number(r.version),
		publishedAt: r.publishedAt,
		publishedByName: r.displayName,
		questionCount: countQuestions(r.definition)
	}));
}

function countQuestions(json: string | null): number {
	try {
		const def = JSON.parse(json ?? 'null') as { questions?: unknown };
		return Array.isArray(def?.questions) ? def.questions.length : 0;
	} catch {
		return 0;
	}
}

/** Number of questions in the draft, or null without one (a draft may be work in progress). */
export function draftQuestionCount(survey: Pick<Survey, 'draft'>): number | null {
	return survey.draft === null ? null : countQuestions(survey.draft);
}

export interface SurveyDetail {
	survey: Survey;
	ownerUnitName: string | null;
	versions: VersionRow[];
	/** Questions in the draft; null when there is no draft. */
	draftQuestions: number | null;
	assignments: AssignmentRow[];
}

/** One survey for its page; the caller has checked canSeeSurvey. */
export async function detail(
	db: DbOrTx,
	id: string,
	q: { withinId: string | null; today: string }
): Promise<SurveyDetail | undefined> {
	const found = await db
		.selectFrom('surveys')
		.leftJoin('units', 'units.id', 'surveys.ownerUnitId')
		.selectAll('surveys')
		.select('units.name as ownerUnitName')
		.where('surveys.id', '=', id)
		.executeTakeFirst();
	if (!found) return undefined;
	const { ownerUnitName, ...survey } = found;
	return {
		survey,
		ownerUnitName,
		versions: await versions(db, id),
		draftQuestions: draftQuestionCount(survey),
		assignments: await ofSurvey(db, id, q)
	};
}

export interface CreateInput {
	name: string;
	ownerUnitId: string | null;
	createdBy: string | null;
}

/** A survey with `definition` as its draft and no version yet; publishing is the builder's. */
export async function createWithDraft(
	db: DbOrTx,
	input: CreateInput & { template: string | null; definition: SurveyDefinition },
	now = new Date()
): Promise<Survey> {
	const checked = parseSurveyDefinition(input.definition);
	if (!checked.ok) throw new Error('a new survey must start from a valid definition');
	const name = normalizeText(input.name);
	const row: Survey = {
		id: newId(),
		code: await freeCode(db, name),
		name,
		template: input.template,
		ownerUnitId: input.ownerUnitId,
		draft: JSON.stringify(checked.value),
		archivedAt: null,
		createdBy: input.createdBy,
		createdAt: nowIso(now),
		updatedAt: nowIso(now)
	};
	await db.insertInto('surveys').values(row).execute();
	return row;
}

export async function create(
	db: DbOrTx,
	input: CreateInput & { start: SurveyStart },
	now = new Date()
): Promise<Survey> {
	return createWithDraft(
		db,
		{
			...input,
			template: input.start === 'blank' ? null : input.start,
			definition: startingDefinition(input.start)
		},
		now
	);
}

/**
 * A readable, unique code: the name folded to A-Z0-9 and dashes, plus 4 random characters
 * ("DANH-GIA-TAI-QUAY-7KQ2"), so two surveys of the same name never collide.
 */
async function freeCode(db: DbOrTx, name: string): Promise<string> {
	const slug =
		foldForSearch(name)
			.toUpperCase()
			.replace(/[^A-Z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 30)
			.replace(/-+$/, '') || 'KHAO-SAT';
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	for (;;) {
		const suffix = [...randomBytes(4)].map((b) => alphabet[b % alphabet.length]).join('');
		const code = `${slug}-${suffix}`;
		const taken = await db
			.selectFrom('surveys')
			.select('id')
			.where('code', '=', code)
			.executeTakeFirst();
		if (!taken) return code;
	}
}

export type ImportOutcome =
	| { ok: true; survey: Survey; source: { code: string | null; version: number | null } }
	| { ok: false; problems: ImportProblem[] };

/** Creates a survey whose draft is the definition of an uploaded envelope, if it is valid. */
export async function importSurvey(
	db: DbOrTx,
	bytes: Uint8Array,
	input: Omit<CreateInput, 'name'>,
	now = new Date()
): Promise<ImportOutcome> {
	const read = readEnvelope(bytes);
	if (!read.ok) return read;
	const { name, code, version, definition } = read.value;
	const survey = await createWithDraft(db, { ...input, name, template: null, definition }, now);
	return { ok: true, survey, source: { code, version } };
}

export interface ExportFile {
	filename: string;
	envelope: SurveyEnvelope;
}

/**
 * A published version (`version` given) or the draft (null) in the exchange envelope; null when
 * that version or draft does not exist.
 */
export async function exportSurvey(
	db: DbOrTx,
	survey: Pick<Survey, 'id' | 'code' | 'name' | 'draft'>,
	version: number | null,
	now = new Date()
): Promise<ExportFile | null> {
	let definition: string;
	if (version === null) {
		if (survey.draft === null) return null;
		definition = survey.draft;
	} else {
		const row = await db
			.selectFrom('surveyVersions')
			.select('definition')
			.where('surveyId', '=', survey.id)
			.where('version', '=', version)
			.executeTakeFirst();
		if (!row) return null;
		definition = row.definition;
	}
	// Codes are A-Z, 0-9, '.', '_' and '-' by construction; anything else is dropped from the name.
	const safeCode = survey.code.replace(/[^A-Za-z0-9._-]/g, '');
	return {
		filename: `survey-${safeCode}-${version === null ? 'draft' : `v${version}`}.json`,
		envelope: buildEnvelope({
			name: survey.name,
			code: survey.code,
			version,
			definition: JSON.parse(definition),
			now
		})
	};
}
