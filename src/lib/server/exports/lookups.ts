import type { SurveyDefinition } from '../../domain/survey';
import type { DbOrTx } from '../db';
import { definitionOf } from '../surveys';

// Names the answer rows refer to, loaded once per export: a province has a few thousand
// counters and officers, far cheaper to hold than to join on every chunk.

export interface VersionInfo {
	surveyCode: string;
	surveyName: string;
	version: number;
	definition: SurveyDefinition;
}

export interface Lookups {
	counters: Map<string, string>;
	officers: Map<string, string>;
	fields: Map<string, string>;
	versions: Map<string, VersionInfo>;
}

export async function loadLookups(db: DbOrTx): Promise<Lookups> {
	const counters = await db.selectFrom('counters').select(['id', 'name']).execute();
	const officers = await db.selectFrom('officers').select(['id', 'fullName']).execute();
	const fields = await db.selectFrom('procedureFields').select(['id', 'nameVi']).execute();
	const versions = await db
		.selectFrom('surveyVersions')
		.innerJoin('surveys', 'surveys.id', 'surveyVersions.surveyId')
		.select([
			'surveyVersions.id',
			'surveyVersions.version',
			'surveyVersions.definition',
			'surveys.code',
			'surveys.name'
		])
		.execute();
	return {
		counters: new Map(counters.map((c) => [c.id, c.name])),
		officers: new Map(officers.map((o) => [o.id, o.fullName])),
		fields: new Map(fields.map((f) => [f.id, f.nameVi])),
		versions: new Map(
			versions.map((v) => [
				v.id,
				{
					surveyCode: v.code,
					surveyName: v.name,
					version: v.version,
					definition: definitionOf(v.id, v.definition)
				}
			])
		)
	};
}
