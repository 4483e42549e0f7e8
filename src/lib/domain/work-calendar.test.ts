import { describe, expect, it } from 'vitest';
import { WEEKDAYS, WorkCalendar } from './work-calendar';

// Worked out on a paper calendar: 2026-02-13 is a Friday, 2026-02-16 a Monday (Tết Bính Ngọ
// falls on Tuesday 2026-02-17); 2026-02-28 is a Saturday.
const tet = new WorkCalendar([
	['2026-02-16', 'off'],
	['2026-02-17', 'off'],
	['2026-02-18', 'off'],
	['2026-02-19', 'off'],
	['2026-02-20', 'off'],
	// A Saturday worked in exchange.
	['2026-02-28', 'work'],
	// An exception on a Sunday marked off changes nothing.
	['2026-02-22', 'off']
]);

describe('the working calendar', () => {
	it('counts Monday to Friday when nothing is announced', () => {
		expect(WEEKDAYS.add('2026-02-13', 5)).toBe('2026-02-20');
		expect(WEEKDAYS.add('2026-02-13', 0)).toBe('2026-02-13');
		expect(WEEKDAYS.between('2026-02-13', '2026-02-20')).toBe(5);
		expect(WEEKDAYS.isWorkingDay('2026-02-28')).toBe(false);
	});

	it('skips the days off and counts the Saturday worked', () => {
		expect(tet.isWorkingDay('2026-02-17')).toBe(false);
		expect(tet.isWorkingDay('2026-02-28')).toBe(true);
		expect(tet.isWorkingDay('2026-02-21')).toBe(false);
		// Friday before Tết + 5: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27.
		expect(tet.add('2026-02-13', 5)).toBe('2026-02-27');
		// + 6 lands on the Saturday worked, + 7 on Monday 2 March.
		expect(tet.add('2026-02-13', 6)).toBe('2026-02-28');
		expect(tet.add('2026-02-13', 7)).toBe('2026-03-02');
	});

	it('counts the working days between two dates with the exceptions inside the range only', () => {
		expect(tet.between('2026-02-13', '2026-02-27')).toBe(5);
		expect(tet.between('2026-02-13', '2026-03-02')).toBe(7);
		// From inside the break: the first working day is the 23rd.
		expect(tet.between('2026-02-17', '2026-02-23')).toBe(1);
		// Ranges that end before the break, or start after it, are not touched by it.
		expect(tet.between('2026-02-09', '2026-02-13')).toBe(4);
		expect(tet.between('2026-03-02', '2026-03-06')).toBe(4);
		expect(tet.between('2026-02-20', '2026-02-13')).toBe(0);
	});

	it('says a deadline inside the break is due, and one passed before it is late by working days', () => {
		// Due on the first day of the break: on the Friday before, nothing is left but today.
		expect(tet.daysLeft('2026-02-13', '2026-02-16')).toBe(0);
		// A deadline of Friday the 13th, seen on Monday the 23rd: one working day late.
		expect(tet.daysLeft('2026-02-23', '2026-02-13')).toBe(-1);
		expect(WEEKDAYS.daysLeft('2026-02-23', '2026-02-13')).toBe(-6);
	});

	it('gives the calendar with a day entered or taken out, leaving the original as it was', () => {
		const withSaturday = WEEKDAYS.with('2026-02-28', 'work');
		expect(withSaturday.isWorkingDay('2026-02-28')).toBe(true);
		expect(WEEKDAYS.isWorkingDay('2026-02-28')).toBe(false);
		expect(tet.with('2026-02-17', null).add('2026-02-13', 5)).toBe('2026-02-26');
		expect(tet.add('2026-02-13', 5)).toBe('2026-02-27');
	});
});
