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

	it('counts working days left, due today, and working days late', () => {
		expect(dueState(due, '2026-03-04', WEEKDAYS)).toEqual({
			overdue: false,
			dueToday: false,
			days: 2
		});
		expect(dueState(due, '2026-03-06', WEEKDAYS)).toEqual({
			overdue: false,
			dueToday: true,
			days: 0
		});
		// The weekend after a Friday deadline is late by no working day yet; Monday is one.
		expect(dueState(due, '2026-03-08', WEEKDAYS)).toEqual({
			overdue: true,
			dueToday: false,
			days: 0
		});
		expect(dueState(due, '2026-03-09', WEEKDAYS)).toEqual({
			overdue: true,
			dueToday: false,
			days: 1
		});
	});
});
