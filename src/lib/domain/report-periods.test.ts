import { describe, expect, it } from 'vitest';
import {
	ReportPeriodError,
	documentDateWords,
	formatVietnameseDate,
	lastClosedReportPeriod,
	previousReportPeriod,
	reportPeriod,
	sameReportPeriodLastYear,
	type ReportPeriodInput
} from './report-periods';
import { vietnamParts } from './time';

// Answers worked out by hand from Decree 09/2019/NĐ-CP art. 12 and a paper calendar.
const range = (input: ReportPeriodInput) => {
	const p = reportPeriod(input);
	return [p.from, p.to];
};

describe('Decree 09 cut-off periods', () => {
	it('a month runs from the 15th of the month before to the 14th', () => {
		expect(range({ basis: 'cutoff', kind: 'month', year: 2026, index: 3 })).toEqual([
			'2026-02-15',
			'2026-03-14'
		]);
		// January starts in December of the year before.
		expect(range({ basis: 'cutoff', kind: 'month', year: 2026, index: 1 })).toEqual([
			'2025-12-15',
			'2026-01-14'
		]);
		expect(range({ basis: 'cutoff', kind: 'month', year: 2026, index: 12 })).toEqual([
			'2026-11-15',
			'2026-12-14'
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
		expect(range({ basis: 'cutoff', kind: 'six_months', year: 2026 })).toEqual([
			'2025-12-15',
			'2026-06-14'
		]);
		expect(range({ basis: 'cutoff', kind: 'nine_months', year: 2026 })).toEqual([
			'2025-12-15',
			'2026-09-14'
		]);
		expect(range({ basis: 'cutoff', kind: 'year', year: 2026 })).toEqual([
			'2025-12-15',
			'2026-12-14'
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
		expect(range({ basis: 'calendar', kind: 'month', year: 2028, index: 2 })).toEqual([
			'2028-02-01',
			'2028-02-29'
		]);
		expect(range({ basis: 'calendar', kind: 'quarter', year: 2026, index: 4 })).toEqual([
			'2026-10-01',
			'2026-12-31'
		]);
		expect(range({ basis: 'calendar', kind: 'six_months', year: 2026 })).toEqual([
			'2026-01-01',
			'2026-06-30'
		]);
		expect(range({ basis: 'calendar', kind: 'nine_months', year: 2026 })).toEqual([
			'2026-01-01',
			'2026-09-30'
		]);
		expect(range({ basis: 'calendar', kind: 'year', year: 2026 })).toEqual([
			'2026-01-01',
			'2026-12-31'
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
