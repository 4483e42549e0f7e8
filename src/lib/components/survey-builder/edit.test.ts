import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition } from '$lib/domain/survey';
import { templateDefinition } from '$lib/domain/templates';
import {
	QUESTION_TYPES,
	addQuestion,
	canMove,
	duplicateQuestion,
	fieldId,
	freshKey,
	moveQuestion,
	otherErrors,
	removeQuestion,
	renameKey
} from './edit';

const desk3 = () => templateDefinition('desk3');
const keys = (def: { questions: { key: string }[] }) => def.questions.map((q) => q.key);

describe('survey builder edits', () => {
	it('adds every question type as a valid question under a fresh key', () => {
		let def = desk3();
		for (const type of QUESTION_TYPES) def = addQuestion(def, type);
		expect(keys(def).slice(-8)).toEqual([
			'rating',
			'single_choice',
			'multi_choice',
			'text',
			'nps',
			'officer_2',
			'procedure_field_2',
			'phone_2'
		]);
		expect(parseSurveyDefinition(def).ok).toBe(true);
		expect(freshKey(def, 'rating')).toBe('rating_2');
	});

	it('moves a question but never before the question its condition reads', () => {
		const def = desk3();
		expect(keys(def)).toEqual([
			'satisfaction',
			'officer',
			'procedure_field',
			'reasons',
			'comment',
			'phone'
		]);
		const moved = moveQuestion(def, 2, -1);
		expect(keys(moved)).toEqual([
			'satisfaction',
			'procedure_field',
			'officer',
			'reasons',
			'comment',
			'phone'
		]);
		// reasons reads satisfaction: satisfaction may not go below it.
		const lowered = moveQuestion(moveQuestion(def, 0, 1), 1, 1);
		expect(keys(lowered).slice(0, 4)).toEqual([
			'officer',
			'procedure_field',
			'satisfaction',
			'reasons'
		]);
		expect(canMove(lowered, 2, 1)).toBe(false);
		expect(canMove(def, 0, -1)).toBe(false);
		expect(canMove(def, 5, 1)).toBe(false);
		const reasonsFirst = moveQuestion(moveQuestion(def, 3, -1), 2, -1);
		expect(keys(reasonsFirst)).toEqual([
			'satisfaction',
			'reasons',
			'officer',
			'procedure_field',
			'comment',
			'phone'
		]);
		expect(canMove(reasonsFirst, 1, -1)).toBe(false);
		expect(parseSurveyDefinition(reasonsFirst).ok).toBe(true);
	});

	it('duplicates under a fresh key right after the original', () => {
		const def = duplicateQuestion(desk3(), 3);
		expect(keys(def).slice(3, 5)).toEqual(['reasons', 'reasons_2']);
		expect(def.questions[4].showWhen).toEqual(def.questions[3].showWhen);
		expect(parseSurveyDefinition(def).ok).toBe(true);
	});

	it('removes a question with the conditions and section entries that name it, never the main one', () => {
		const def = desk3();
		expect(removeQuestion(def, 0)).toBe(def);
		const asked = addQuestion(def, 'nps');
		const withCondition = {
			...asked,
			questions: [
				...asked.questions,
				{
					key: 'why',
					type: 'text' as const,
					prompt: { vi: 'Vì sao?' },
					multiline: false,
					maxLength: 200,
					showWhen: { question: 'nps', op: 'lte' as const, value: 6 }
				}
			],
			sections: [{ key: 's1', title: { vi: 'Nhóm' }, questionKeys: ['nps', 'why'] }]
		};
		expect(parseSurveyDefinition(withCondition).ok).toBe(true);
		const removed = removeQuestion(withCondition, 6);
		expect(keys(removed)).not.toContain('nps');
		expect(removed.questions.at(-1)?.showWhen).toBeUndefined();
		expect(removed.sections?.[0].questionKeys).toEqual(['why']);
		expect(parseSurveyDefinition(removed).ok).toBe(true);
	});

	it('renames a key everywhere it is referred to', () => {
		const def = renameKey(desk3(), 'satisfaction', 'service');
		expect(def.mainQuestion).toBe('service');
		expect(def.questions[3].showWhen?.question).toBe('service');
		expect(parseSurveyDefinition(def).ok).toBe(true);
	});

	it('maps error paths to input ids and keeps the ones no input shows', () => {
		expect(fieldId('questions[2].prompt.vi')).toBe('sb-questions-2-prompt-vi');
		expect(fieldId('questions[2].levels[0].label.en')).toBe('sb-questions-2-levels-0-label-en');
		const errors = [
			{ path: 'questions[2].prompt.vi', message: 'a' },
			{ path: 'questions[2].levels', message: 'b' },
			{ path: 'questions[20].key', message: 'c' }
		];
		expect(otherErrors(errors, 'questions[2]', new Set(['questions[2].prompt.vi']))).toEqual([
			{ path: 'questions[2].levels', message: 'b' }
		]);
	});
});
