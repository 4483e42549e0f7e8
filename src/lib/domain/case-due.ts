import type { WorkCalendar } from './work-calendar';

// What a follow-up case's deadline means on a given day, for the cases list and the case page.

/** The statuses of a follow-up case (the database's follow_up_cases.status). */
export type CaseStatus = 'new' | 'contacted' | 'resolved';

/** Overdue: the deadline day has passed (Vietnam time) and the case is not resolved. */
export function isOverdue(c: { deadline: string; status: CaseStatus }, today: string): boolean {
	return c.status !== 'resolved' && c.deadline < today;
}

export interface DueState {
	overdue: boolean;
	dueToday: boolean;
	/** Working days left, or elapsed since the deadline when overdue (0 on the weekend after). */
	days: number;
}

/** What the deadline means today, for the list and the case page. */
export function dueState(
	c: { deadline: string; status: CaseStatus },
	today: string,
	calendar: WorkCalendar
): DueState {
	const overdue = isOverdue(c, today);
	return {
		overdue,
		dueToday: !overdue && c.deadline === today,
		days: Math.abs(calendar.daysLeft(today, c.deadline))
	};
}
