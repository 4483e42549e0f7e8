import { addDays, weekdayOf } from '../../domain/time';
import { WorkCalendar } from '../../domain/work-calendar';

/**
 * Public holidays on which one-stop desks are closed, close to the official calendars for
 * 2024-2026 (New Year, Tết, Hùng Kings, 30/4-1/5, National Day), so the demo's trend shows the
 * Tết gap that real figures show. Dates after 2026 are not listed: those years get no holidays.
 * Their weekdays are also the demo's working calendar (/admin/calendar), which its follow-up
 * deadlines count.
 */
const HOLIDAY_SPANS: [first: string, days: number, name: string][] = [
	['2024-01-01', 1, 'Tết Dương lịch'],
	['2024-02-08', 7, 'Tết Nguyên đán'],
	['2024-04-18', 1, 'Giỗ Tổ Hùng Vương'],
	['2024-04-27', 5, 'Ngày Giải phóng miền Nam, Quốc tế Lao động'],
	['2024-08-31', 4, 'Quốc khánh'],
	['2025-01-01', 1, 'Tết Dương lịch'],
	['2025-01-25', 9, 'Tết Nguyên đán'],
	['2025-04-07', 1, 'Giỗ Tổ Hùng Vương'],
	['2025-04-30', 5, 'Ngày Giải phóng miền Nam, Quốc tế Lao động'],
	['2025-08-30', 4, 'Quốc khánh'],
	['2026-01-01', 4, 'Tết Dương lịch'],
	['2026-02-14', 9, 'Tết Nguyên đán'],
	['2026-04-27', 1, 'Giỗ Tổ Hùng Vương (nghỉ bù)'],
	['2026-04-30', 4, 'Ngày Giải phóng miền Nam, Quốc tế Lao động'],
	['2026-08-29', 5, 'Quốc khánh']
];

const HOLIDAY_NAMES = new Map(
	HOLIDAY_SPANS.flatMap(([first, days, name]) => span(first, days).map((d) => [d, name] as const))
);

function span(first: string, days: number): string[] {
	return Array.from({ length: days }, (_, i) => addDays(first, i));
}

export function isHoliday(date: string): boolean {
	return HOLIDAY_NAMES.has(date);
}

/** The weekdays off, as the working calendar holds them (a weekend day off changes nothing). */
export function demoDaysOff(): { date: string; kind: 'off'; name: string }[] {
	return [...HOLIDAY_NAMES]
		.filter(([date]) => weekdayOf(date) <= 5)
		.map(([date, name]) => ({ date, kind: 'off' as const, name }));
}

/** The demo's working calendar, for its follow-up deadlines. */
export const DEMO_CALENDAR = new WorkCalendar(demoDaysOff().map((d) => [d.date, d.kind] as const));

/** Days on which a desk may receive residents: not Sunday, not a public holiday. */
export function isOpenDay(date: string): boolean {
	return weekdayOf(date) !== 7 && !HOLIDAY_NAMES.has(date);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
	const out: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
	return out;
}
