/**
 * How far a figure may be trusted on screen (DOMAIN.md, "Honest numbers"): a figure over fewer
 * rated answers than the minimum is shown muted and never celebrated, and a change between two
 * periods is called a change only when their 95% intervals do not overlap.
 *
 * Why overlap and not a test on the difference: two non-overlapping 95% intervals always mean a
 * real difference, and the rule can be checked by eye against the intervals printed beside each
 * figure. It is cautious (some real changes of about one interval's width read "not clear yet"),
 * which is the right side to err on for a figure leaders act on.
 */

/** A figure with its 95% interval and the rated answers behind it. */
export interface Estimate {
	/** The rate 0..1 or the score 0..100; null without answers. */
	value: number | null;
	low: number | null;
	high: number | null;
	/** Rated answers (the n of the rate). */
	n: number;
}

/**
 * - `no_comparison`: one of the periods has no rated answer;
 * - `too_few`: one of them has fewer answers than the minimum: the change means nothing yet;
 * - `unclear`: the intervals overlap: "chưa khác biệt rõ";
 * - `up` / `down`: a change the intervals support.
 */
export type ChangeVerdict = 'no_comparison' | 'too_few' | 'unclear' | 'up' | 'down';

/** Fewer rated answers than the minimum: show the figure muted, marked "chưa đủ dữ liệu". */
export function isThin(n: number, minimumN: number): boolean {
	return n < minimumN;
}

/** Two closed intervals share at least one point (touching counts as overlapping). */
export function intervalsOverlap(
	a: { low: number; high: number },
	b: { low: number; high: number }
): boolean {
	return a.low <= b.high && b.low <= a.high;
}

export function judgeChange(
	current: Estimate,
	previous: Estimate,
	minimumN: number
): ChangeVerdict {
	if (current.value === null || previous.value === null) return 'no_comparison';
	if (isThin(current.n, minimumN) || isThin(previous.n, minimumN)) return 'too_few';
	if (
		current.low === null ||
		current.high === null ||
		previous.low === null ||
		previous.high === null
	) {
		return 'unclear';
	}
	const a = { low: current.low, high: current.high };
	const b = { low: previous.low, high: previous.high };
	if (intervalsOverlap(a, b)) return 'unclear';
	return current.value > previous.value ? 'up' : 'down';
}

/** Only a change the intervals support is set in bold; the others are muted. */
export function isClearChange(verdict: ChangeVerdict): boolean {
	return verdict === 'up' || verdict === 'down';
}

/** Which trend points are drawn hollow (thin) and say so in their tooltip and table row. */
export function thinPoints(points: { n: number }[], minimumN: number): boolean[] {
	return points.map((p) => p.n > 0 && isThin(p.n, minimumN));
}
