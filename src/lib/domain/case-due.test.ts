import { describe, expect, it } from 'vitest';
import { dueState, isOverdue } from './case-due';
import { WEEKDAYS } from './work-calendar';

// 2026-03-06 is a Friday, 2026-03-09 the Monday after.
describe("a case's deadline", () => {
	const due = { deadline: '2026-03-06', status: 'contacted' as const };

	it('is overdue from the day after, unless the case is resolved', () => {
		expect(isOverdue(due, '2026-03-06')).toBe(false);
		expect(isOverdue(due, '2026-03-07')).toBe(true);
		expect(isOverdue({ ...due, status: 'resolved' }, '2026-03-09')).toBe(false);
	});

	it.each([
		['2026-03-04', { overdue: false, dueToday: false, days: 2 }],
		['2026-03-06', { overdue: false, dueToday: true, days: 0 }],
		// The weekend after a Friday deadline is late by no working day yet; Monday is one.
		['2026-03-08', { overdue: true, dueToday: false, days: 0 }],
		['2026-03-09', { overdue: true, dueToday: false, days: 1 }]
	])('counts working days left, due today, and working days late: on %s', (today, state) => {
		expect(dueState(due, today, WEEKDAYS)).toEqual(state);
	});
});
