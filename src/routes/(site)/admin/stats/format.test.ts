import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { pointLabel } from './format';

describe('pointLabel: a trend point’s tooltip', () => {
	it('gives the rate with its n, and says when the n is too small to judge', () => {
		// 3 of 8 = 37,5%: the day plotted as if it were a figure.
		expect(pointLabel({ rate: 0.375, n: 8 }, true, translator('vi'), 'vi')).toBe(
			'37,5% (n = 8, chưa đủ dữ liệu)'
		);
		// 1.234 of 1.420 = 86,901…% -> 86,9%
		expect(pointLabel({ rate: 1234 / 1420, n: 1420 }, false, translator('vi'), 'vi')).toBe(
			'86,9% (n = 1.420)'
		);
		expect(pointLabel({ rate: 0.375, n: 8 }, true, translator('en'), 'en')).toBe(
			'37.5% (n = 8, too few to judge)'
		);
	});
});
