import { happyIndexOfLevel } from './scales';

/**
 * The figures of DOMAIN.md, kept small enough to check by hand. Callers pass counts; rounding
 * happens only when a figure is shown (formatPercent), never in between.
 */

function assertCount(n: number, name: string): void {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number >= 0`);
}

/** Tỷ lệ hài lòng: satisfied answers over all answers to the main question, 0..1. */
export function satisfactionRate(satisfied: number, n: number): number | null {
	assertCount(satisfied, 'satisfied');
	assertCount(n, 'n');
	if (satisfied > n) throw new RangeError('satisfied cannot exceed n');
	return n === 0 ? null : satisfied / n;
}

/** Answers at or above satisfiedFrom; index 0 of levelCounts is level 1. */
export function satisfiedCount(levelCounts: number[], satisfiedFrom: number): number {
	return levelCounts.reduce((sum, count, i) => (i + 1 >= satisfiedFrom ? sum + count : sum), 0);
}

/** Happy index 0..100: the mean of the levels mapped evenly onto 0..100. Index 0 = level 1. */
export function happyIndex(levelCounts: number[]): number | null {
	const levels = levelCounts.length;
	if (levels < 2) throw new RangeError('a scale has at least 2 levels');
	levelCounts.forEach((c, i) => assertCount(c, `levelCounts[${i}]`));
	const n = levelCounts.reduce((a, b) => a + b, 0);
	if (n === 0) return null;
	const total = levelCounts.reduce((sum, c, i) => sum + c * happyIndexOfLevel(i + 1, levels), 0);
	return total / n;
}

/**
 * 95% Wilson score interval for a share. Unlike the plain p ± z·SE it stays within 0..1 and
 * stays honest for small n: 3 satisfied out of 3 gives 0.44..1, not 1..1.
 */
export function wilsonInterval(
	successes: number,
	n: number,
	z = 1.959963984540054
): { low: number; high: number } | null {
	assertCount(successes, 'successes');
	assertCount(n, 'n');
	if (successes > n) throw new RangeError('successes cannot exceed n');
	if (n === 0) return null;
	const p = successes / n;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominator;
	const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	// Clamp away floating-point crumbs such as -1e-17 at 0 successes.
	return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * A share as a percentage with one decimal, rounded half up: "87,5%" in Vietnamese (decimal
 * comma), "87.5%" in English. Done by hand rather than Intl so server exports and browsers agree.
 */
export function formatPercent(share: number, locale: 'vi' | 'en'): string {
	if (!Number.isFinite(share)) throw new RangeError('share must be a finite number');
	// toPrecision strips binary noise first: 0.1235 * 1000 is 123.49999999999999, not 123.5.
	const tenths = Math.round(Number((share * 1000).toPrecision(12)));
	const text = (tenths / 10).toFixed(1);
	const signed = text === '-0.0' ? '0.0' : text;
	return `${locale === 'vi' ? signed.replace('.', ',') : signed}%`;
}

/** "Chưa đủ dữ liệu để đánh giá": a rate over fewer answers is shown but flagged. */
export function tooFewToJudge(n: number, minimum = 30): boolean {
	return n < minimum;
}
