import type { Db, DbOrTx } from './db';
import * as audit from './audit';
import { newId, nowIso } from './ids';
import { byId, type Survey } from './survey-admin';
import { definitionOf } from './surveys';
import { parseSurveyDefinition, type FieldError, type SurveyDefinition } from '../domain/survey';
import { compatibilityErrors } from '../domain/survey-versions';

/**
 * The editing side of a survey: one mutable draft per survey (surveys.draft) and immutable
 * numbered versions (survey_versions). Publishing freezes the draft as the next version and
 * clears it; the next edit starts from the latest version.
 */

/** A draft as JSON stays well under this; anything larger is not a survey someone typed. */
export const MAX_DRAFT_BYTES = 256 * 1024;

export interface Editable {
	survey: { id: string; code: string; name: string; ownerUnitId: string | null };
	/** The draft when one is saved, otherwise the latest version to start the next draft from. */
	definition: SurveyDefinition;
	hasDraft: boolean;
	/** Published definitions, oldest first (index 0 is version 1). */
	versions: SurveyDefinition[];
	updatedAt: string;
}

export type SaveResult =
	| { ok: true; version?: number }
	/** `stale`: someone else saved or published since the editor loaded the draft. */
	| { ok: false; errors: FieldError[]; stale?: boolean };

async function publishedDefinitions(db: DbOrTx, surveyId: string): Promise<SurveyDefinition[]> {
	const rows = await db
		.selectFrom('surveyVersions')
		.select(['id', 'definition'])
		.where('surveyId', '=', surveyId)
		.orderBy('version', 'asc')
		.execute();
	return rows.map((r) => definitionOf(r.id, r.definition));
}

/** What the builder edits for a survey row (surveyAdmin.byId); null without draft or version. */
export async function editable(db: DbOrTx, row: Survey): Promise<Editable | null> {
	const versions = await publishedDefinitions(db, row.id);
	let definition: SurveyDefinition | null = null;
	if (row.draft !== null) {
		const stored: unknown = JSON.parse(row.draft);
		const parsed = parseSurveyDefinition(stored);
		// Drafts are validated before they are stored; a stored one failing means the rules
		// grew stricter since, and the builder shows the problems when it is saved again.
		definition = parsed.ok ? parsed.value : (stored as SurveyDefinition);
	}
	definition ??= versions.at(-1) ?? null;
	if (!definition) return null;
	return {
		survey: { id: row.id, code: row.code, name: row.name, ownerUnitId: row.ownerUnitId },
		definition,
		hasDraft: row.draft !== null,
		versions,
		updatedAt: row.updatedAt
	};
}

/** Parses a draft posted by the builder: JSON within the size bound, then the survey rules. */
export function parseDraft(json: string): SaveResult & { value?: SurveyDefinition } {
	if (Buffer.byteLength(json, 'utf8') > MAX_DRAFT_BYTES) {
		return { ok: false, errors: [{ path: '', message: 'the survey is larger than 256 KB' }] };
	}
	let input: unknown;
	try {
		input = JSON.parse(json);
	} catch {
		return { ok: false, errors: [{ path: '', message: 'the survey is not valid JSON' }] };
	}
	const parsed = parseSurveyDefinition(input);
	return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

interface Actor {
	id: string;
	username: string;
}

/**
 * The save and publish steps: parses `json`, then in one transaction refuses when the survey is
 * gone or someone else saved or published since the editor loaded it (`expectedUpdatedAt`),
 * otherwise runs `write` and records `action` with the detail it gives.
 */
async function writeDraft<Done extends SaveResult>(
	db: Db,
	actor: Actor,
	surveyId: string,
	draft: { json: string; expectedUpdatedAt: string | null },
	action: string,
	now: Date,
	write: (
		tx: DbOrTx,
		def: SurveyDefinition,
		at: string
	) => Promise<SaveResult | { done: Done; detail: Record<string, unknown> }>
): Promise<Done | SaveResult> {
	const parsed = parseDraft(draft.json);
	if (!parsed.ok || !parsed.value) return parsed;
	const def = parsed.value;
	return db.transaction().execute(async (tx) => {
		const row = await byId(tx, surveyId);
		if (!row) return { ok: false, errors: [{ path: '', message: 'the survey does not exist' }] };
		if (draft.expectedUpdatedAt && row.updatedAt !== draft.expectedUpdatedAt) {
			return { ok: false, errors: [], stale: true };
		}
		const written = await write(tx, def, nowIso(now));
		if (!('done' in written)) return written;
		await audit.record(
			tx,
			{ action, actor, targetType: 'survey', targetId: surveyId, detail: written.detail },
			now
		);
		return written.done;
	});
}

/**
 * Stores a valid draft. `expectedUpdatedAt` is the draft's time when the editor loaded it: a
 * save over someone else's newer save is refused rather than silently overwriting their work.
 */
export function saveDraft(
	db: Db,
	actor: Actor,
	surveyId: string,
	json: string,
	expectedUpdatedAt: string | null,
	now = new Date()
): Promise<SaveResult & { updatedAt?: string }> {
	const draft = { json, expectedUpdatedAt };
	return writeDraft(db, actor, surveyId, draft, 'survey.draft_saved', now, async (tx, def, at) => {
		await tx
			.updateTable('surveys')
			.set({ draft: JSON.stringify(def), updatedAt: at })
			.where('id', '=', surveyId)
			.execute();
		return {
			done: { ok: true as const, updatedAt: at },
			detail: { questions: def.questions.length }
		};
	});
}

/**
 * Saves `json` and freezes it as the next version in one transaction. Refused when the survey
 * rules or the rules across versions fail, or when someone else saved or published meanwhile.
 */
export function publish(
	db: Db,
	actor: Actor,
	surveyId: string,
	json: string,
	expectedUpdatedAt: string | null,
	now = new Date()
): Promise<SaveResult> {
	const draft = { json, expectedUpdatedAt };
	return writeDraft(db, actor, surveyId, draft, 'survey.published', now, async (tx, def, at) => {
		const previous = await publishedDefinitions(tx, surveyId);
		const errors = compatibilityErrors(previous, def);
		if (errors.length > 0) return { ok: false, errors };
		const version = previous.length + 1;
		await tx
			.insertInto('surveyVersions')
			.values({
				id: newId(),
				surveyId,
				version,
				definition: JSON.stringify(def),
				publishedAt: at,
				publishedBy: actor.id
			})
			.execute();
		await tx
			.updateTable('surveys')
			.set({ draft: null, updatedAt: at })
			.where('id', '=', surveyId)
			.execute();
		return {
			done: { ok: true as const, version },
			detail: { version, questions: def.questions.length }
		};
	});
}

/** Drops the draft; the survey goes on with its latest version. Refused when none exists. */
export async function discardDraft(
	db: Db,
	actor: Actor,
	surveyId: string,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (tx) => {
		const versions = await tx
			.selectFrom('surveyVersions')
			.select('id')
			.where('surveyId', '=', surveyId)
			.limit(1)
			.execute();
		if (versions.length === 0) return false;
		const done = await tx
			.updateTable('surveys')
			.set({ draft: null, updatedAt: nowIso(now) })
			.where('id', '=', surveyId)
			.where('draft', 'is not', null)
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) === 0) return false;
		await audit.record(
			tx,
			{ action: 'survey.draft_discarded', actor, targetType: 'survey', targetId: surveyId },
			now
		);
		return true;
	});
}
