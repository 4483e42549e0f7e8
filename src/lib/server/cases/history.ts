import type { DbOrTx } from '../db';
import type { Updateable } from 'kysely';
import type { CaseStatus, FollowUpCasesTable } from '../db/schema';
import * as audit from '../audit';
import { newId, nowIso } from '../ids';
import type { AuditContext } from './model';

// What every change to a case leaves behind: its time of change, a line of its history (by the
// acting user) and a row of the audit log about the case.

export interface CaseNote {
	body: string;
	statusTo?: CaseStatus | null;
	deadline?: { from: string; to: string; reason: 'hand' | 'calendar' };
}

/** Changes the case's row (`set`, and its time of change). */
export async function updateCase(
	tx: DbOrTx,
	caseId: string,
	set: Pick<Updateable<FollowUpCasesTable>, 'assignedTo' | 'deadline'>,
	now: Date
): Promise<void> {
	await tx
		.updateTable('followUpCases')
		.set({ ...set, updatedAt: nowIso(now) })
		.where('id', '=', caseId)
		.execute();
}

/** A line of the case history, written by `ctx`'s user. */
export async function writeNote(
	tx: DbOrTx,
	caseId: string,
	note: CaseNote,
	ctx: AuditContext,
	now: Date
): Promise<void> {
	await tx
		.insertInto('followUpNotes')
		.values({
			id: newId(),
			caseId,
			userId: ctx.actor.id,
			body: note.body,
			statusTo: note.statusTo ?? null,
			deadlineFrom: note.deadline?.from ?? null,
			deadlineTo: note.deadline?.to ?? null,
			deadlineReason: note.deadline?.reason ?? null,
			createdAt: nowIso(now)
		})
		.execute();
}

/** The audit row of `action` on the case. */
export function recordOnCase(
	tx: DbOrTx,
	caseId: string,
	action: string,
	detail: Record<string, unknown> | null,
	ctx: AuditContext,
	now: Date
): Promise<void> {
	return audit.record(
		tx,
		{ ...ctx, action, targetType: 'follow_up_case', targetId: caseId, detail },
		now
	);
}
