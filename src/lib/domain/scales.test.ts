import { describe, it, expect } from 'vitest';
import {
	DESK_REASONS,
	SATISFIED_FROM,
	TONE_COLOURS,
	happyIndexOfLevel,
	scale3,
	scale4,
	scale5
} from './scales';

const viLabels = (levels: { label: { vi: string } }[]) => levels.map((l) => l.label.vi);

describe('official scales', () => {
	it('3-level desk scale runs from negative to positive', () => {
		const s = scale3();
		expect(s.map((l) => l.value)).toEqual([1, 2, 3]);
		expect(viLabels(s)).toEqual(['Không hài lòng', 'Hài lòng', 'Rất hài lòng']);
		expect(s.map((l) => l.label.en)).toEqual(['Dissatisfied', 'Satisfied', 'Very satisfied']);
		expect(s.map((l) => l.tone)).toEqual(['negative', 'positive', 'very_positive']);
		expect(SATISFIED_FROM[3]).toBe(2);
	});

	it('4-level scale puts Bình thường below the satisfied levels', () => {
		const s = scale4();
		expect(s.map((l) => l.value)).toEqual([1, 2, 3, 4]);
		expect(viLabels(s)).toEqual(['Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']);
		expect(s.map((l) => l.tone)).toEqual(['negative', 'neutral', 'positive', 'very_positive']);
		expect(SATISFIED_FROM[4]).toBe(3);
		expect(s[SATISFIED_FROM[4] - 1].label.vi).toBe('Hài lòng');
	});

	it('5-level SIPAS scale', () => {
		const s = scale5();
		expect(s.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
		expect(viLabels(s)).toEqual([
			'Rất không hài lòng',
			'Không hài lòng',
			'Bình thường',
			'Hài lòng',
			'Rất hài lòng'
		]);
		expect(s.map((l) => l.tone)).toEqual([
			'very_negative',
			'negative',
			'neutral',
			'positive',
			'very_positive'
		]);
		expect(s[SATISFIED_FROM[5] - 1].label.vi).toBe('Hài lòng');
	});

	it('returns a fresh array each time', () => {
		const a = scale3();
		a[0].label.vi = 'changed';
		expect(scale3()[0].label.vi).toBe('Không hài lòng');
	});
});

describe('TONE_COLOURS', () => {
	it('uses the KIOSK-UX colours', () => {
		expect(TONE_COLOURS).toEqual({
			very_negative: '#B42318',
			negative: '#C4320A',
			neutral: '#475467',
			positive: '#067647',
			very_positive: '#085D3A'
		});
	});
});

describe('happyIndexOfLevel', () => {
	it('maps levels evenly onto 0..100', () => {
		expect([1, 2, 3].map((l) => happyIndexOfLevel(l, 3))).toEqual([0, 50, 100]);
		expect([1, 2, 3, 4, 5].map((l) => happyIndexOfLevel(l, 5))).toEqual([0, 25, 50, 75, 100]);
		// 4 levels: 100/3 = 33.333, 200/3 = 66.667
		expect(happyIndexOfLevel(2, 4)).toBeCloseTo(33.3333, 4);
		expect(happyIndexOfLevel(3, 4)).toBeCloseTo(66.6667, 4);
		expect(happyIndexOfLevel(4, 4)).toBe(100);
	});

	it('refuses a level outside the scale', () => {
		expect(() => happyIndexOfLevel(0, 3)).toThrow(RangeError);
		expect(() => happyIndexOfLevel(4, 3)).toThrow(RangeError);
		expect(() => happyIndexOfLevel(1.5, 3)).toThrow(RangeError);
	});
});

describe('DESK_REASONS', () => {
	it('are the eight KIOSK-UX chips in order with their exact wording', () => {
		expect(DESK_REASONS.map((r) => [r.value, r.label.vi])).toEqual([
			['wait', 'Phải chờ lâu'],
			['attitude', 'Thái độ phục vụ chưa tốt'],
			['guidance', 'Hướng dẫn chưa rõ ràng'],
			['resubmit', 'Phải bổ sung hồ sơ nhiều lần'],
			['late', 'Trả kết quả trễ hẹn'],
			['fees', 'Phí, lệ phí chưa rõ ràng'],
			['facilities', 'Cơ sở vật chất chưa tốt'],
			['other', 'Lý do khác']
		]);
	});

	it('each has English and a SIPAS group, except "other" which fits none', () => {
		for (const r of DESK_REASONS) expect(r.label.en).toBeTruthy();
		expect(Object.fromEntries(DESK_REASONS.map((r) => [r.value, r.group]))).toEqual({
			wait: 'access',
			attitude: 'officer',
			guidance: 'officer',
			resubmit: 'officer',
			late: 'result',
			fees: 'procedure',
			facilities: 'access',
			other: undefined
		});
	});
});
