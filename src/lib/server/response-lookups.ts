import type { Db } from './db';
import { allRows, placeholders } from './db/prepared';
import type { Channel } from './db/schema';
import * as surveys from './surveys';
import type { AnswerContext, SurveyDefinition } from '../domain/survey';

/**
 * What record() looks up before it writes, each kept as cheap as its staleness allows:
 * - survey versions are immutable once published: kept for the life of the process;
 * - "this survey is assigned here" can change (a new assignment, a unit moved under another
 *   parent): a yes is kept for ASSIGNED_TTL_MS, a no is never kept, so a new assignment counts
 *   at once and a withdrawn one at most that long after;
 * - officers and procedure fields change under the admins' hands: never cached; only the ids the
 *   answer names are looked up (a primary-key read each, prepared: db/prepared.ts), not the
 *   unit's whole list.
 * Caches are per database handle, so tests with their own databases never see each other's.
 */

export const ASSIGNED_TTL_MS = 10_000;
/** Far more versions than a deployment will ever publish; the map is cleared past it. */
const MAX_VERSIONS = 1000;

interface Caches {
	versions: Map<string, surveys.VersionInForce>;
	assigned: Map<string, number>;
}

const byDb = new WeakMap<Db, Caches>();

function caches(db: Db): Caches {
	let c = byDb.get(db);
	if (!c) {
		c = { versions: new Map(), assigned: new Map() };
		byDb.set(db, c);
	}
	return c;
}

export async function version(db: Db, id: string): Promise<surveys.VersionInForce | null> {
	const c = caches(db).versions;
	const hit = c.get(id);
	if (hit) return hit;
	const found = await surveys.versionById(db, id);
	if (found) {
		if (c.size >= MAX_VERSIONS) c.clear();
		c.set(id, found);
	}
	return found;
}

export async function isAssignedTo(
	db: Db,
	surveyId: string,
	unitId: string,
	channel: Channel,
	now = Date.now()
): Promise<boolean> {
	const c = caches(db).assigned;
	const key = `${surveyId}|${unitId}|${channel}`;
	const until = c.get(key);
	if (until !== undefined && until > now) return true;
	const yes = await surveys.isAssignedTo(db, surveyId, unitId, channel);
	if (yes) c.set(key, now + ASSIGNED_TTL_MS);
	else c.delete(key);
	return yes;
}

/** The ids an answer names for the survey's officer or procedure-field questions. */
export function namedIds(
	def: SurveyDefinition,
	answers: Record<string, unknown>,
	type: 'officer' | 'procedure_field'
): string[] {
	return def.questions
		.filter((q) => q.type === type)
		.map((q) => answers[q.key])
		.filter((v): v is string => typeof v === 'string' && v.length <= 100);
}

/**
 * The officer and procedure-field ids an answer may name: of those it names, the ones that
 * exist (officers of the place's unit, any procedure field). validateAnswers refuses the rest,
 * exactly as if it had been given the full lists.
 */
export async function answerContext(
	db: Db,
	def: SurveyDefinition,
	answers: Record<string, unknown>,
	unitId: string
): Promise<AnswerContext> {
	const officerIds = namedIds(def, answers, 'officer');
	const fieldIds = namedIds(def, answers, 'procedure_field');
	const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
	return {
		officerIds:
			officerIds.length === 0
				? []
				: ids(
						await allRows(
							db,
							`SELECT id FROM officers WHERE unit_id = ? AND id IN (${placeholders(officerIds.length)})`,
							unitId,
							...officerIds
						)
					),
		procedureFieldIds:
			fieldIds.length === 0
				? []
				: ids(
						await allRows(
							db,
							`SELECT id FROM procedure_fields WHERE id IN (${placeholders(fieldIds.length)})`,
							...fieldIds
						)
					)
	};
}
