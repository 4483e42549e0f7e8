import { describe, expect, it } from 'vitest';
import {
	ReportPeriodError,
	documentDateWords,
	formatVietnameseDate,
	lastClosedReportPeriod,
	previousReportPeriod,
	reportMonthOf,
	reportPeriod,
	resolvePeriodOn,
	sameReportPeriodLastYear,
	type ReportPeriodInput
} from './report-periods';
import { PeriodError, previousPeriod, samePeriodLastYear } from './periods';
import { vietnamParts, vietnamToday } from './time';

// Answers worked out by hand from Decree 09/2019/NĐ-CP art. 12 and a paper calendar.
const range = (input: ReportPeriodInput) => {
	const p = reportPeriod(input);
	return [p.from, p.to];
};

describe('Decree 09 cut-off periods', () => {
	it('a month runs from the 15th of the month before to the 14th', () => {
		const months = [3, 1, 12].map((index) =>
			range({ basis: 'cutoff', kind: 'month', year: 2026, index })
		);
		expect(months).toEqual([
			['2026-02-15', '2026-03-14'],
			// January starts in December of the year before.
			['2025-12-15', '2026-01-14'],
			['2026-11-15', '2026-12-14']
		]);
	});

	it('quarters run 15/12–14/3, 15/3–14/6, 15/6–14/9, 15/9–14/12', () => {
		const quarters = [1, 2, 3, 4].map((index) =>
			range({ basis: 'cutoff', kind: 'quarter', year: 2026, index })
		);
		expect(quarters).toEqual([
			['2025-12-15', '2026-03-14'],
			['2026-03-15', '2026-06-14'],
			['2026-06-15', '2026-09-14'],
			['2026-09-15', '2026-12-14']
		]);
	});

	it('six months, nine months and the year all start on 15/12 of the year before', () => {
		const kinds = ['six_months', 'nine_months', 'year'] as const;
		expect(kinds.map((kind) => range({ basis: 'cutoff', kind, year: 2026 }))).toEqual([
			['2025-12-15', '2026-06-14'],
			['2025-12-15', '2026-09-14'],
			['2025-12-15', '2026-12-14']
		]);
	});

	it('a leap February is inside the March cut-off month', () => {
		expect(range({ basis: 'cutoff', kind: 'month', year: 2028, index: 3 })).toEqual([
			'2028-02-15',
			'2028-03-14'
		]);
	});

	it('the boundary instant is midnight in Vietnam, not in UTC', () => {
		const q1 = reportPeriod({ basis: 'cutoff', kind: 'quarter', year: 2026, index: 1 });
		const q2 = reportPeriod({ basis: 'cutoff', kind: 'quarter', year: 2026, index: 2 });
		// 16:59:59 UTC on 14/3 is 23:59:59 on 14/3 in Vietnam: the first quarter.
		const late = vietnamParts(new Date('2026-03-14T16:59:59Z')).date;
		expect(late).toBe('2026-03-14');
		expect(late >= q1.from && late <= q1.to).toBe(true);
		// 17:00 UTC on 14/3 is already 15/3 in Vietnam: the second quarter.
		const next = vietnamParts(new Date('2026-03-14T17:00:00Z')).date;
		expect(next).toBe('2026-03-15');
		expect(next >= q2.from && next <= q2.to).toBe(true);
		expect(next > q1.to).toBe(true);
	});

	it('previous and same period last year', () => {
		const m1 = reportPeriod({ basis: 'cutoff', kind: 'month', year: 2026, index: 1 });
		expect([previousReportPeriod(m1).from, previousReportPeriod(m1).to]).toEqual([
			'2025-11-15',
			'2025-12-14'
		]);
		const q1 = reportPeriod({ basis: 'cutoff', kind: 'quarter', year: 2026, index: 1 });
		const prev = previousReportPeriod(q1);
		expect([prev.year, prev.index, prev.from, prev.to]).toEqual([
			2025,
			4,
			'2025-09-15',
			'2025-12-14'
		]);
		const last = sameReportPeriodLastYear(q1);
		expect([last.from, last.to]).toEqual(['2024-12-15', '2025-03-14']);
		const six = reportPeriod({ basis: 'cutoff', kind: 'six_months', year: 2026 });
		expect([previousReportPeriod(six).from, previousReportPeriod(six).to]).toEqual([
			'2024-12-15',
			'2025-06-14'
		]);
	});

	it('the last closed period on a given day', () => {
		// On 14/12/2026 the cut-off year 2026 is still running (it ends that day).
		const running = lastClosedReportPeriod('cutoff', 'year', '2026-12-14');
		expect([running.from, running.to]).toEqual(['2024-12-15', '2025-12-14']);
		const closed = lastClosedReportPeriod('cutoff', 'year', '2026-12-15');
		expect([closed.from, closed.to]).toEqual(['2025-12-15', '2026-12-14']);
		const month = lastClosedReportPeriod('cutoff', 'month', '2026-12-05');
		expect([month.year, month.index, month.from, month.to]).toEqual([
			2026,
			11,
			'2026-10-15',
			'2026-11-14'
		]);
	});
});

