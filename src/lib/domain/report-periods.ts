import {
	PERIOD_BASES,
	PeriodError,
	addMonths,
	daysInMonth,
	resolvePeriod,
	runningPeriod,
	type DateRange,
	type Period,
	type PeriodInput
} from './periods';
import { addDays } from './time';

/**
 * The periods an official report covers. Two bases:
 *
 * - calendar: the calendar month, quarter, January–June, January–September or year;
 * - cutoff ("Kỳ báo cáo theo NĐ 09"): the reporting cut-off of Decree 09/2019/NĐ-CP, art. 12:
 *   a month runs from the 15th of the month before to the 14th; a quarter from 15/12 of the year
 *   before to 14/3, 15/3–14/6, 15/6–14/9, 15/9–14/12; six months 15/12–14/6; nine months
 *   15/12–14/9; a year 15/12 of the year before to 14/12.
 *
 * Dates are Vietnam local dates ('YYYY-MM-DD', the value responses.local_date holds), so a
 * period is pure calendar arithmetic: an answer given at 23:59 on 14/3 Vietnam time (16:59 UTC)
 * is in the first quarter, one at 00:00 on 15/3 (17:00 UTC on 14/3) in the second.
 */

export const REPORT_BASES = PERIOD_BASES;
export type ReportBasis = (typeof REPORT_BASES)[number];

export const REPORT_KINDS = ['month', 'quarter', 'six_months', 'nine_months', 'year'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportPeriodInput {
	basis: ReportBasis;
	kind: ReportKind;
	/** The year the period is named after: the cut-off year 2026 runs 15/12/2025–14/12/2026. */
	year: number;
	/** month: 1..12; quarter: 1..4; ignored otherwise. */
	index?: number;
}

export interface ReportPeriod extends DateRange, ReportPeriodInput {
	/** 1..12 or 1..4 for months and quarters, 1 otherwise. */
	index: number;
}

export class ReportPeriodError extends Error {}

/** Months the period spans and the month it ends in. */
const SHAPE: Record<ReportKind, { months: number; maxIndex: number }> = {
	month: { months: 1, maxIndex: 12 },
	quarter: { months: 3, maxIndex: 4 },
	six_months: { months: 6, maxIndex: 1 },
	nine_months: { months: 9, maxIndex: 1 },
	year: { months: 12, maxIndex: 1 }
};

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

function checkInput(input: ReportPeriodInput): number {
	if (!(REPORT_BASES as readonly string[]).includes(input.basis)) {
		throw new ReportPeriodError('basis must be calendar or cutoff');
	}
	if (!(REPORT_KINDS as readonly string[]).includes(input.kind)) {
		throw new ReportPeriodError('unknown period kind');
	}
	if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
		throw new ReportPeriodError('year must be 2000..2100');
	}
	const { maxIndex } = SHAPE[input.kind];
	const index = maxIndex === 1 ? 1 : (input.index ?? NaN);
	if (!Number.isInteger(index) || index < 1 || index > maxIndex) {
		throw new ReportPeriodError(`index must be 1..${maxIndex}`);
	}
	return index;
}

/** The dates a report covers, both ends included. */
export function reportPeriod(input: ReportPeriodInput): ReportPeriod {
	const index = checkInput(input);
	const { months } = SHAPE[input.kind];
	// The month the period ends in: month m, quarter q ends in month 3q; the others in month 6,
	// 9 and 12 of the year.
	const lastMonth = input.kind === 'month' ? index : input.kind === 'quarter' ? 3 * index : months;
	const lastFirst = `${input.year}-${pad(lastMonth)}-01`;
	const firstMonth = addMonths(lastFirst, 1 - months);
	let from: string;
	let to: string;
	if (input.basis === 'calendar') {
		from = firstMonth;
		to = `${input.year}-${pad(lastMonth)}-${pad(daysInMonth(input.year, lastMonth))}`;
	} else {
		// Cut-off: from the 15th of the month before the first month to the 14th of the last.
		from = addDays(addMonths(firstMonth, -1), 14);
		to = `${input.year}-${pad(lastMonth)}-14`;
	}
	return { ...input, index, from, to };
}

