import type { Selectable } from 'kysely';
import type { DbOrTx } from './db';
import type { Channel, SurveyAssignmentsTable } from './db/schema';
import { newId, nowIso } from './ids';
import { addDays } from '../domain/time';

// Which survey a place answers: an assignment puts a survey on a unit for one channel from one
// date to another (both inclusive, Vietnam dates; no end = until further notice).
//
// Levels: versionInForce (surveys.ts) takes the assignment on the NEAREST unit up the tree, so an
// assignment on a commune overrides the one on its province for that commune's subtree. Overlaps
// across levels are therefore the intended way to vary a survey locally, not conflicts. Only two
// assignments on the SAME unit and channel whose dates overlap would leave the choice to chance,
// and that is refused, whatever the surveys (even the same one twice).
//
// Access is the caller's: the guard decides who may assign to or change a unit's assignments.

export type Assignment = Selectable<SurveyAssignmentsTable>;

export interface Conflict {
	assignmentId: string;
	surveyId: string;
	surveyName: string;
	surveyCode: string;
	validFrom: string;
	validTo: string | null;
}

export type AssignmentProblem =
	| { code: 'no_version' }
	| { code: 'archived' }
	| { code: 'dates_reversed' }
	| { code: 'starts_in_past' }
	| { code: 'conflict'; conflict: Conflict }
	| { code: 'not_found' }
	| { code: 'already_started' }
	| { code: 'end_before_start' }
	| { code: 'end_in_past' }
	| { code: 'end_after_end' };

export class AssignmentError extends Error {
	constructor(readonly problem: AssignmentProblem) {
		super(`assignment refused: ${problem.code}`);
	}
}

export const CHANNELS: Channel[] = ['kiosk', 'web'];

export interface AssignInput {
	surveyId: string;
	unitId: string;
	channel: Channel;
	validFrom: string;
	validTo: string | null;
}

