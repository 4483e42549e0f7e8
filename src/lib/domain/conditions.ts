import type { Answers, Condition, Question } from './survey-model';

/**
 * Follow-up questions appear only after certain answers (e.g. the "why" screen after a low
 * rating). Conditions may only look at rating and NPS answers, which are whole numbers.
 */

/** Inclusive range of the numbers a question can be answered with, or null if not numeric. */
export function numericRange(q: Question): { min: number; max: number } | null {
	if (q.type === 'rating') return { min: 1, max: q.levels.length };
	if (q.type === 'nps') return { min: 0, max: 10 };
	return null;
}

/** An unanswered (or non-numeric) question never satisfies a condition: follow-ups stay hidden. */
export function evaluateCondition(cond: Condition, answers: Answers): boolean {
	const answer = answers[cond.question];
	if (typeof answer !== 'number' || !Number.isFinite(answer)) return false;
	const { op, value } = cond;
	if (op === 'in') return Array.isArray(value) && value.includes(answer);
	if (typeof value !== 'number') return false;
	if (op === 'lte') return answer <= value;
	if (op === 'gte') return answer >= value;
	return answer === value;
}

export function isShown(q: Question, answers: Answers): boolean {
	return !q.showWhen || evaluateCondition(q.showWhen, answers);
}

/**
 * Why a condition's value does not fit the question it looks at, or null if it fits. Bounds are
 * checked so that a condition that can never (or always) hold is caught when the survey is saved.
 */
export function conditionValueProblem(cond: Condition, target: Question): string | null {
	const range = numericRange(target);
	if (!range) return null;
	const { min, max } = range;
	const inRange = (n: number) => Number.isInteger(n) && n >= min && n <= max;
	if (cond.op === 'in') {
		if (!Array.isArray(cond.value) || cond.value.length === 0) {
			return "'in' needs a non-empty list of values";
		}
		if (!cond.value.every(inRange)) return `values must be whole numbers from ${min} to ${max}`;
		if (new Set(cond.value).size !== cond.value.length) return 'values must not repeat';
		return null;
	}
	if (typeof cond.value !== 'number') return `'${cond.op}' needs a single number`;
	if (!inRange(cond.value)) return `value must be a whole number from ${min} to ${max}`;
	return null;
}
