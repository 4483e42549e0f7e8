import type { DbOrTx } from '../db';
import type { Localized } from '../../domain/survey';
import { describeResponses } from './answers';

// One case, as its page shows it.

export async function byId(db: DbOrTx, id: string) {
	return db.selectFrom('followUpCases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Everything the case page shows, except the phone number, which the caller may mask. */
export async function detail(db: DbOrTx, id: string) {
	const c = await db
		.selectFrom('followUpCases')
		.innerJoin('responses', 'responses.id', 'followUpCases.responseId')
		.innerJoin('units', 'units.id', 'followUpCases.unitId')
		.leftJoin('counters', 'counters.id', 'responses.counterId')
		.leftJoin('officers', 'officers.id', 'responses.officerId')
		.leftJoin('procedureFields', 'procedureFields.id', 'responses.procedureFieldId')
		.leftJoin('users', 'users.id', 'followUpCases.assignedTo')
		.select([
			'followUpCases.id',
			'followUpCases.responseId',
			'followUpCases.unitId',
			'followUpCases.phone',
			'followUpCases.consentAt',
			'followUpCases.phoneEraseAfter',
			'followUpCases.status',
			'followUpCases.deadline',
			'followUpCases.assignedTo',
			'followUpCases.createdAt',
			'followUpCases.resolvedAt',
			'responses.submittedAt',
			'responses.channel',
			'units.name as unitName',
			'units.code as unitCode',
			'counters.name as counterName',
			'officers.fullName as officerName',
			'procedureFields.nameVi as fieldVi',
			'procedureFields.nameEn as fieldEn',
			'users.displayName as assignedName'
		])
		.where('followUpCases.id', '=', id)
		.executeTakeFirst();
	if (!c) return undefined;
	const [answers, notes] = await Promise.all([
		describeResponses(db, [c.responseId]),
		db
			.selectFrom('followUpNotes')
			.leftJoin('users', 'users.id', 'followUpNotes.userId')
			.select([
				'followUpNotes.id',
				'followUpNotes.body',
				'followUpNotes.statusTo',
				'followUpNotes.deadlineFrom',
				'followUpNotes.deadlineTo',
				'followUpNotes.deadlineReason',
				'followUpNotes.createdAt',
				'users.displayName as author'
			])
			.where('followUpNotes.caseId', '=', id)
			.orderBy('followUpNotes.createdAt')
			.orderBy('followUpNotes.id')
			.execute()
	]);
	return {
		...c,
		procedureField: c.fieldVi ? ({ vi: c.fieldVi, en: c.fieldEn ?? undefined } as Localized) : null,
		answers: answers.get(c.responseId) ?? { rating: null, reasons: [], comment: null, others: [] },
		notes
	};
}
