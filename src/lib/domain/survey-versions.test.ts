import { describe, expect, it } from 'vitest';
import { compatibilityErrors } from './survey-versions';
import { templateDefinition } from './templates';
import type { Question, SurveyDefinition } from './survey-model';

const desk3 = () => templateDefinition('desk3');

function withQuestion(def: SurveyDefinition, key: string, change: (q: Question) => Question) {
	return { ...def, questions: def.questions.map((q) => (q.key === key ? change(q) : q)) };
}

describe('compatibilityErrors (what may change between versions)', () => {
	it('accepts anything for a first version', () => {
		expect(compatibilityErrors([], templateDefinition('desk4'))).toEqual([]);
	});

	it('accepts new wording, new questions and removed questions', () => {
		const v1 = desk3();
		const reworded = withQuestion(v1, 'satisfaction', (q) => ({
			...q,
			prompt: { vi: 'Ông/Bà hài lòng với sự phục vụ không?' }
		}));
		const v2: SurveyDefinition = {
			...reworded,
			questions: [
				...reworded.questions.filter((q) => q.key !== 'comment'),
				{ key: 'waited', type: 'nps', prompt: { vi: 'Ông/Bà có giới thiệu không?' } }
			]
		};
		expect(compatibilityErrors([v1], v2)).toEqual([]);
	});

	it('refuses a changed main question, type, scale or threshold, naming the version', () => {
		const v1 = desk3();
		const otherMain = { ...v1, mainQuestion: 'other' };
		expect(compatibilityErrors([v1], otherMain)[0]).toMatchObject({ path: 'mainQuestion' });

		const asText = withQuestion(v1, 'comment', (q) => ({
			key: q.key,
			type: 'nps',
			prompt: q.prompt
		}));
		const index = v1.questions.findIndex((q) => q.key === 'comment');
		expect(compatibilityErrors([v1], asText)).toEqual([
			{
				path: `questions[${index}].type`,
				message: "'comment' was text in version 1; a changed question needs a new key"
			}
		]);

		const v4 = templateDefinition('desk4');
		const scaleChanged = { ...v4, mainQuestion: 'satisfaction' };
		expect(compatibilityErrors([v1], scaleChanged)).toEqual([
			{
				path: 'questions[0].levels',
				message: "'satisfaction' had 3 levels in version 1; a different scale needs a new key"
			}
		]);

		const threshold = withQuestion(v1, 'satisfaction', (q) =>
			q.type === 'rating' ? { ...q, satisfiedFrom: 3 } : q
		);
		expect(compatibilityErrors([v1], threshold)[0].path).toBe('questions[0].satisfiedFrom');
	});

	it('compares a key with the last version that had it, even if the latest dropped it', () => {
		const v1 = desk3();
		const v2 = { ...v1, questions: v1.questions.filter((q) => q.key !== 'comment') };
		const back = withQuestion(v1, 'comment', (q) => ({
			key: q.key,
			type: 'nps',
			prompt: q.prompt
		}));
		const errors = compatibilityErrors([v1, v2], back);
		expect(errors).toHaveLength(1);
		expect(errors[0].message).toContain('in version 1');
	});
});
