import type { Localized, ReasonGroup, RatingLevel, Tone } from './survey';

/**
 * The official scales, numbered 1..n from most negative to most positive: that is also the
 * left-to-right order on screen, as Vietnamese desk devices show them.
 */

/** Decree 61/2018 desk devices, 3 levels. */
export function scale3(): RatingLevel[] {
	return [
		{ value: 1, label: { vi: 'Không hài lòng', en: 'Dissatisfied' }, tone: 'negative' },
		{ value: 2, label: { vi: 'Hài lòng', en: 'Satisfied' }, tone: 'positive' },
		{ value: 3, label: { vi: 'Rất hài lòng', en: 'Very satisfied' }, tone: 'very_positive' }
	];
}

/** Decree 61/2018, 4-level variant; "Bình thường" is not satisfied. */
export function scale4(): RatingLevel[] {
	return [
		{ value: 1, label: { vi: 'Không hài lòng', en: 'Dissatisfied' }, tone: 'negative' },
		{ value: 2, label: { vi: 'Bình thường', en: 'Neutral' }, tone: 'neutral' },
		{ value: 3, label: { vi: 'Hài lòng', en: 'Satisfied' }, tone: 'positive' },
		{ value: 4, label: { vi: 'Rất hài lòng', en: 'Very satisfied' }, tone: 'very_positive' }
	];
}

/** SIPAS (Decision 1001/QĐ-BNV), 5 levels. */
export function scale5(): RatingLevel[] {
	return [
		{
			value: 1,
			label: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
			tone: 'very_negative'
		},
		{ value: 2, label: { vi: 'Không hài lòng', en: 'Dissatisfied' }, tone: 'negative' },
		{ value: 3, label: { vi: 'Bình thường', en: 'Neutral' }, tone: 'neutral' },
		{ value: 4, label: { vi: 'Hài lòng', en: 'Satisfied' }, tone: 'positive' },
		{ value: 5, label: { vi: 'Rất hài lòng', en: 'Very satisfied' }, tone: 'very_positive' }
	];
}

/** First satisfied level of each official scale ("Hài lòng" or better). */
export const SATISFIED_FROM: Record<3 | 4 | 5, number> = { 3: 2, 4: 3, 5: 4 };

/**
 * KIOSK-UX sample colours, meant for white text. Measured against white: very_negative 6.6:1,
 * negative 5.5:1, neutral 7.7:1, positive 5.7:1, very_positive 8.0:1. Three fall short of 7:1,
 * so they meet WCAG AAA only for large text (4.5:1 at 24 px and up): use them for the big face
 * words, never for small print.
 */
export const TONE_COLOURS: Record<Tone, string> = {
	very_negative: '#B42318',
	negative: '#C4320A',
	neutral: '#475467',
	positive: '#067647',
	very_positive: '#085D3A'
};

/**
 * Level 1..levels mapped evenly onto 0..100 (4 levels: 0, 33.3, 66.7, 100), as DOMAIN.md
 * defines the happy index.
 */
export function happyIndexOfLevel(level: number, levels: number): number {
	if (!Number.isInteger(levels) || levels < 2)
		throw new RangeError('levels must be an integer >= 2');
	if (!Number.isInteger(level) || level < 1 || level > levels) {
		throw new RangeError(`level must be an integer in 1..${levels}`);
	}
	return ((level - 1) * 100) / (levels - 1);
}

export interface ReasonOption {
	value: string;
	label: Localized;
	/** Absent for "Lý do khác": counting it under any group would inflate that group's figures. */
	group?: ReasonGroup;
}

/**
 * The "why" chips shown after a low desk rating, counted under SIPAS groups. Repeated
 * resubmission is an officer matter: SIPAS III asks that guidance lets the dossier be completed
 * in one visit.
 */
export const DESK_REASONS: readonly ReasonOption[] = [
	{ value: 'wait', label: { vi: 'Phải chờ lâu', en: 'Long wait' }, group: 'access' },
	{
		value: 'attitude',
		label: { vi: 'Thái độ phục vụ chưa tốt', en: 'Unhelpful attitude' },
		group: 'officer'
	},
	{
		value: 'guidance',
		label: { vi: 'Hướng dẫn chưa rõ ràng', en: 'Unclear guidance' },
		group: 'officer'
	},
	{
		value: 'resubmit',
		label: { vi: 'Phải bổ sung hồ sơ nhiều lần', en: 'Had to add documents several times' },
		group: 'officer'
	},
	{
		value: 'late',
		label: { vi: 'Trả kết quả trễ hẹn', en: 'Result returned late' },
		group: 'result'
	},
	{
		value: 'fees',
		label: { vi: 'Phí, lệ phí chưa rõ ràng', en: 'Unclear fees and charges' },
		group: 'procedure'
	},
	{
		value: 'facilities',
		label: { vi: 'Cơ sở vật chất chưa tốt', en: 'Poor facilities' },
		group: 'access'
	},
	{ value: 'other', label: { vi: 'Lý do khác', en: 'Other reason' } }
];
