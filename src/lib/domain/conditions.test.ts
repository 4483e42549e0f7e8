import { describe, it, expect } from 'vitest';
import { conditionValueProblem, evaluateCondition, isShown, numericRange } from './conditions';
import { scale3, scale5 } from './scales';
import type { Question } from './survey';

const rating3: Question = {
	key: 'satisfaction',
	type: 'rating',
	prompt: { vi: 'Câu hỏi' },
	levels: scale3(),
	satisfiedFrom: 2
};
const nps: Question = { key: 'nps', type: 'nps', prompt: { vi: 'Câu hỏi' } };
const text: Question = {
	key: 'comment',
	type: 'text',
	prompt: { vi: 'Góp ý' },
	multiline: true,
	maxLength: 100
};

describe('evaluateCondition', () => {
	it('compares with lte, gte and eq', () => {
		const lte = { question: 'satisfaction', op: 'lte', value: 1 } as const;
		expect(evaluateCondition(lte, { satisfaction: 1 })).toBe(true);
		expect(evaluateCondition(lte, { satisfaction: 2 })).toBe(false);
		const gte = { question: 'satisfaction', op: 'gte', value: 2 } as const;
		expect(evaluateCondition(gte, { satisfaction: 1 })).toBe(false);
		expect(evaluateCondition(gte, { satisfaction: 3 })).toBe(true);
		const eq = { question: 'satisfaction', op: 'eq', value: 2 } as const;
		expect(evaluateCondition(eq, { satisfaction: 2 })).toBe(true);
		expect(evaluateCondition(eq, { satisfaction: 3 })).toBe(false);
	});

	it('checks membership with in', () => {
		const cond = { question: 'nps', op: 'in' as const, value: [0, 1, 2] };
		expect(evaluateCondition(cond, { nps: 2 })).toBe(true);
		expect(evaluateCondition(cond, { nps: 3 })).toBe(false);
	});

	it('is false when unanswered, so follow-ups stay hidden', () => {
		expect(evaluateCondition({ question: 'satisfaction', op: 'lte', value: 3 }, {})).toBe(false);
	});

	it('is false for a non-numeric answer or a mismatched value shape', () => {
		const lte = { question: 'satisfaction', op: 'lte' as const, value: 3 };
		expect(evaluateCondition(lte, { satisfaction: '1' })).toBe(false);
		expect(evaluateCondition({ ...lte, value: [1] }, { satisfaction: 1 })).toBe(false);
		expect(evaluateCondition({ ...lte, op: 'in', value: 1 }, { satisfaction: 1 })).toBe(false);
	});
});

describe('isShown', () => {
	it('shows unconditional questions and evaluates conditional ones', () => {
		expect(isShown(rating3, {})).toBe(true);
		const followUp = { ...text, showWhen: { question: 'satisfaction', op: 'lte', value: 1 } };
		expect(isShown(followUp as Question, { satisfaction: 1 })).toBe(true);
		expect(isShown(followUp as Question, { satisfaction: 3 })).toBe(false);
	});
});

describe('numericRange', () => {
	it('is 1..n for ratings, 0..10 for nps, null otherwise', () => {
		expect(numericRange(rating3)).toEqual({ min: 1, max: 3 });
		expect(numericRange({ ...rating3, levels: scale5() } as Question)).toEqual({ min: 1, max: 5 });
		expect(numericRange(nps)).toEqual({ min: 0, max: 10 });
		expect(numericRange(text)).toBeNull();
	});
});

describe('conditionValueProblem', () => {
	it('accepts values within the scale', () => {
		expect(conditionValueProblem({ question: 'x', op: 'lte', value: 3 }, rating3)).toBeNull();
		expect(conditionValueProblem({ question: 'x', op: 'in', value: [0, 10] }, nps)).toBeNull();
	});

	it('refuses values outside the scale', () => {
		expect(conditionValueProblem({ question: 'x', op: 'lte', value: 4 }, rating3)).toBe(
			'value must be a whole number from 1 to 3'
		);
		expect(conditionValueProblem({ question: 'x', op: 'gte', value: 0 }, rating3)).toMatch(
			/from 1 to 3/
		);
		expect(conditionValueProblem({ question: 'x', op: 'in', value: [9, 11] }, nps)).toMatch(
			/from 0 to 10/
		);
	});

	it('refuses a value of the wrong shape', () => {
		expect(conditionValueProblem({ question: 'x', op: 'in', value: 2 }, rating3)).toMatch(/list/);
		expect(conditionValueProblem({ question: 'x', op: 'in', value: [] }, rating3)).toMatch(/list/);
		expect(conditionValueProblem({ question: 'x', op: 'eq', value: [2] }, rating3)).toMatch(
			/single number/
		);
		expect(conditionValueProblem({ question: 'x', op: 'in', value: [1, 1] }, rating3)).toMatch(
			/repeat/
		);
	});
});
