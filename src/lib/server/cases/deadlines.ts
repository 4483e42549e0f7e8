import type { DbOrTx } from '../db';
import { vietnamMidnight } from '../../domain/time';
import { followUpDeadline, type WorkCalendar } from '../../domain/work-calendar';
import { recordOnCase, updateCase, writeNote } from './history';
import type { AuditContext } from './model';

export { dueState, isOverdue, type DueState } from '../../domain/case-due';

// Deadlines count working days: Monday to Friday, less the days off and plus the weekend days
// worked that an administrator entered (work-calendar.ts). What a deadline means today (overdue,
// due today, days left) is pure and lives in $lib/domain/case-due.ts.

/**
 * After the working calendar changed on `date` (a day added or removed): the open cases whose
 * deadline is still their default under the calendar before the change get their default under
 * the new one, each with a line in its history and in the audit log. A deadline a leader set by hand is left alone.
 * Only cases received before that day, with a deadline on or after it, can be concerned.
 * Returns how many moved.
 */
export async function refitDeadlines(
	tx: DbOrTx,
	change: { date: string; before: WorkCalendar; after: WorkCalendar },
	ctx: AuditContext,
	now = new Date()
): Promise<number> {
	const open = await tx
		.selectFrom('followUpCases')
		.select(['id', 'createdAt', 'deadline'])
		.where('status', '!=', 'resolved')
		.where('deadline', '>=', change.date)
		.where('createdAt', '<', vietnamMidnight(change.date).toISOString())
		.execute();
	let moved = 0;
	for (const c of open) {
		if (c.deadline !== followUpDeadline(c.createdAt, change.before)) continue;
		const deadline = followUpDeadline(c.createdAt, change.after);
		if (deadline === c.deadline) continue;
		await updateCase(tx, c.id, { deadline }, now);
		await deadlineNote(tx, c.id, { from: c.deadline, to: deadline, reason: 'calendar' }, ctx, now);
		moved++;
	}
	return moved;
}

/** A deadline change: a line of the case history and of the audit log. */
export async function deadlineNote(
	tx: DbOrTx,
	caseId: string,
	move: { from: string; to: string; reason: 'hand' | 'calendar' },
	ctx: AuditContext,
	now: Date
): Promise<void> {
	await writeNote(tx, caseId, { body: '', deadline: move }, ctx, now);
	await recordOnCase(tx, caseId, 'case.deadline', move, ctx, now);
}
