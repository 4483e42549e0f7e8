import { describe, it, expect } from 'vitest';
import { DESK_REASONS } from './scales';
import { parseSurveyDefinition, type Question } from './survey';
import { TEMPLATE_IDS, TEMPLATE_NAMES, templateDefinition } from './templates';

const byKey = (questions: Question[], key: string) => questions.find((q) => q.key === key)!;

describe('templates', () => {
	it('lists the four templates, each with a Vietnamese and English name', () => {
		expect(TEMPLATE_IDS).toEqual(['desk3', 'desk4', 'smiley', 'sipas']);
		for (const id of TEMPLATE_IDS) {
			expect(TEMPLATE_NAMES[id].vi).toBeTruthy();
			expect(TEMPLATE_NAMES[id].en).toBeTruthy();
		}
	});

	it.each(TEMPLATE_IDS)('%s passes validation unchanged', (id) => {
		const def = templateDefinition(id);
		const parsed = parseSurveyDefinition(def);
		expect(parsed).toEqual({ ok: true, value: def });
	});

	it('returns a fresh copy each call', () => {
		const a = templateDefinition('desk3');
		a.questions[0].prompt.vi = 'changed';
		a.questions.pop();
		const b = templateDefinition('desk3');
		expect(b.questions).toHaveLength(6);
		expect(b.questions[0].prompt.vi).toBe('Ông/Bà đánh giá thế nào về sự phục vụ hôm nay?');
	});
});

describe('desk3', () => {
	const def = templateDefinition('desk3');

	it('asks the KIOSK-UX question on the 3-level scale', () => {
		const main = byKey(def.questions, 'satisfaction');
		expect(def.mainQuestion).toBe('satisfaction');
		expect(main.prompt).toEqual({
			vi: 'Ông/Bà đánh giá thế nào về sự phục vụ hôm nay?',
			en: 'How were you served today?'
		});
		expect(main.type === 'rating' && main.levels.length).toBe(3);
		expect(main.type === 'rating' && main.satisfiedFrom).toBe(2);
	});

	it('has the questions in KIOSK-UX order, officer and field optional', () => {
		expect(def.questions.map((q) => [q.key, q.type])).toEqual([
			['satisfaction', 'rating'],
			['officer', 'officer'],
			['procedure_field', 'procedure_field'],
			['reasons', 'multi_choice'],
			['comment', 'text'],
			['phone', 'phone']
		]);
		expect(byKey(def.questions, 'officer').required).toBeFalsy();
		expect(byKey(def.questions, 'procedure_field').required).toBeFalsy();
	});

	it('asks why only after Không hài lòng', () => {
		for (const key of ['reasons', 'comment', 'phone']) {
			expect(byKey(def.questions, key).showWhen).toEqual({
				question: 'satisfaction',
				op: 'lte',
				value: 1
			});
		}
		const reasons = byKey(def.questions, 'reasons');
		expect(reasons.type === 'multi_choice' && reasons.options).toEqual(DESK_REASONS);
	});

	it('uses the KIOSK-UX wording for the comment and the consent', () => {
		const comment = byKey(def.questions, 'comment');
		expect(comment.prompt.vi).toBe('Ông/Bà có muốn góp ý thêm?');
		expect(comment.type === 'text' && [comment.multiline, comment.maxLength]).toEqual([true, 1000]);
		const phone = byKey(def.questions, 'phone');
		expect(phone.type === 'phone' && phone.consent.vi).toBe(
			'Tôi đồng ý để cơ quan dùng số điện thoại này chỉ để liên hệ phản hồi ý kiến của tôi. Số điện thoại được xóa sau 12 tháng.'
		);
	});
});

describe('desk4', () => {
	const def = templateDefinition('desk4');

	it('uses the 4-level scale and follows up at or below Bình thường', () => {
		const main = byKey(def.questions, 'satisfaction');
		expect(main.type === 'rating' && main.levels.map((l) => l.label.vi)).toEqual([
			'Không hài lòng',
			'Bình thường',
			'Hài lòng',
			'Rất hài lòng'
		]);
		expect(main.type === 'rating' && main.satisfiedFrom).toBe(3);
		for (const key of ['reasons', 'comment', 'phone']) {
			expect(byKey(def.questions, key).showWhen).toEqual({
				question: 'satisfaction',
				op: 'lte',
				value: 2
			});
		}
	});
});

describe('smiley', () => {
	it('is the main question alone', () => {
		const def = templateDefinition('smiley');
		expect(def.questions).toHaveLength(1);
		const main = def.questions[0];
		expect(main.key).toBe('satisfaction');
		expect(main.type === 'rating' && main.levels.length).toBe(3);
	});
});

describe('sipas', () => {
	const def = templateDefinition('sipas');

	it('has the five SIPAS groups I..V as sections', () => {
		expect(def.sections).toHaveLength(5);
		expect(def.sections!.map((s) => s.title.vi)).toEqual([
			'I. Tiếp cận dịch vụ',
			'II. Thủ tục hành chính',
			'III. Công chức',
			'IV. Kết quả giải quyết',
			'V. Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị'
		]);
		// DOMAIN.md criteria per group: 4 access, 4 procedure, 5 officer, 3 result, 3 feedback
		expect(def.sections!.map((s) => s.questionKeys.length)).toEqual([4, 4, 5, 3, 3]);
		expect(def.sections![2].questionKeys).toEqual([
			'sipas_3_1',
			'sipas_3_2',
			'sipas_3_3',
			'sipas_3_4',
			'sipas_3_5'
		]);
	});

	it('starts with the overall rating and ends with an optional comment', () => {
		expect(def.mainQuestion).toBe('satisfaction');
		expect(def.questions[0].key).toBe('satisfaction');
		expect(def.questions).toHaveLength(1 + 1 + 19 + 1);
		const last = def.questions[def.questions.length - 1];
		expect([last.key, last.type, last.required ?? false]).toEqual(['comment', 'text', false]);
	});

	it('rates every item on the 5-level scale, satisfied from Hài lòng, tagged by group', () => {
		const items = def.questions.filter((q) => q.key.startsWith('sipas_'));
		expect(items).toHaveLength(19);
		for (const q of items) {
			expect(q.type).toBe('rating');
			if (q.type !== 'rating') continue;
			expect(q.levels).toHaveLength(5);
			expect(q.satisfiedFrom).toBe(4);
			expect(q.prompt.vi).toMatch(/^Ông\/Bà .+\?$/);
			expect(q.prompt.en).toBeTruthy();
		}
		const groups = items.map((q) => (q.type === 'rating' ? q.group : undefined));
		expect(new Set(groups)).toEqual(
			new Set(['access', 'procedure', 'officer', 'result', 'feedback'])
		);
	});

	it('keeps the one-visit criterion of group III', () => {
		expect(byKey(def.questions, 'sipas_3_3').prompt.vi).toMatch(/một lần/);
	});
});

describe('sipas reasons', () => {
	it('asks the desk’s "why" chips right after the overall rating, only below "Hài lòng"', () => {
		const def = templateDefinition('sipas');
		const reasons = def.questions[1];
		expect(reasons.key).toBe('reasons');
		expect(reasons.type).toBe('multi_choice');
		expect(reasons.showWhen).toEqual({ question: 'satisfaction', op: 'lte', value: 3 });
		if (reasons.type === 'multi_choice') {
			expect(reasons.options.map((o) => o.label.vi)).toContain('Phải chờ lâu');
		}
	});
});
