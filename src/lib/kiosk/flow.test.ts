import { describe, expect, it } from 'vitest';
import { templateDefinition } from '$lib/domain/templates';
import { isLowRating, mainQuestion, nextStep, stepKeys, type FlowOptions, type Step } from './flow';

const desk3 = templateDefinition('desk3');
const smiley = templateDefinition('smiley');
const off: FlowOptions = { askOfficer: false, askProcedureField: false, askDetailsAfter: 'every' };
const on: FlowOptions = { askOfficer: true, askProcedureField: true, askDetailsAfter: 'every' };
const onLow: FlowOptions = { ...on, askDetailsAfter: 'low' };

/** Walks the flow skipping every step, as a resident tapping "Bỏ qua" would. */
function walk(answers: Record<string, number>, opts: FlowOptions, def = desk3): string[][] {
	const done = new Set([def.mainQuestion]);
	const seen: string[][] = [];
	for (let step: Step | null; (step = nextStep(def, answers, done, opts));) {
		seen.push(stepKeys(step));
		for (const key of stepKeys(step)) done.add(key);
	}
	return seen;
}

describe('kiosk flow', () => {
	it('ends at the tap for a satisfied resident when officer and field are off', () => {
		expect(walk({ satisfaction: 2 }, off)).toEqual([]);
		expect(walk({ satisfaction: 3 }, off)).toEqual([]);
	});

	it('asks officer and field only when the kiosk settings say so', () => {
		expect(walk({ satisfaction: 3 }, on)).toEqual([['officer'], ['procedure_field']]);
		expect(walk({ satisfaction: 3 }, { ...on, askProcedureField: false })).toEqual([['officer']]);
	});

	it('with "only after a low rating", a satisfied resident is asked nothing more', () => {
		expect(walk({ satisfaction: 3 }, onLow)).toEqual([]);
		expect(walk({ satisfaction: 2 }, onLow)).toEqual([]);
		expect(walk({ satisfaction: 1 }, onLow)).toEqual([
			['officer'],
			['procedure_field'],
			['reasons'],
			['comment', 'phone']
		]);
	});

	it('"low" is below the first satisfied level: on four levels, "Bình thường" is low', () => {
		const desk4 = templateDefinition('desk4');
		expect(mainQuestion(desk4)!.satisfiedFrom).toBe(3);
		expect(isLowRating(desk4, { [desk4.mainQuestion]: 2 })).toBe(true);
		expect(isLowRating(desk4, { [desk4.mainQuestion]: 3 })).toBe(false);
		expect(isLowRating(desk3, { satisfaction: 1 })).toBe(true);
		expect(isLowRating(desk3, { satisfaction: 2 })).toBe(false);
	});

	it('after a low rating asks the reasons, then comment and phone on one screen', () => {
		expect(walk({ satisfaction: 1 }, off)).toEqual([['reasons'], ['comment', 'phone']]);
		expect(walk({ satisfaction: 1 }, on)).toEqual([
			['officer'],
			['procedure_field'],
			['reasons'],
			['comment', 'phone']
		]);
		const first = nextStep(desk3, { satisfaction: 1 }, new Set(['satisfaction']), off);
		expect(first?.kind).toBe('choice');
	});

	it('a one-question survey has no follow-ups at all', () => {
		expect(walk({ satisfaction: 1 }, on, smiley)).toEqual([]);
	});

	it('finds the main rating question', () => {
		expect(mainQuestion(desk3)?.levels.map((l) => l.label.vi)).toEqual([
			'Không hài lòng',
			'Hài lòng',
			'Rất hài lòng'
		]);
	});
});
