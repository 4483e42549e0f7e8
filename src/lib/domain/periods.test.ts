import { describe, expect, it } from 'vitest';
import {
	PeriodError,
	addMonths,
	buckets,
	isoWeek,
	previousPeriod,
	quarterStart,
	resolvePeriod,
	samePeriodLastYear,
	splitRange,
	trendGrain,
	type RangeParts,
	weekStart,
	yearStart,
	type PeriodInput
} from './periods';

// Boundaries below were worked out on a paper calendar. 2026-11-28 is a Saturday.
const today = '2026-11-28';
const resolve = (input: Omit<PeriodInput, 'today'> & { today?: string }) =>
	resolvePeriod({ today, ...input });

describe('resolvePeriod', () => {
	it('today is one day, still running', () => {
		expect(resolve({ preset: 'today' })).toEqual({
			preset: 'today',
			basis: 'calendar',
			from: '2026-11-28',
			to: '2026-11-28',
			through: '2026-11-28',
			partial: false
		});
	});

	it('a week runs Monday to Sunday', () => {
		const week = resolve({ preset: 'week' });
		expect([week.from, week.to, week.through, week.partial]).toEqual([
			'2026-11-23',
			'2026-11-29',
			'2026-11-28',
			true
		]);
		// Sunday belongs to the week that started six days before.
		const sunday = resolve({ preset: 'week', today: '2026-11-29' });
		expect([sunday.from, sunday.to, sunday.partial]).toEqual(['2026-11-23', '2026-11-29', false]);
	});

	it('a week across the year end: Wednesday 31/12/2025 is in the week of Monday 29/12', () => {
		const week = resolve({ preset: 'week', today: '2025-12-31' });
		expect([week.from, week.to]).toEqual(['2025-12-29', '2026-01-04']);
		expect(isoWeek('2025-12-31')).toEqual({ year: 2026, week: 1 });
		expect(isoWeek('2026-01-04')).toEqual({ year: 2026, week: 1 });
		// 2026 has 53 ISO weeks (it starts on a Thursday); 1/1/2027 (Friday) is still in week 53.
		expect(isoWeek('2026-12-31')).toEqual({ year: 2026, week: 53 });
		expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
		expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
		expect(weekStart('2027-01-03')).toBe('2026-12-28');
	});

	it('month, quarter, 6 and 9 months and year follow the reporting calendar', () => {
		const pick = (p: PeriodInput['preset'], extra: Partial<PeriodInput> = {}) => {
			const r = resolve({ preset: p, ...extra });
			return [r.from, r.to, r.partial];
		};
		expect(pick('month')).toEqual(['2026-11-01', '2026-11-30', true]);
		expect(pick('quarter')).toEqual(['2026-10-01', '2026-12-31', true]);
		expect(pick('quarter', { quarter: 2 })).toEqual(['2026-04-01', '2026-06-30', false]);
		expect(pick('quarter', { year: 2025 })).toEqual(['2025-01-01', '2025-03-31', false]);
		expect(pick('six_months')).toEqual(['2026-01-01', '2026-06-30', false]);
		expect(pick('nine_months')).toEqual(['2026-01-01', '2026-09-30', false]);
		expect(pick('year')).toEqual(['2026-01-01', '2026-12-31', true]);
		expect(pick('year', { year: 2025 })).toEqual(['2025-01-01', '2025-12-31', false]);
		expect(pick('month', { today: '2024-02-10' })).toEqual(['2024-02-01', '2024-02-29', true]);
		expect(pick('six_months', { today: '2026-03-15' })).toEqual(['2026-01-01', '2026-06-30', true]);
	});

	it('custom ranges are checked', () => {
		const r = resolve({ preset: 'custom', from: '2026-10-05', to: '2026-10-20' });
		expect([r.from, r.to, r.through, r.partial]).toEqual([
			'2026-10-05',
			'2026-10-20',
			'2026-10-20',
			false
		]);
		expect(() => resolve({ preset: 'custom', from: '2026-10-20', to: '2026-10-05' })).toThrow(
			PeriodError
		);
		expect(() => resolve({ preset: 'custom', from: '2026-02-30', to: '2026-03-05' })).toThrow(
			PeriodError
		);
		expect(() => resolve({ preset: 'quarter', quarter: 5 })).toThrow(PeriodError);
	});
});