export async function byId(db: DbOrTx, id: string): Promise<Assignment | undefined> {
	return db.selectFrom('surveyAssignments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The first assignment on the same unit and channel whose dates overlap the given ones. */
export async function findConflict(
	db: DbOrTx,
	at: { unitId: string; channel: Channel; validFrom: string; validTo: string | null },
	exceptId?: string
): Promise<Conflict | null> {
	const row = await db
		.selectFrom('surveyAssignments as a')
		.innerJoin('surveys as s', 's.id', 'a.surveyId')
		.select(['a.id', 'a.surveyId', 's.name', 's.code', 'a.validFrom', 'a.validTo'])
		.where('a.unitId', '=', at.unitId)
		.where('a.channel', '=', at.channel)
		// Two ranges overlap when each starts before the other ends (open ends never end).
		.$if(at.validTo !== null, (qb) => qb.where('a.validFrom', '<=', at.validTo!))
		.where((eb) => eb.or([eb('a.validTo', 'is', null), eb('a.validTo', '>=', at.validFrom)]))
		.$if(exceptId !== undefined, (qb) => qb.where('a.id', '<>', exceptId!))
		.orderBy('a.validFrom')
		.executeTakeFirst();
	return row
		? {
				assignmentId: row.id,
				surveyId: row.surveyId,
				surveyName: row.name,
				surveyCode: row.code,
				validFrom: row.validFrom,
				validTo: row.validTo
			}
		: null;
}

/**
 * Puts a survey on a unit for a channel. Refused when the survey is archived or has no published
 * version (the kiosk would have nothing to show), when the dates are reversed or start before `today` (that
 * would rewrite what was in force), or on a conflict. Run it in a transaction with its audit row.
 */
export async function assign(
	db: DbOrTx,
	input: AssignInput,
	today: string,
	now = new Date()
): Promise<Assignment> {
	// The dates first: they need no read.
	if (input.validTo !== null && input.validTo < input.validFrom) {
		throw new AssignmentError({ code: 'dates_reversed' });
	}
	if (input.validFrom < today) throw new AssignmentError({ code: 'starts_in_past' });
	const survey = await db
		.selectFrom('surveys')
		.select('archivedAt')
		.where('id', '=', input.surveyId)
		.executeTakeFirst();
	if (!survey) throw new AssignmentError({ code: 'not_found' });
	if (survey.archivedAt !== null) throw new AssignmentError({ code: 'archived' });
	const published = await db
		.selectFrom('surveyVersions')
		.select('id')
		.where('surveyId', '=', input.surveyId)
		.executeTakeFirst();
	if (!published) throw new AssignmentError({ code: 'no_version' });
	const conflict = await findConflict(db, input);
	if (conflict) throw new AssignmentError({ code: 'conflict', conflict });
	const row: Assignment = { id: newId(), ...input, createdAt: nowIso(now) };
	await db.insertInto('surveyAssignments').values(row).execute();
	return row;
}

/**
 * Ends an assignment on `validTo` (its last day). Only shortens: the end may be yesterday at the
 * earliest (stop now) and never later than an end already set, so no conflict can appear and no
 * past day changes survey.
 */
export async function end(
	db: DbOrTx,
	id: string,
	validTo: string,
	today: string
): Promise<Assignment> {
	const current = await byId(db, id);
	if (!current) throw new AssignmentError({ code: 'not_found' });
	if (validTo < current.validFrom) throw new AssignmentError({ code: 'end_before_start' });
	if (validTo < addDays(today, -1)) throw new AssignmentError({ code: 'end_in_past' });
	if (current.validTo !== null && validTo > current.validTo) {
		throw new AssignmentError({ code: 'end_after_end' });
	}
	await db.updateTable('surveyAssignments').set({ validTo }).where('id', '=', id).execute();
	return { ...current, validTo };
}

/** Deletes an assignment that has not started; one that has is part of history: end it. */
export async function remove(db: DbOrTx, id: string, today: string): Promise<Assignment> {
	const current = await byId(db, id);
	if (!current) throw new AssignmentError({ code: 'not_found' });
	if (current.validFrom <= today) throw new AssignmentError({ code: 'already_started' });
	await db.deleteFrom('surveyAssignments').where('id', '=', id).execute();
	return current;
}

export type AssignmentState = 'upcoming' | 'in_force' | 'ended';

export function stateOf(a: Pick<Assignment, 'validFrom' | 'validTo'>, today: string) {
	if (a.validFrom > today) return 'upcoming' satisfies AssignmentState;
	if (a.validTo !== null && a.validTo < today) return 'ended' satisfies AssignmentState;
	return 'in_force' satisfies AssignmentState;
}

export interface AssignmentRow extends Assignment {
	unitName: string;
	unitCode: string;
	state: AssignmentState;
	/** The unit lies in the caller's scope: they may end or delete it (managers and admins). */
	inScope: boolean;
}

/**
 * A survey's assignments a caller should know about: on units of their scope, and on the units
 * above it (those reach the scope unless overridden below). Newest start first.
 */
export async function ofSurvey(
	db: DbOrTx,
	surveyId: string,
	q: { withinId: string | null; today: string }
): Promise<AssignmentRow[]> {
	const rows = await db
		.selectFrom('surveyAssignments as a')
		.innerJoin('units as u', 'u.id', 'a.unitId')
		.selectAll('a')
		.select(['u.name as unitName', 'u.code as unitCode'])
		.select((eb) =>
			(q.withinId === null
				? eb.lit(true)
				: eb(
						'a.unitId',
						'in',
						eb.selectFrom('unitClosure').select('descendantId').where('ancestorId', '=', q.withinId)
					)
			).as('inScope')
		)
		.where('a.surveyId', '=', surveyId)
		.$if(q.withinId !== null, (qb) =>
			qb.where((eb) =>
				eb.or([
					eb(
						'a.unitId',
						'in',
						eb
							.selectFrom('unitClosure')
							.select('descendantId')
							.where('ancestorId', '=', q.withinId!)
					),
					eb(
						'a.unitId',
						'in',
						eb
							.selectFrom('unitClosure')
							.select('ancestorId')
							.where('descendantId', '=', q.withinId!)
					)
				])
			)
		)
		.orderBy('a.validFrom', 'desc')
		.orderBy('u.name')
		.execute();
	return rows.map((r) => ({
		...r,
		state: stateOf(r, q.today),
		// SQLite answers a comparison with 1 or 0.
		inScope: Boolean(r.inScope)
	}));
}
