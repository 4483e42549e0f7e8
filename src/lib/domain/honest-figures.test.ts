import { describe, expect, it } from 'vitest';
import { intervalsOverlap, isClearChange, isThin, judgeChange, thinPoints } from './honest-figures';
import { wilsonInterval } from './metrics';

// Wilson intervals computed by hand (z = 1.96, z² = 3.8415, denominator 1 + z²/n = 1.038415 for
// n = 100; centre (p + z²/2n) / denominator, half-width z/denominator · √(p(1-p)/n + z²/4n²)):
//   90 of 100: centre 0.919207 / 1.038415 = 0.88520, half 1.88749 · 0.031560 = 0.05957
//              -> 0.8256 .. 0.9448
//   85 of 100: centre 0.869207 / 1.038415 = 0.83705, half 1.88749 · 0.037027 = 0.06989
//              -> 0.7672 .. 0.9069
//   70 of 100: centre 0.719207 / 1.038415 = 0.69260, half 1.88749 · 0.046862 = 0.08845
//              -> 0.6042 .. 0.7810
const r90 = { value: 0.9, low: 0.8256, high: 0.9448, n: 100 };
const r85 = { value: 0.85, low: 0.7672, high: 0.9069, n: 100 };
const r70 = { value: 0.7, low: 0.6042, high: 0.781, n: 100 };

describe('the hand-computed intervals are those of metrics.wilsonInterval', () => {
	it.each([
		[90, r90],
		[85, r85],
		[70, r70]
	])('%i of 100', (satisfied, want) => {
		const got = wilsonInterval(satisfied, 100)!;
		expect(got.low).toBeCloseTo(want.low, 3);
		expect(got.high).toBeCloseTo(want.high, 3);
	});
});

describe('judgeChange', () => {
	it('calls 90% against 70% (n = 100 each) a rise: 0.8256 > 0.7810, the intervals are apart', () => {
		expect(judgeChange(r90, r70, 30)).toBe('up');
		expect(judgeChange(r70, r90, 30)).toBe('down');
	});

	it('calls 90% against 85% "not clear yet": 0.8256 .. 0.9448 overlaps 0.7672 .. 0.9069', () => {
		expect(judgeChange(r90, r85, 30)).toBe('unclear');
		expect(judgeChange(r85, r90, 30)).toBe('unclear');
	});

	it('says nothing of a change over 8 answers: 37.5% against 87% is not a fall of 49.5 points', () => {
		// 3 of 8 answers: the "−49,5 điểm phần trăm" beside "chưa đủ dữ liệu".
		const thin = { value: 0.375, low: 0.1368, high: 0.6943, n: 8 };
		const big = { value: 0.87, low: 0.8168, high: 0.9097, n: 200 };
		expect(judgeChange(thin, big, 30)).toBe('too_few');
		expect(judgeChange(big, thin, 30)).toBe('too_few');
		// 29 answers are still too few at a minimum of 30; 30 are enough.
		expect(judgeChange({ ...r90, n: 29 }, r70, 30)).toBe('too_few');
		expect(judgeChange({ ...r90, n: 30 }, r70, 30)).toBe('up');
	});

	it('has nothing to compare when a period has no rated answer', () => {
		const none = { value: null, low: null, high: null, n: 0 };
		expect(judgeChange(r90, none, 30)).toBe('no_comparison');
		expect(judgeChange(none, r90, 30)).toBe('no_comparison');
	});

	it('works on 0..100 scores the same way', () => {
		expect(
			judgeChange(
				{ value: 80, low: 75, high: 84, n: 400 },
				{ value: 70, low: 65, high: 74.9, n: 400 },
				30
			)
		).toBe('up');
		expect(
			judgeChange(
				{ value: 80, low: 75, high: 84, n: 400 },
				{ value: 72, low: 67, high: 75, n: 400 },
				30
			)
		).toBe('unclear');
	});
});

describe('intervalsOverlap', () => {
	it('counts touching intervals as overlapping', () => {
		expect(intervalsOverlap({ low: 0.5, high: 0.7 }, { low: 0.7, high: 0.9 })).toBe(true);
		expect(intervalsOverlap({ low: 0.5, high: 0.69 }, { low: 0.7, high: 0.9 })).toBe(false);
		expect(intervalsOverlap({ low: 0.1, high: 0.9 }, { low: 0.4, high: 0.5 })).toBe(true);
	});
});

describe('isThin, isClearChange and thinPoints', () => {
	it('marks fewer answers than the minimum', () => {
		expect(isThin(29, 30)).toBe(true);
		expect(isThin(30, 30)).toBe(false);
		expect(isClearChange('up')).toBe(true);
		expect(isClearChange('unclear')).toBe(false);
		expect(isClearChange('too_few')).toBe(false);
	});

	it('marks trend points of 1 to 29 answers; an empty point has nothing to mark', () => {
		expect(thinPoints([{ n: 8 }, { n: 30 }, { n: 0 }, { n: 29 }], 30)).toEqual([
			true,
			false,
			false,
			true
		]);
	});
});
