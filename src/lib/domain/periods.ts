import { addDays, isIsoDate, weekdayOf } from './time';

/**
 * Reporting periods in Vietnam time. Every date here is a local 'YYYY-MM-DD' date, the same
 * value responses.local_date holds, so a period never needs a time zone: 'today' is passed in
 * (vietnamToday()) and everything else is calendar arithmetic. Ranges include both ends.
 *
 * Presets follow the Vietnamese reporting calendar (kỳ báo cáo): a quarter is the calendar
 * quarter, "6 tháng" is January to June and "9 tháng" January to September of the selected
 * year, "năm" the whole year; weeks are ISO weeks starting on Monday.
 */

export const PERIOD_PRESETS = [
	'today',
	'week',
	'month',
	'quarter',
	'six_months',
	'nine_months',
	'year',
	'custom'
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export type ComparisonKind = 'previous' | 'last_year';

export interface DateRange {
	from: string;
	to: string;
}

export interface PeriodInput {
	preset: PeriodPreset;
	/** Today in Vietnam ('YYYY-MM-DD'): the reference for every preset. */
	today: string;
	/** quarter, six_months, nine_months, year: the year reported on (default: today's). */
	year?: number;
	/** quarter: 1..4 (default: the quarter containing today, or Q1 of another year). */
	quarter?: number;
	/** custom: both ends, included. */
	from?: string;
	to?: string;
}

export interface Period extends DateRange {
	preset: PeriodPreset;
	/**
	 * The last day that can hold answers so far: `to`, or today when the period is still running
	 * (then `partial` is true). Comparisons cover as many days as have elapsed, so a month half
	 * gone is compared with the first half of the month before, not with a whole month.
	 */
	through: string;
	partial: boolean;
}

export class PeriodError extends Error {}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

function ymd(year: number, month: number, day: number): string {
	return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function parts(date: string): { year: number; month: number; day: number } {
	return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Number of days in a month (month 1..12). */
export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Days in a range, both ends included. */
export function rangeLength(range: DateRange): number {
	return daysBetween(range.from, range.to) + 1;
}

/** Adds calendar months; the day is clamped to the end of a shorter month (31/3 - 1 = 28/2). */
export function addMonths(date: string, months: number): string {
	const { year, month, day } = parts(date);
	const index = year * 12 + (month - 1) + months;
	const y = Math.floor(index / 12);
	const m = (index % 12) + 1;
	return ymd(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Same date a year earlier; 29 February becomes 28 February. */
export function minusYear(date: string): string {
	return addMonths(date, -12);
}

export function monthStart(date: string): string {
	return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: string): string {
	const { year, month } = parts(date);
	return ymd(year, month, daysInMonth(year, month));
}

/** Monday of the ISO week holding `date`. */
export function weekStart(date: string): string {
	return addDays(date, 1 - weekdayOf(date));
}

/** ISO-8601 week number and week-year: week 1 holds the year's first Thursday. */
export function isoWeek(date: string): { year: number; week: number } {
	const thursday = addDays(date, 4 - weekdayOf(date));
	const year = Number(thursday.slice(0, 4));
	return { year, week: Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1 };
}

function checkDate(value: string | undefined, name: string): string {
	if (value === undefined || !isIsoDate(value)) {
		throw new PeriodError(`${name} must be a date YYYY-MM-DD`);
	}
	return value;
}

function checkYear(year: number | undefined, fallback: number): number {
	const y = year ?? fallback;
	if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new PeriodError('year must be 2000..2100');
	return y;
}

/** The calendar extent of a preset. */
function extent(input: PeriodInput): DateRange {
	const today = checkDate(input.today, 'today');
	const now = parts(today);
	switch (input.preset) {
		case 'today':
			return { from: today, to: today };
		case 'week': {
			const from = weekStart(today);
			return { from, to: addDays(from, 6) };
		}
		case 'month':
			return { from: monthStart(today), to: monthEnd(today) };
		case 'quarter': {
			const year = checkYear(input.year, now.year);
			const fallback = year === now.year ? Math.ceil(now.month / 3) : 1;
			const q = input.quarter ?? fallback;
			if (!Number.isInteger(q) || q < 1 || q > 4) throw new PeriodError('quarter must be 1..4');
			const first = ymd(year, 3 * q - 2, 1);
			return { from: first, to: monthEnd(addMonths(first, 2)) };
		}
		case 'six_months': {
			const year = checkYear(input.year, now.year);
			return { from: ymd(year, 1, 1), to: ymd(year, 6, 30) };
		}
		case 'nine_months': {
			const year = checkYear(input.year, now.year);
			return { from: ymd(year, 1, 1), to: ymd(year, 9, 30) };
		}
		case 'year': {
			const year = checkYear(input.year, now.year);
			return { from: ymd(year, 1, 1), to: ymd(year, 12, 31) };
		}
		case 'custom': {
			const from = checkDate(input.from, 'from');
			const to = checkDate(input.to, 'to');
			if (to < from) throw new PeriodError('to must not be before from');
			return { from, to };
		}
	}
}

export function resolvePeriod(input: PeriodInput): Period {
	const range = extent(input);
	const running = range.from <= input.today && input.today < range.to;
	return {
		...range,
		preset: input.preset,
		through: running ? input.today : range.to,
		partial: running
	};
}

/** The preset's preceding period of the same kind, whole. */
function precedingExtent(period: Period): DateRange {
	const { from, to } = period;
	switch (period.preset) {
		case 'today':
		case 'week':
		case 'custom': {
			const days = rangeLength(period);
			return { from: addDays(from, -days), to: addDays(from, -1) };
		}
		default: {
			// Whole months: 6 tháng (Jan-Jun) follows Jul-Dec of the year before, 9 tháng (Jan-Sep)
			// follows Apr-Dec, a quarter the quarter before.
			const months = PRESET_MONTHS[period.preset];
			return { from: addMonths(from, -months), to: addDays(from, -1) };
		}
	}
}

const PRESET_MONTHS: Record<'month' | 'quarter' | 'six_months' | 'nine_months' | 'year', number> =
	{ month: 1, quarter: 3, six_months: 6, nine_months: 9, year: 12 };

/** Cuts a comparison range to as many days as the current period has had so far. */
function aligned(range: DateRange, period: Period): DateRange {
	if (!period.partial) return range;
	const elapsed = daysBetween(period.from, period.through);
	const to = addDays(range.from, elapsed);
	return { from: range.from, to: to < range.to ? to : range.to };
}

/** "So với kỳ trước": the preceding period of the same kind, cut to the elapsed length. */
export function previousPeriod(period: Period): DateRange {
	return aligned(precedingExtent(period), period);
}

/**
 * "So với cùng kỳ năm trước": the same dates a year earlier. A week is moved back 52 weeks
 * instead, so it still runs Monday to Sunday (Mondays carry the weekend's backlog).
 */
export function samePeriodLastYear(period: Period): DateRange {
	if (period.preset === 'week') {
		return aligned({ from: addDays(period.from, -364), to: addDays(period.to, -364) }, period);
	}
	const from = minusYear(period.from);
	// A range ending on the last day of February ends on the last day of February a year
	// earlier, whatever the leap years.
	const to = period.to === monthEnd(period.to) ? monthEnd(minusYear(period.to)) : minusYear(period.to);
	return aligned({ from, to }, period);
}

export function comparisonRange(period: Period, kind: ComparisonKind): DateRange {
	return kind === 'previous' ? previousPeriod(period) : samePeriodLastYear(period);
}

export type TrendGrain = 'day' | 'week' | 'month';

/** A trend reads best with 7 to 31 points: days up to a month, weeks up to a quarter. */
export function trendGrain(range: DateRange): TrendGrain {
	const days = rangeLength(range);
	if (days <= 31) return 'day';
	if (days <= 92) return 'week';
	return 'month';
}

export interface Bucket extends DateRange {
	/** Day, Monday of the ISO week or first of the month; `from`/`to` are cut to the range. */
	key: string;
}

export function bucketKey(date: string, grain: TrendGrain): string {
	if (grain === 'day') return date;
	return grain === 'week' ? weekStart(date) : monthStart(date);
}

/** The trend's buckets over a range, in order, the first and last cut to the range. */
export function buckets(range: DateRange, grain: TrendGrain): Bucket[] {
	const out: Bucket[] = [];
	let key = bucketKey(range.from, grain);
	while (key <= range.to) {
		const next =
			grain === 'day' ? addDays(key, 1) : grain === 'week' ? addDays(key, 7) : addMonths(key, 1);
		const end = addDays(next, -1);
		out.push({
			key,
			from: key < range.from ? range.from : key,
			to: end > range.to ? range.to : end
		});
		key = next;
	}
	return out;
}

export interface RangeParts {
	/** First days of the months lying wholly inside the range. */
	months: string[];
	/** The days left over at either end, as up to two ranges. */
	days: DateRange[];
}

/**
 * Splits a range into whole months and loose days, so summary figures read one row per month
 * where they can and one row per day only at the edges.
 */
export function splitRange(range: DateRange): RangeParts {
	const months: string[] = [];
	const firstWhole = range.from === monthStart(range.from) ? range.from : addMonths(monthStart(range.from), 1);
	let m = firstWhole;
	while (monthEnd(m) <= range.to) {
		months.push(m);
		m = addMonths(m, 1);
	}
	if (months.length === 0) return { months, days: [{ ...range }] };
	const days: DateRange[] = [];
	if (range.from < months[0]) days.push({ from: range.from, to: addDays(months[0], -1) });
	const after = addMonths(months[months.length - 1], 1);
	if (after <= range.to) days.push({ from: after, to: range.to });
	return { months, days };
}
