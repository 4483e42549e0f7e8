import { describe, it, expect } from 'vitest';
import {
	formatPercent,
	happyIndex,
	satisfactionRate,
	satisfiedCount,
	tooFewToJudge,
	wilsonInterval
} from './metrics';

describe('satisfactionRate', () => {
	it('is the share of satisfied answers', () => {
		// 7 of 8 = 0.875
		expect(satisfactionRate(7, 8)).toBe(0.875);
		expect(satisfactionRate(0, 10)).toBe(0);
		expect(satisfactionRate(10, 10)).toBe(1);
	});

	it('is null without answers rather than 0%', () => {
		expect(satisfactionRate(0, 0)).toBeNull();
	});

	it('refuses impossible counts', () => {
		expect(() => satisfactionRate(11, 10)).toThrow(RangeError);
		expect(() => satisfactionRate(-1, 10)).toThrow(RangeError);
		expect(() => satisfactionRate(1.5, 10)).toThrow(RangeError);
	});
});

describe('satisfiedCount', () => {
	it('counts levels at or above satisfiedFrom', () => {
		// 3 levels, satisfied from 2: 4 + 5 = 9
		expect(satisfiedCount([3, 4, 5], 2)).toBe(9);
		// 5 levels, satisfied from 4: 6 + 7 = 13
		expect(satisfiedCount([1, 2, 3, 6, 7], 4)).toBe(13);
	});
});

describe('happyIndex', () => {
	it('maps 3 levels onto 0, 50, 100', () => {
		// (1·0 + 1·50 + 2·100) / 4 = 250 / 4 = 62.5
		expect(happyIndex([1, 1, 2])).toBe(62.5);
	});

	it('maps 4 levels onto 0, 33.3, 66.7, 100', () => {
		// (1·0 + 1·100) / 2 = 50
		expect(happyIndex([1, 0, 0, 1])).toBe(50);
		// one answer at level 2 = 100/3
		expect(happyIndex([0, 1, 0, 0])).toBeCloseTo(33.3333, 4);
	});

	it('maps 5 levels onto 0, 25, 50, 75, 100', () => {
		// (1·0 + 3·100) / 4 = 75
		expect(happyIndex([1, 0, 0, 0, 3])).toBe(75);
		// (2·25 + 1·75) / 3 = 125 / 3 = 41.667
		expect(happyIndex([0, 2, 0, 1, 0])).toBeCloseTo(41.6667, 4);
	});

	it('is null without answers', () => {
		expect(happyIndex([0, 0, 0])).toBeNull();
	});

	it('refuses a scale of one level or negative counts', () => {
		expect(() => happyIndex([5])).toThrow(RangeError);
		expect(() => happyIndex([1, -1, 2])).toThrow(RangeError);
	});
});

describe('wilsonInterval', () => {
	it('matches the hand computation for 8/10', () => {
		// z² = 3.8415, z²/n = 0.38415, centre = (0.8 + 0.19207) / 1.38415 = 0.71674,
		// half = 1.95996 / 1.38415 · √(0.016 + 0.0096036) = 0.22658 -> 0.4902 .. 0.9433
		const w = wilsonInterval(8, 10)!;
		expect(w.low).toBeCloseTo(0.4902, 4);
		expect(w.high).toBeCloseTo(0.9433, 4);
	});

	it('does not claim certainty from 3 answers out of 3', () => {
		// p = 1: low = 1 - 2·(z²/6)/(1 + z²/3) = 1 - 2·0.64024/2.28049 = 0.4385
		const w = wilsonInterval(3, 3)!;
		expect(w.low).toBeCloseTo(0.4385, 4);
		expect(w.high).toBe(1);
	});

	it('starts at exactly 0 for no successes', () => {
		// high = (z²/n) / (1 + z²/n) = 0.38415 / 1.38415 = 0.2775
		const w = wilsonInterval(0, 10)!;
		expect(w.low).toBe(0);
		expect(w.high).toBeCloseTo(0.2775, 4);
	});

	it('narrows with more answers', () => {
		// 80/100: z²/n = 0.038415, centre = 0.81921 / 1.038415 = 0.78890,
		// half = 1.88746 · √(0.0016 + 0.000096) = 0.07773 -> 0.7112 .. 0.8666
		const w = wilsonInterval(80, 100)!;
		expect(w.low).toBeCloseTo(0.7112, 4);
		expect(w.high).toBeCloseTo(0.8666, 4);
	});

	it('is null for n = 0 and refuses successes > n', () => {
		expect(wilsonInterval(0, 0)).toBeNull();
		expect(() => wilsonInterval(4, 3)).toThrow(RangeError);
	});
});

describe('formatPercent', () => {
	it('uses a decimal comma in Vietnamese and a point in English', () => {
		expect(formatPercent(0.875, 'vi')).toBe('87,5%');
		expect(formatPercent(0.875, 'en')).toBe('87.5%');
	});

	it('always shows one decimal', () => {
		expect(formatPercent(1, 'vi')).toBe('100,0%');
		expect(formatPercent(0, 'vi')).toBe('0,0%');
		expect(formatPercent(1 / 3, 'vi')).toBe('33,3%');
		expect(formatPercent(2 / 3, 'en')).toBe('66.7%');
	});

	it('rounds halves up despite binary noise', () => {
		// 0.1235 · 1000 is 123.49999999999999 in floating point; the intended value is 123.5
		expect(formatPercent(0.1235, 'vi')).toBe('12,4%');
		expect(formatPercent(0.0005, 'en')).toBe('0.1%');
		expect(formatPercent(0.00049, 'en')).toBe('0.0%');
	});

	it('refuses non-numbers', () => {
		expect(() => formatPercent(Number.NaN, 'vi')).toThrow(RangeError);
	});
});

describe('tooFewToJudge', () => {
	it('flags fewer than 30 answers by default', () => {
		expect(tooFewToJudge(0)).toBe(true);
		expect(tooFewToJudge(29)).toBe(true);
		expect(tooFewToJudge(30)).toBe(false);
	});

	it('takes another minimum', () => {
		expect(tooFewToJudge(9, 10)).toBe(true);
		expect(tooFewToJudge(10, 10)).toBe(false);
	});
});
