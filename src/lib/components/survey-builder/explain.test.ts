import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition, type SurveyDefinition } from '$lib/domain/survey';
import { templateDefinition } from '$lib/domain/templates';
import { translator } from '$lib/i18n';
import { explain } from './explain';

const t = translator('vi');

/** The messages the survey rules really give for a broken definition, as the builder shows them. */
function shown(def: unknown): Record<string, string> {
	const parsed = parseSurveyDefinition(def);
	if (parsed.ok) throw new Error('expected a refusal');
	return Object.fromEntries(parsed.errors.map((e) => [e.path, explain(e.message, t)]));
}

describe('builder error messages', () => {
	it('puts the rules’ common refusals in Vietnamese', () => {
		const def: SurveyDefinition = templateDefinition('desk3');
		const broken = structuredClone(def) as unknown as {
			questions: { prompt: { vi: string }; key: string; maxLength?: number }[];
		};
		broken.questions[1].prompt.vi = '<b>x</b>';
		broken.questions[2].key = 'Bad Key';
		broken.questions[4].maxLength = 0;
		expect(shown(broken)).toEqual({
			'questions[1].prompt.vi': 'Chỉ dùng chữ thường: không có dấu < > hay ký tự điều khiển.',
			'questions[2].key':
				'Mã bắt đầu bằng chữ thường và chỉ gồm a–z, 0–9, dấu gạch dưới (tối đa 40 ký tự).',
			'questions[4].maxLength': 'Nhập số từ 1 đến 2000.'
		});
		expect(shown({ ...def, mainQuestion: 'officer' })).toEqual({
			mainQuestion: 'Câu hỏi chính phải là câu mức đánh giá.'
		});
	});

	it('shows any other refusal as it is, under a Vietnamese lead', () => {
		expect(explain('something new', t)).toBe('Chưa hợp lệ: something new');
	});
});
