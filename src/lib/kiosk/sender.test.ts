import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, MIN_DELAY_MS, backoffDelay } from './sender';

describe('back-off', () => {
	it('doubles from 1 s and stops at 5 min, within its jitter band', () => {
		const low = () => 0;
		const high = () => 0.999999;
		expect(backoffDelay(1, low)).toBe(MIN_DELAY_MS);
		expect(backoffDelay(1, high)).toBeCloseTo(1000, -1);
		expect(backoffDelay(4, low)).toBe(4000);
		expect(backoffDelay(4, high)).toBeCloseTo(8000, -1);
		expect(backoffDelay(20, low)).toBe(MAX_DELAY_MS / 2);
		expect(backoffDelay(20, high)).toBeLessThanOrEqual(MAX_DELAY_MS);
		expect(backoffDelay(100, high)).toBeLessThanOrEqual(MAX_DELAY_MS);
	});

	it('never waits less than a second', () => {
		for (let n = 0; n < 5; n++) expect(backoffDelay(n, () => 0)).toBeGreaterThanOrEqual(1000);
	});
});