describe('comparison periods', () => {
	it('a running month is compared day for day', () => {
		// 1..28 November: 28 days, so 1..28 October and 1..28 November 2025.
		const month = resolve({ preset: 'month' });
		expect(previousPeriod(month)).toEqual({ from: '2026-10-01', to: '2026-10-28' });
		expect(samePeriodLastYear(month)).toEqual({ from: '2025-11-01', to: '2025-11-28' });
	});

	it('a comparison never runs past the end of its own period', () => {
		// 1..30 March: 30 days; February 2026 has only 28.
		const march = resolve({ preset: 'month', today: '2026-03-30' });
		expect(previousPeriod(march)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
	});

	it('whole periods are compared whole, February included', () => {
		const feb = resolve({ preset: 'month', today: '2025-02-28' });
		expect(feb.partial).toBe(false);
		expect(previousPeriod(feb)).toEqual({ from: '2025-01-01', to: '2025-01-31' });
		expect(samePeriodLastYear(feb)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
		const leap = resolve({ preset: 'month', today: '2024-02-29' });
		expect(samePeriodLastYear(leap)).toEqual({ from: '2023-02-01', to: '2023-02-28' });
	});

	it('quarters, halves, nine months and years step back by their own length', () => {
		const q2 = resolve({ preset: 'quarter', quarter: 2 });
		expect(previousPeriod(q2)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
		expect(samePeriodLastYear(q2)).toEqual({ from: '2025-04-01', to: '2025-06-30' });
		const q1 = resolve({ preset: 'quarter', quarter: 1 });
		expect(previousPeriod(q1)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
		const half = resolve({ preset: 'six_months' });
		expect(previousPeriod(half)).toEqual({ from: '2025-07-01', to: '2025-12-31' });
		expect(samePeriodLastYear(half)).toEqual({ from: '2025-01-01', to: '2025-06-30' });
		const nine = resolve({ preset: 'nine_months' });
		expect(previousPeriod(nine)).toEqual({ from: '2025-04-01', to: '2025-12-31' });
		const year = resolve({ preset: 'year', year: 2025 });
		expect(previousPeriod(year)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
		expect(samePeriodLastYear(year)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
	});

	it('a running year is compared with the same days of the year before', () => {
		// 1/1..28/11/2026 is day 332 of 2026; 2025 is not a leap year either.
		const year = resolve({ preset: 'year' });
		expect(previousPeriod(year)).toEqual({ from: '2025-01-01', to: '2025-11-28' });
		// Running quarter: 1/10..28/11 is 59 days; 1/7 + 58 days = 28/8.
		const q = resolve({ preset: 'quarter' });
		expect(previousPeriod(q)).toEqual({ from: '2026-07-01', to: '2026-08-28' });
	});

	it('today, weeks and custom ranges', () => {
		const day = resolve({ preset: 'today', today: '2026-01-01' });
		expect(previousPeriod(day)).toEqual({ from: '2025-12-31', to: '2025-12-31' });
		expect(samePeriodLastYear(day)).toEqual({ from: '2025-01-01', to: '2025-01-01' });
		// Saturday: Monday..Saturday of the week before, and of the same ISO week a year ago.
		const week = resolve({ preset: 'week' });
		expect(previousPeriod(week)).toEqual({ from: '2026-11-16', to: '2026-11-21' });
		expect(samePeriodLastYear(week)).toEqual({ from: '2025-11-24', to: '2025-11-29' });
		const custom = resolve({ preset: 'custom', from: '2026-10-05', to: '2026-10-20' });
		expect(previousPeriod(custom)).toEqual({ from: '2026-09-19', to: '2026-10-04' });
	});
});

describe('trend buckets', () => {
	it('uses days up to a month, weeks up to a quarter, months beyond', () => {
		expect(trendGrain({ from: '2026-11-01', to: '2026-11-30' })).toBe('day');
		expect(trendGrain({ from: '2026-10-01', to: '2026-12-31' })).toBe('week');
		expect(trendGrain({ from: '2026-01-01', to: '2026-06-30' })).toBe('month');
	});

	it('cuts the first and last week to the range', () => {
		expect(buckets({ from: '2026-10-01', to: '2026-10-14' }, 'week')).toEqual([
			{ key: '2026-09-28', from: '2026-10-01', to: '2026-10-04' },
			{ key: '2026-10-05', from: '2026-10-05', to: '2026-10-11' },
			{ key: '2026-10-12', from: '2026-10-12', to: '2026-10-14' }
		]);
		expect(buckets({ from: '2026-01-15', to: '2026-03-31' }, 'month').map((b) => b.from)).toEqual([
			'2026-01-15',
			'2026-02-01',
			'2026-03-01'
		]);
		expect(buckets({ from: '2026-11-27', to: '2026-11-28' }, 'day')).toHaveLength(2);
	});
});

describe('splitRange', () => {
	const parts = (some: Partial<RangeParts>): RangeParts => ({
		years: [],
		quarters: [],
		months: [],
		weeks: [],
		days: [],
		...some
	});

	it('reads whole years, quarters and months as such and the edges as days', () => {
		// 15/1..10/4: February and March are whole months, not a whole quarter.
		expect(splitRange({ from: '2026-01-15', to: '2026-04-10' })).toEqual(
			parts({
				months: ['2026-02-01', '2026-03-01'],
				days: [
					{ from: '2026-01-15', to: '2026-01-31' },
					{ from: '2026-04-01', to: '2026-04-10' }
				]
			})
		);
		expect(splitRange({ from: '2026-01-01', to: '2026-12-31' })).toEqual(
			parts({ years: ['2026-01-01'] })
		);
		// 9 tháng: three quarters.
		expect(splitRange({ from: '2026-01-01', to: '2026-09-30' })).toEqual(
			parts({ quarters: ['2026-01-01', '2026-04-01', '2026-07-01'] })
		);
		// 20/11/2025..5/5/2027: days, December 2025, the year 2026, Q1 2027, April 2027, days.
		expect(splitRange({ from: '2025-11-20', to: '2027-05-05' })).toEqual(
			parts({
				years: ['2026-01-01'],
				quarters: ['2027-01-01'],
				months: ['2025-12-01', '2027-04-01'],
				days: [
					{ from: '2025-11-20', to: '2025-11-30' },
					{ from: '2027-05-01', to: '2027-05-05' }
				]
			})
		);
		expect(splitRange({ from: '2026-02-03', to: '2026-02-20' })).toEqual(
			parts({ days: [{ from: '2026-02-03', to: '2026-02-20' }] })
		);
		expect(splitRange({ from: '2024-02-01', to: '2024-02-29' }).months).toEqual(['2024-02-01']);
	});

	it('reads whole ISO weeks of the edges when asked', () => {
		// 27/6 (Saturday)..19/9/2026: July and August whole; 27-30/6 has no whole week; in
		// 1-19/9 only Monday 7 to Sunday 13.
		expect(splitRange({ from: '2026-06-27', to: '2026-09-19' }, true)).toEqual(
			parts({
				months: ['2026-07-01', '2026-08-01'],
				weeks: ['2026-09-07'],
				days: [
					{ from: '2026-06-27', to: '2026-06-30' },
					{ from: '2026-09-01', to: '2026-09-06' },
					{ from: '2026-09-14', to: '2026-09-19' }
				]
			})
		);
		// A week across the year end stays one week.
		expect(splitRange({ from: '2025-12-24', to: '2026-01-10' }, true)).toEqual(
			parts({
				weeks: ['2025-12-29'],
				days: [
					{ from: '2025-12-24', to: '2025-12-28' },
					{ from: '2026-01-05', to: '2026-01-10' }
				]
			})
		);
	});

	it('finds the quarter and the year of a date', () => {
		expect(quarterStart('2026-03-31')).toBe('2026-01-01');
		expect(quarterStart('2026-04-01')).toBe('2026-04-01');
		expect(quarterStart('2026-12-31')).toBe('2026-10-01');
		expect(yearStart('2026-08-09')).toBe('2026-01-01');
	});

	it('adds months clamping the day', () => {
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
		expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
	});
});
