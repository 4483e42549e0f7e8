import type { Tone } from '$lib/domain/survey-model';

/**
 * Face drawings for the rating levels, on a 100 x 100 grid. Drawn here rather than taken from
 * an emoji font because tablets render emoji differently (KIOSK-UX) and so that the mouth, not
 * only the colour, tells the levels apart.
 */
export interface FaceShape {
	mouth: string;
	/** An open mouth is filled; the others are a stroke. */
	open: boolean;
	/** Frowning brows make the most negative face readable at a glance. */
	brows: string | null;
}

export const FACES: Record<Tone, FaceShape> = {
	very_negative: {
		mouth: 'M30 74 Q50 52 70 74',
		open: false,
		brows: 'M27 30 L42 37 M73 30 L58 37'
	},
	negative: { mouth: 'M32 70 Q50 58 68 70', open: false, brows: null },
	neutral: { mouth: 'M33 66 L67 66', open: false, brows: null },
	positive: { mouth: 'M31 60 Q50 76 69 60', open: false, brows: null },
	very_positive: { mouth: 'M28 56 Q50 86 72 56 Z', open: true, brows: null }
};