describe('calendar periods', () => {
	it('month, quarter, six and nine months, year', () => {
		const periods: ReportPeriodInput[] = [
			{ basis: 'calendar', kind: 'month', year: 2028, index: 2 },
			{ basis: 'calendar', kind: 'quarter', year: 2026, index: 4 },
			{ basis: 'calendar', kind: 'six_months', year: 2026 },
			{ basis: 'calendar', kind: 'nine_months', year: 2026 },
			{ basis: 'calendar', kind: 'year', year: 2026 }
		];
		expect(periods.map(range)).toEqual([
			['2028-02-01', '2028-02-29'],
			['2026-10-01', '2026-12-31'],
			['2026-01-01', '2026-06-30'],
			['2026-01-01', '2026-09-30'],
			['2026-01-01', '2026-12-31']
		]);
	});

	it('a January month follows December of the year before', () => {
		const p = previousReportPeriod(
			reportPeriod({ basis: 'calendar', kind: 'month', year: 2026, index: 1 })
		);
		expect([p.from, p.to]).toEqual(['2025-12-01', '2025-12-31']);
	});

	it('refuses indexes out of range', () => {
		expect(() =>
			reportPeriod({ basis: 'calendar', kind: 'quarter', year: 2026, index: 5 })
		).toThrow(ReportPeriodError);
		expect(() => reportPeriod({ basis: 'cutoff', kind: 'month', year: 2026 })).toThrow(
			ReportPeriodError
		);
		expect(() => reportPeriod({ basis: 'cutoff', kind: 'year', year: 1999 })).toThrow(
			ReportPeriodError
		);
	});
});

describe('dates in a document', () => {
	it('day below 10 and months 1 and 2 take a leading zero (Decree 30/2020)', () => {
		expect(documentDateWords('2026-12-05')).toBe('ngày 05 tháng 12 năm 2026');
		expect(documentDateWords('2026-02-09')).toBe('ngày 09 tháng 02 năm 2026');
		expect(documentDateWords('2026-03-14')).toBe('ngày 14 tháng 3 năm 2026');
		expect(formatVietnameseDate('2025-12-15')).toBe('15/12/2025');
	});
});

