import type { DbOrTx } from './db';
import type { Channel } from './db/schema';
import { parseSurveyDefinition, type SurveyDefinition } from '../domain/survey';

export interface VersionInForce {
	id: string;
	surveyId: string;
	version: number;
	definition: SurveyDefinition;
}

const cache = new Map<string, SurveyDefinition>();

/** Parses a stored definition once; versions are immutable, so the cache never goes stale. */
export function definitionOf(versionId: string, json: string): SurveyDefinition {
	let def = cache.get(versionId);
	if (!def) {
		const parsed = parseSurveyDefinition(JSON.parse(json));
		if (!parsed.ok) throw new Error(`stored survey version ${versionId} is invalid`);
		def = parsed.value;
		cache.set(versionId, def);
	}
	return def;
}

/**
 * The survey version a place answers on a date: the assignment on the nearest unit up the tree
 * (the unit itself first) for the channel, valid on that date, then that survey's latest version.
 */
export async function versionInForce(
	db: DbOrTx,
	unitId: string,
	channel: Channel,
	date: string
): Promise<VersionInForce | null> {
	const assignment = await db
		.selectFrom('surveyAssignments as a')
		.innerJoin('unitClosure as c', 'c.ancestorId', 'a.unitId')
		.select(['a.surveyId'])
		.where('c.descendantId', '=', unitId)
		.where('a.channel', '=', channel)
		.where('a.validFrom', '<=', date)
		.where((eb) => eb.or([eb('a.validTo', 'is', null), eb('a.validTo', '>=', date)]))
		.orderBy('c.depth', 'asc')
		.orderBy('a.validFrom', 'desc')
		.executeTakeFirst();
	if (!assignment) return null;
	const version = await db
		.selectFrom('surveyVersions')
		.select(['id', 'surveyId', 'version', 'definition'])
		.where('surveyId', '=', assignment.surveyId)
		.orderBy('version', 'desc')
		.executeTakeFirst();
	if (!version) return null;
	return { ...version, definition: definitionOf(version.id, version.definition) };
}

export async function versionById(db: DbOrTx, id: string): Promise<VersionInForce | null> {
	const version = await db
		.selectFrom('surveyVersions')
		.select(['id', 'surveyId', 'version', 'definition'])
		.where('id', '=', id)
		.executeTakeFirst();
	return version ? { ...version, definition: definitionOf(version.id, version.definition) } : null;
}

/** True when the survey has ever been assigned to the unit or one of its ancestors for the channel. */
export async function isAssignedTo(
	db: DbOrTx,
	surveyId: string,
	unitId: string,
	channel: Channel
): Promise<boolean> {
	const row = await db
		.selectFrom('surveyAssignments as a')
		.innerJoin('unitClosure as c', 'c.ancestorId', 'a.unitId')
		.select('a.id')
		.where('c.descendantId', '=', unitId)
		.where('a.channel', '=', channel)
		.where('a.surveyId', '=', surveyId)
		.executeTakeFirst();
	return row !== undefined;
}
