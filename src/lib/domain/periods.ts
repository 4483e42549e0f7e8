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

/**
 * How month, quarter, 6 and 9 months and year are cut: the calendar, or the reporting cut-off of
 * Decree 09/2019/NĐ-CP ("Kỳ báo cáo theo NĐ 09", 15th to 14th; see report-periods.ts, which
 * resolves those presets on either basis). Today, week and custom dates are the same on both.
 */
export const PERIOD_BASES = ['calendar', 'cutoff'] as const;
export type PeriodBasis = (typeof PERIOD_BASES)[number];

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
	/** The basis the dates were cut on ('calendar' for today, week and custom). */
	basis: PeriodBasis;
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
	return {
		year: Number(date.slice(0, 4)),
		month: Number(date.slice(5, 7)),
		day: Number(date.slice(8, 10))
	};
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
	if (!Number.isInteger(y) || y < 2000 || y > 2100)
		throw new PeriodError('year must be 2000..2100');
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

/** A calendar period; report-periods.ts resolvePeriodOn() also cuts on Decree 09's basis. */
export function resolvePeriod(input: PeriodInput): Period {
	return runningPeriod(extent(input), input.preset, 'calendar', input.today);
}

/** A period's dates with how much of it has elapsed by `today`. */
export function runningPeriod(
	range: DateRange,
	preset: PeriodPreset,
	basis: PeriodBasis,
	today: string
): Period {
	const running = range.from <= today && today < range.to;
	return {
		from: range.from,
		to: range.to,
		preset,
		basis,
		through: running ? today : range.to,
		partial: running
	};
}

/** The preset's preceding period of the same kind, whole. */
function precedingExtent(period: Period): DateRange {
	const { from } = period;
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

const PRESET_MONTHS: Record<'month' | 'quarter' | 'six_months' | 'nine_months' | 'year', number> = {
	month: 1,
	quarter: 3,
	six_months: 6,
	nine_months: 9,
	year: 12
};

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
	const to =
		period.to === monthEnd(period.to) ? monthEnd(minusYear(period.to)) : minusYear(period.to);
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
	/** First days (1 January) of the years lying wholly inside the range. */
	years: string[];
	/** First days of the calendar quarters wholly inside what the years leave. */
	quarters: string[];
	/** First days of the months wholly inside what the years and quarters leave. */
	months: string[];
	/** Mondays of the ISO weeks wholly inside what is left (only when weeks are asked for). */
	weeks: string[];
	/** The days left over, as ranges. */
	days: DateRange[];
}

/** Whole ISO weeks (Monday to Sunday) inside a range, and the days left on each side. */
export function splitWeeks(range: DateRange): { weeks: string[]; days: DateRange[] } {
	let first = weekStart(range.from);
	if (first < range.from) first = addDays(first, 7);
	const weeks: string[] = [];
	for (let w = first; addDays(w, 6) <= range.to; w = addDays(w, 7)) weeks.push(w);
	if (weeks.length === 0) return { weeks, days: [{ ...range }] };
	const days: DateRange[] = [];
	if (range.from < weeks[0]) days.push({ from: range.from, to: addDays(weeks[0], -1) });
	const after = addDays(weeks[weeks.length - 1], 7);
	if (after <= range.to) days.push({ from: after, to: range.to });
	return { weeks, days };
}

export function quarterStart(date: string): string {
	const month = Number(date.slice(5, 7));
	return `${date.slice(0, 4)}-${pad(month - ((month - 1) % 3))}-01`;
}

export function yearStart(date: string): string {
	return `${date.slice(0, 4)}-01-01`;
}

/** Whole units of `months` months (1, 3 or 12) inside a range, and the pieces left on each side. */
function wholeUnits(
	range: DateRange,
	months: number,
	start: (date: string) => string
): { units: string[]; left: DateRange | null; right: DateRange | null } {
	const first =
		start(range.from) === range.from ? range.from : addMonths(start(range.from), months);
	const units: string[] = [];
	let u = first;
	while (addDays(addMonths(u, months), -1) <= range.to) {
		units.push(u);
		u = addMonths(u, months);
	}
	if (units.length === 0) return { units, left: { ...range }, right: null };
	const end = addMonths(units[units.length - 1], months);
	return {
		units,
		left: range.from < units[0] ? { from: range.from, to: addDays(units[0], -1) } : null,
		right: end <= range.to ? { from: end, to: range.to } : null
	};
}

/**
 * Splits a range into whole years, quarters and months (and, if asked, ISO weeks) and loose
 * days: summary figures read one row per year, quarter, month or week where they can and day
 * rows only at the edges, so any preset period reads a handful of rows per key (9 tháng = 3
 * quarters) and an odd custom range a few weeks and at most a dozen days more.
 */
export function splitRange(range: DateRange, withWeeks = false): RangeParts {
	const out: RangeParts = { years: [], quarters: [], months: [], weeks: [], days: [] };
	const byYear = wholeUnits(range, 12, yearStart);
	out.years = byYear.units;
	for (const piece of [byYear.left, byYear.right]) {
		if (!piece) continue;
		const byQuarter = wholeUnits(piece, 3, quarterStart);
		out.quarters.push(...byQuarter.units);
		for (const rest of [byQuarter.left, byQuarter.right]) {
			if (!rest) continue;
			const byMonth = wholeUnits(rest, 1, monthStart);
			out.months.push(...byMonth.units);
			for (const days of [byMonth.left, byMonth.right]) {
				if (!days) continue;
				if (!withWeeks) {
					out.days.push(days);
					continue;
				}
				const byWeek = splitWeeks(days);
				out.weeks.push(...byWeek.weeks);
				out.days.push(...byWeek.days);
			}
		}
	}
	out.quarters.sort();
	out.months.sort();
	out.weeks.sort();
	out.days.sort((a, b) => (a.from < b.from ? -1 : 1));
	return out;
}
