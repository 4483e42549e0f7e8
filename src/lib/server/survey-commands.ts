import { recorded, type AuditContext } from './audit';
import type { DbOrTx } from './db';
import * as surveyAdmin from './survey-admin';
import * as assignments from './survey-assignments';

// What a manager does to surveys (/admin/surveys): create, import, and assign to units; each
// command writes its change and its audit row in one transaction. An AssignmentError comes out
// with nothing written; the builder's draft and publish are in survey-drafts.ts.

const about = (surveyId: string, action: string, detail: Record<string, unknown>) => ({
	action,
	targetType: 'survey',
	targetId: surveyId,
	detail
});

/** A new survey from a template or blank, owned by a unit or shared (null), for `ctx.actor`. */
export function create(
	db: DbOrTx,
	input: { name: string; start: surveyAdmin.SurveyStart; ownerUnitId: string | null },
	ctx: AuditContext
) {
	return recorded(
		db,
		ctx,
		(tx) => surveyAdmin.create(tx, { ...input, createdBy: ctx.actor.id }),
		(created) =>
			about(created.id, 'survey.create', {
				code: created.code,
				name: created.name,
				start: input.start,
				ownerUnitId: created.ownerUnitId
			})
	);
}

/** A survey from an uploaded file; the problems of a file refused, with nothing written. */
export function importSurvey(
	db: DbOrTx,
	file: { name: string; bytes: Uint8Array },
	ownerUnitId: string | null,
	ctx: AuditContext
): Promise<surveyAdmin.ImportOutcome> {
	return recorded(
		db,
		ctx,
		(tx) => surveyAdmin.importSurvey(tx, file.bytes, { ownerUnitId, createdBy: ctx.actor.id }),
		(result) =>
			result.ok
				? about(result.survey.id, 'survey.import', {
						code: result.survey.code,
						name: result.survey.name,
						ownerUnitId: result.survey.ownerUnitId,
						fromCode: result.source.code,
						fromVersion: result.source.version,
						fileName: file.name.slice(0, 200),
						bytes: file.bytes.byteLength
					})
				: null
	);
}

/** Which assignment an audit row is about: the same four fields on each of its commands. */
const which = (a: assignments.Assignment) => ({
	assignmentId: a.id,
	unitId: a.unitId,
	channel: a.channel,
	validFrom: a.validFrom
});

export function assign(
	db: DbOrTx,
	input: assignments.AssignInput,
	today: string,
	ctx: AuditContext
): Promise<assignments.Assignment> {
	return recorded(
		db,
		ctx,
		(tx) => assignments.assign(tx, input, today),
		(made) => about(input.surveyId, 'survey.assign', { ...which(made), validTo: made.validTo })
	);
}

/** Ends an assignment on `validTo` (its last day). */
export function endAssignment(
	db: DbOrTx,
	target: assignments.Assignment,
	validTo: string,
	today: string,
	ctx: AuditContext
): Promise<assignments.Assignment> {
	return recorded(
		db,
		ctx,
		(tx) => assignments.end(tx, target.id, validTo, today),
		about(target.surveyId, 'survey.assignment_end', {
			...which(target),
			from: target.validTo,
			to: validTo
		})
	);
}

/** Deletes an assignment that has not started. */
export function deleteAssignment(
	db: DbOrTx,
	target: assignments.Assignment,
	today: string,
	ctx: AuditContext
): Promise<assignments.Assignment> {
	return recorded(
		db,
		ctx,
		(tx) => assignments.remove(tx, target.id, today),
		about(target.surveyId, 'survey.assignment_delete', {
			...which(target),
			validTo: target.validTo
		})
	);
}
