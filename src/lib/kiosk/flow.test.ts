import { describe, expect, it } from 'vitest';
import { templateDefinition } from '$lib/domain/templates';
import { mainQuestion, nextStep, stepKeys, type FlowOptions, type Step } from './flow';

const desk3 = templateDefinition('desk3');
const smiley = templateDefinition('smiley');
const off: FlowOptions = { askOfficer: false, askProcedureField: false };
const on: FlowOptions = { askOfficer: true, askProcedureField: true };

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
		expect(walk({ satisfaction: 3 }, { askOfficer: true, askProcedureField: false })).toEqual([
			['officer']
		]);
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
