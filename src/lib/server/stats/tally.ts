import { happyIndexOfLevel } from '../../domain/scales';
import { wilsonInterval } from '../../domain/metrics';
import { MAX_LEVELS, isRated } from './tables';

/**
 * Counts behind every figure, whichever source produced them (summary tables or raw
 * responses): both sources fill the same Tally and the figures are derived from it by the
 * same functions, so they agree to the last bit whenever the counts agree.
 */
export interface Tally {
	responses: number;
	satisfied: number;
	/** Counts of levels 1..n by scale size n (3, 4 or 5): surveys with different scales mix. */
	levels: Map<number, number[]>;
	burst: number;
	outOfHours: number;
}

export function emptyTally(): Tally {
	return { responses: 0, satisfied: 0, levels: new Map(), burst: 0, outOfHours: 0 };
}

export function addLevel(t: Tally, scale: number, level: number, count: number): void {
	if (count === 0 || !isRated(level, scale)) return;
	let counts = t.levels.get(scale);
	if (!counts) {
		counts = new Array<number>(scale).fill(0);
		t.levels.set(scale, counts);
	}
	counts[level - 1] += count;
}

/** Adds a summary row: measures in LEVEL_MEASURES order, for the scale `scale`. */
export function addLevelRow(t: Tally, scale: number, m: readonly number[]): void {
	t.responses += m[0];
	t.satisfied += m[1];
	for (let level = 1; level <= MAX_LEVELS; level++) addLevel(t, scale, level, m[1 + level]);
	t.burst += m[7];
	t.outOfHours += m[8];
}

export function mergeTally(into: Tally, from: Tally): void {
	into.responses += from.responses;
	into.satisfied += from.satisfied;
	into.burst += from.burst;
	into.outOfHours += from.outOfHours;
	for (const [scale, counts] of from.levels) {
		counts.forEach((c, i) => addLevel(into, scale, i + 1, c));
	}
}

export function tallyIn<K>(map: Map<K, Tally>, key: K): Tally {
	let t = map.get(key);
	if (!t) {
		t = emptyTally();
		map.set(key, t);
	}
	return t;
}

/** Answers to the main question on a known scale: the n of the rate and the happy index. */
export function rated(t: Tally): number {
	let n = 0;
	for (const counts of t.levels.values()) for (const c of counts) n += c;
	return n;
}

/** Scales in ascending size, so every sum below runs in one fixed order. */
function scales(t: Tally): [number, number[]][] {
	return [...t.levels.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Happy index 0..100 over mixed scales: each answer mapped by its own scale
 * (scales.happyIndexOfLevel), then averaged. Null without rated answers.
 */
export function happyIndexOf(t: Tally): number | null {
	let total = 0;
	let n = 0;
	for (const [scale, counts] of scales(t)) {
		counts.forEach((c, i) => {
			total += c * happyIndexOfLevel(i + 1, scale);
			n += c;
		});
	}
	return n === 0 ? null : total / n;
}

/**
 * 95% Wilson interval for a mean of values in 0..1. A variable bounded by 0 and 1 with mean p
 * has a variance of at most p(1 - p), so the Wilson interval for a share p out of n is a
 * conservative interval for the mean: used for the happy index (divided by 100).
 */
export function wilsonForMean(p: number, n: number): { low: number; high: number } | null {
	if (n === 0) return null;
	const z = 1.959963984540054;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominator;
	const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface RateFigure {
	/** Rated answers (the denominator). */
	n: number;
	satisfied: number;
	/** 0..1, null without answers. */
	rate: number | null;
	/** 95% Wilson interval, 0..1. */
	low: number | null;
	high: number | null;
	/** Fewer answers than the minimum: show, but do not celebrate (DOMAIN.md). */
	tooFew: boolean;
}

export interface HappyFigure {
	n: number;
	/** 0..100, null without answers. */
	value: number | null;
	/** Conservative 95% interval, 0..100. */
	low: number | null;
	high: number | null;
	tooFew: boolean;
}

/** What every row of a table or point of a chart shows. */
export interface Scored {
	responses: number;
	satisfaction: RateFigure;
	happyIndex: HappyFigure;
}

export function scored(t: Tally, minimumN: number): Scored {
	const n = rated(t);
	const interval = wilsonInterval(t.satisfied, n);
	const happy = happyIndexOf(t);
	const happyInterval = happy === null ? null : wilsonForMean(happy / 100, n);
	return {
		responses: t.responses,
		satisfaction: {
			n,
			satisfied: t.satisfied,
			rate: n === 0 ? null : t.satisfied / n,
			low: interval?.low ?? null,
			high: interval?.high ?? null,
			tooFew: n < minimumN
		},
		happyIndex: {
			n,
			value: happy,
			low: happyInterval ? happyInterval.low * 100 : null,
			high: happyInterval ? happyInterval.high * 100 : null,
			tooFew: n < minimumN
		}
	};
}

export interface ScaleDistribution {
	/** Number of levels of the scale (3, 4 or 5). */
	levels: number;
	/** Answers per level, index 0 = level 1 (the most negative). */
	counts: number[];
	/** Shares 0..1 within the scale. */
	shares: number[];
	n: number;
}

export function distribution(t: Tally): ScaleDistribution[] {
	return scales(t)
		.map(([levels, counts]) => {
			const n = counts.reduce((a, b) => a + b, 0);
			return { levels, counts: [...counts], shares: counts.map((c) => (n === 0 ? 0 : c / n)), n };
		})
		.filter((d) => d.n > 0);
}

export interface HourTally {
	responses: number;
	rated: number;
	satisfied: number;
}

/** Builds a tally from raw (main_levels, main_level) groups. */
/** A group of responses as the plain GROUP BYs of raw.ts count it. */
export interface RawGroup {
	mainLevels: number | null;
	mainLevel: number | null;
	responses: number;
	satisfied: number;
	burst: number;
	outOfHours: number;
}

export function addRawGroup(t: Tally, g: RawGroup): void {
	t.responses += g.responses;
	t.satisfied += g.satisfied;
	t.burst += g.burst;
	t.outOfHours += g.outOfHours;
	if (g.mainLevels !== null && g.mainLevel !== null) {
		addLevel(t, g.mainLevels, g.mainLevel, g.responses);
	}
}