/** The period of the same kind just before (a year's first month follows last December's). */
export function previousReportPeriod(p: ReportPeriod): ReportPeriod {
	const { maxIndex } = SHAPE[p.kind];
	if (maxIndex === 1) return reportPeriod({ ...p, year: p.year - 1 });
	if (p.index > 1) return reportPeriod({ ...p, index: p.index - 1 });
	return reportPeriod({ ...p, year: p.year - 1, index: maxIndex });
}

/** The same period a year earlier ("cùng kỳ năm trước"). */
export function sameReportPeriodLastYear(p: ReportPeriod): ReportPeriod {
	return reportPeriod({ ...p, year: p.year - 1 });
}

/** The latest period of a kind that has closed on or before `today` (Vietnam date). */
export function lastClosedReportPeriod(
	basis: ReportBasis,
	kind: ReportKind,
	today: string
): ReportPeriod {
	const year = Number(today.slice(0, 4));
	const { maxIndex } = SHAPE[kind];
	// Walk back from the periods named after next year; at most 14 steps.
	let p = reportPeriod({ basis, kind, year: year + 1, index: maxIndex });
	while (p.to >= today) p = previousReportPeriod(p);
	return p;
}

/**
 * The month (1..12) and the year it is named after that `date` falls in on a basis: on the
 * cut-off basis the 15th starts the next month, so 20/12/2026 is in month 1 of 2027.
 */
export function reportMonthOf(basis: ReportBasis, date: string): { year: number; month: number } {
	const shifted = basis === 'cutoff' && Number(date.slice(8, 10)) >= 15;
	const first = shifted ? addMonths(`${date.slice(0, 7)}-01`, 1) : date;
	return { year: Number(first.slice(0, 4)), month: Number(first.slice(5, 7)) };
}

/**
 * The dashboard's, the API's and the exports' period on a basis (one code path with the
 * reports: month, quarter, 6 and 9 months and year are cut by reportPeriod on either basis).
 * "Tháng này" is the month holding today; a year or quarter left out is the one holding today
 * (a quarter of another year defaults to its first). Today, week and custom are the calendar's.
 * Throws PeriodError as resolvePeriod does.
 */
export function resolvePeriodOn(basis: ReportBasis, input: PeriodInput): Period {
	const kind = input.preset;
	if (kind === 'today' || kind === 'week' || kind === 'custom') return resolvePeriod(input);
	if (!(REPORT_BASES as readonly string[]).includes(basis)) {
		throw new PeriodError('basis must be calendar or cutoff');
	}
	const now = reportMonthOf(basis, input.today);
	const year = kind === 'month' ? now.year : (input.year ?? now.year);
	let index = 1;
	if (kind === 'month') index = now.month;
	if (kind === 'quarter') {
		index = input.quarter ?? (year === now.year ? Math.ceil(now.month / 3) : 1);
	}
	try {
		const p = reportPeriod({ basis, kind, year, index });
		return runningPeriod(p, kind, basis, input.today);
	} catch (e) {
		if (e instanceof ReportPeriodError) throw new PeriodError(e.message);
		throw e;
	}
}

/** "dd/mm/yyyy", the way a Vietnamese document writes a date. */
export function formatVietnameseDate(date: string): string {
	return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * "ngày 05 tháng 12 năm 2026". Decree 30/2020/NĐ-CP, Appendix I, II.5.b: a day below 10 and the
 * months 1 and 2 take a leading zero ("ngày 05 tháng 02"), so nobody can turn 1 into 11 or 12;
 * the months 3 to 9 are written without one ("ngày 14 tháng 3").
 */
export function documentDateWords(date: string): string {
	const month = Number(date.slice(5, 7));
	const monthText = month <= 2 ? pad(month) : String(month);
	return `ngày ${date.slice(8, 10)} tháng ${monthText} năm ${date.slice(0, 4)}`;
}
