import { addDays, weekdayOf } from '../../domain/time';

/**
 * Public holidays on which one-stop desks are closed, close to the official calendars for
 * 2024-2026 (New Year, Tết, Hùng Kings, 30/4-1/5, National Day), so the demo's trend shows the
 * Tết gap that real figures show. Dates after 2026 are not listed: those years get no holidays.
 */
const HOLIDAYS = new Set([
	'2024-01-01',
	...span('2024-02-08', 7),
	'2024-04-18',
	...span('2024-04-27', 5),
	...span('2024-08-31', 4),
	'2025-01-01',
	...span('2025-01-25', 9),
	'2025-04-07',
	...span('2025-04-30', 5),
	...span('2025-08-30', 4),
	...span('2026-01-01', 4),
	...span('2026-02-14', 9),
	'2026-04-27',
	...span('2026-04-30', 4),
	...span('2026-08-29', 5)
]);

function span(first: string, days: number): string[] {
	return Array.from({ length: days }, (_, i) => addDays(first, i));
}

export function isHoliday(date: string): boolean {
	return HOLIDAYS.has(date);
}

/** Days on which a desk may receive residents: not Sunday, not a public holiday. */
export function isOpenDay(date: string): boolean {
	return weekdayOf(date) !== 7 && !HOLIDAYS.has(date);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
	const out: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
	return out;
}