// The dashboard's, the API's and the exports' presets on the cut-off basis. "Today" is the
// Vietnam date of an instant, as vietnamToday() gives it to every page.
describe('resolvePeriodOn (dashboard presets, Vietnam time)', () => {
	const at = (instant: string) => vietnamToday(new Date(instant));
	const span = (p: { from: string; to: string }) => [p.from, p.to];

	it('14/3 23:59:59 +07 is in the first cut-off quarter, 15/3 00:00 +07 in the second', () => {
		const late = at('2026-03-14T23:59:59+07:00');
		const q1 = resolvePeriodOn('cutoff', { preset: 'quarter', today: late });
		expect(span(q1)).toEqual(['2025-12-15', '2026-03-14']);
		expect([q1.basis, q1.partial, q1.through]).toEqual(['cutoff', false, '2026-03-14']);
		const early = at('2026-03-15T00:00:00+07:00');
		const q2 = resolvePeriodOn('cutoff', { preset: 'quarter', today: early });
		expect(span(q2)).toEqual(['2026-03-15', '2026-06-14']);
		expect([q2.partial, q2.through]).toEqual([true, '2026-03-15']);
		// The same instants on the calendar basis are both in the first quarter.
		expect(span(resolvePeriodOn('calendar', { preset: 'quarter', today: early }))).toEqual([
			'2026-01-01',
			'2026-03-31'
		]);
	});

	it('the cut-off year runs 15/12 of the year before to 14/12', () => {
		const last = at('2026-12-14T23:59:59+07:00');
		const y2026 = resolvePeriodOn('cutoff', { preset: 'year', today: last });
		expect([y2026.from, y2026.to, y2026.through]).toEqual([
			'2025-12-15',
			'2026-12-14',
			'2026-12-14'
		]);
		// From 15/12 00:00 Vietnam time (17:00 UTC on 14/12) "this year" is the cut-off year 2027.
		const first = at('2026-12-14T17:00:00Z');
		expect(first).toBe('2026-12-15');
		const y2027 = resolvePeriodOn('cutoff', { preset: 'year', today: first });
		expect(span(y2027)).toEqual(['2026-12-15', '2027-12-14']);
		expect(y2027.through).toBe('2026-12-15');
		// A year asked by number is the one named after it.
		expect(span(resolvePeriodOn('cutoff', { preset: 'year', today: first, year: 2026 }))).toEqual([
			'2025-12-15',
			'2026-12-14'
		]);
	});

	it('this month, six and nine months on the cut-off basis', () => {
		expect(span(resolvePeriodOn('cutoff', { preset: 'month', today: '2026-12-06' }))).toEqual([
			'2026-11-15',
			'2026-12-14'
		]);
		expect(span(resolvePeriodOn('cutoff', { preset: 'month', today: '2026-12-20' }))).toEqual([
			'2026-12-15',
			'2027-01-14'
		]);
		expect(
			span(resolvePeriodOn('cutoff', { preset: 'six_months', today: '2026-12-06', year: 2026 }))
		).toEqual(['2025-12-15', '2026-06-14']);
		expect(
			span(resolvePeriodOn('cutoff', { preset: 'nine_months', today: '2026-12-06', year: 2026 }))
		).toEqual(['2025-12-15', '2026-09-14']);
		expect(
			span(resolvePeriodOn('cutoff', { preset: 'quarter', today: '2026-12-06', year: 2025 }))
		).toEqual(['2024-12-15', '2025-03-14']);
		expect(reportMonthOf('cutoff', '2026-03-14')).toEqual({ year: 2026, month: 3 });
		expect(reportMonthOf('cutoff', '2026-03-15')).toEqual({ year: 2026, month: 4 });
		expect(reportMonthOf('calendar', '2026-03-15')).toEqual({ year: 2026, month: 3 });
	});

	it('comparisons of a cut-off period are cut-off periods too', () => {
		const q1 = resolvePeriodOn('cutoff', {
			preset: 'quarter',
			today: '2026-12-06',
			year: 2026,
			quarter: 1
		});
		expect(span(previousPeriod(q1))).toEqual(['2025-09-15', '2025-12-14']);
		expect(span(samePeriodLastYear(q1))).toEqual(['2024-12-15', '2025-03-14']);
		// A running cut-off month is compared over as many days as have passed.
		const month = resolvePeriodOn('cutoff', { preset: 'month', today: '2026-11-20' });
		expect(span(month)).toEqual(['2026-11-15', '2026-12-14']);
		expect(span(previousPeriod(month))).toEqual(['2026-10-15', '2026-10-20']);
	});

	it('today, week and custom are the calendar ones; a bad basis or quarter is refused', () => {
		const week = resolvePeriodOn('cutoff', { preset: 'week', today: '2026-12-06' });
		expect([week.from, week.to, week.basis]).toEqual(['2026-11-30', '2026-12-06', 'calendar']);
		expect(() =>
			resolvePeriodOn('weekly' as 'cutoff', { preset: 'month', today: '2026-12-06' })
		).toThrow(PeriodError);
		expect(() =>
			resolvePeriodOn('cutoff', { preset: 'quarter', today: '2026-12-06', quarter: 5 })
		).toThrow(PeriodError);
	});
});
