import { describe, it, expect } from 'vitest';
import { scale3, scale5 } from './scales';
import {
	normalizeVietnamesePhone,
	parseSurveyDefinition,
	validateAnswers,
	visibleQuestions,
	type Question,
	type SurveyDefinition
} from './survey';
import { templateDefinition } from './templates';

/** A plain JSON copy, as a definition arrives from a form or the database. */
function desk3(): SurveyDefinition {
	return JSON.parse(JSON.stringify(templateDefinition('desk3')));
}

function rating(key: string, extra: Partial<Question> = {}): Question {
	return {
		key,
		type: 'rating',
		prompt: { vi: 'Ông/Bà đánh giá thế nào?' },
		levels: scale3(),
		satisfiedFrom: 2,
		...extra
	} as Question;
}

/** A survey of these questions, the first named "satisfaction" being the main one. */
function survey(questions: Question[]): SurveyDefinition {
	return { schemaVersion: 1, title: { vi: 'Khảo sát' }, mainQuestion: 'satisfaction', questions };
}

function errorsOf(input: unknown) {
	const result = parseSurveyDefinition(input);
	return result.ok ? [] : result.errors;
}

describe('parseSurveyDefinition accepts', () => {
	it('a minimal survey and drops an empty English text', () => {
		const result = parseSurveyDefinition({
			schemaVersion: 1,
			title: { vi: '  Khảo sát  ', en: '' },
			mainQuestion: 'satisfaction',
			questions: [rating('satisfaction')]
		});
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.value.title).toEqual({ vi: 'Khảo sát' });
	});

	it('stores labels in NFC', () => {
		const def = desk3();
		def.title.vi = 'Phụng Hiệp'.normalize('NFD');
		const result = parseSurveyDefinition(def);
		expect(result.ok && result.value.title.vi).toBe('Phụng Hiệp'.normalize('NFC'));
	});
});

describe('parseSurveyDefinition refuses hostile or broken definitions', () => {
	it('a script in a label', () => {
		const def = desk3();
		const reasons = def.questions[3];
		if (reasons.type !== 'multi_choice') throw new Error('fixture');
		reasons.options[0].label.vi = '<script>alert(1)</script>';
		expect(errorsOf(def)).toEqual([
			{
				path: 'questions[3].options[0].label.vi',
				message: 'must be plain text (no < or > or control characters)'
			}
		]);
	});

	it('control and bidi-override characters', () => {
		const def = desk3();
		def.questions[0].prompt.vi = 'Câu hỏi\u0000';
		def.title.vi = 'abc\u202Edef';
		expect(errorsOf(def).map((e) => e.path)).toEqual(['title.vi', 'questions[0].prompt.vi']);
	});

	it('an unknown question type', () => {
		const def = desk3() as unknown as { questions: Record<string, unknown>[] };
		def.questions[1].type = 'html';
		expect(errorsOf(def)).toEqual([
			{ path: 'questions[1].type', message: 'unknown question type' }
		]);
	});

	it('an unknown field', () => {
		const def = desk3() as unknown as { questions: Record<string, unknown>[] };
		def.questions[0].onclick = 'steal()';
		expect(errorsOf(def)).toEqual([{ path: 'questions[0].onclick', message: 'unknown field' }]);
	});

	it('101 questions', () => {
		const questions = [rating('satisfaction')];
		for (let i = 1; i <= 100; i++) questions.push(rating(`q${i}`));
		const errors = errorsOf(survey(questions));
		expect(errors).toEqual([{ path: 'questions', message: 'a survey has at most 100 questions' }]);
	});

	it('a condition pointing to a later question', () => {
		const def = desk3();
		def.questions.splice(0, 0, {
			key: 'early',
			type: 'text',
			prompt: { vi: 'Góp ý' },
			multiline: false,
			maxLength: 10,
			showWhen: { question: 'satisfaction', op: 'lte', value: 1 }
		});
		expect(errorsOf(def)).toEqual([
			{
				path: 'questions[0].showWhen.question',
				message: "must refer to an earlier rating or nps question; 'satisfaction' is not one"
			}
		]);
	});

	it('a condition on a text question, on itself, or out of the scale', () => {
		const def = desk3();
		def.questions[5].showWhen = { question: 'comment', op: 'eq', value: 1 };
		def.questions[4].showWhen = { question: 'comment', op: 'eq', value: 1 };
		def.questions[3].showWhen = { question: 'satisfaction', op: 'lte', value: 4 };
		expect(errorsOf(def)).toEqual([
			{
				path: 'questions[3].showWhen.value',
				message: 'value must be a whole number from 1 to 3'
			},
			{
				path: 'questions[4].showWhen.question',
				message: "must refer to an earlier rating or nps question; 'comment' is not one"
			},
			{
				path: 'questions[5].showWhen.question',
				message: "must refer to a rating or nps question; 'comment' is text"
			}
		]);
	});

	it('a duplicate key', () => {
		const def = desk3();
		def.questions[4].key = 'reasons';
		const errors = errorsOf(def);
		expect(errors).toContainEqual({
			path: 'questions[4].key',
			message: "duplicate key 'reasons' (also used by questions[3])"
		});
	});

	it('a missing or non-rating main question', () => {
		const def = desk3();
		def.mainQuestion = 'nothing';
		expect(errorsOf(def)).toEqual([
			{ path: 'mainQuestion', message: "no question has the key 'nothing'" }
		]);
		def.mainQuestion = 'comment';
		expect(errorsOf(def)).toEqual([
			{ path: 'mainQuestion', message: 'the main question must be a rating' }
		]);
	});

	it('ratings with 2 or 6 levels', () => {
		const two = rating('satisfaction', { levels: scale3().slice(0, 2) } as Partial<Question>);
		const six = rating('six', {
			levels: [...scale5(), { value: 6, label: { vi: 'Sáu' }, tone: 'positive' }]
		} as Partial<Question>);
		expect(errorsOf(survey([two, six]))).toEqual([
			{ path: 'questions[0].levels', message: 'a rating needs 3, 4 or 5 levels' },
			{ path: 'questions[1].levels', message: 'a rating needs 3, 4 or 5 levels' }
		]);
	});

	it('ratings numbered in the wrong order or satisfied from outside the scale', () => {
		const reversed = rating('reversed', { levels: scale3().reverse() } as Partial<Question>);
		const zero = rating('zero', { satisfiedFrom: 0 } as Partial<Question>);
		const four = rating('four', { satisfiedFrom: 4 } as Partial<Question>);
		expect(errorsOf(survey([rating('satisfaction'), reversed, zero, four]))).toEqual([
			{
				path: 'questions[1].levels',
				message: 'levels must be numbered 1..n from most negative to most positive'
			},
			{ path: 'questions[2].satisfiedFrom', message: 'must be a level from 1 to 3' },
			{ path: 'questions[3].satisfiedFrom', message: 'must be a level from 1 to 3' }
		]);
	});

	it('text maxLength outside 1..2000', () => {
		const def = desk3();
		const comment = def.questions[4];
		if (comment.type !== 'text') throw new Error('fixture');
		comment.maxLength = 2001;
		expect(errorsOf(def)).toEqual([
			{ path: 'questions[4].maxLength', message: 'must be from 1 to 2000' }
		]);
		comment.maxLength = 0;
		expect(errorsOf(def)).toEqual([
			{ path: 'questions[4].maxLength', message: 'must be from 1 to 2000' }
		]);
	});

	it('31 options and a duplicate option', () => {
		const def = desk3();
		const reasons = def.questions[3];
		if (reasons.type !== 'multi_choice') throw new Error('fixture');
		reasons.options = Array.from({ length: 31 }, (_, i) => ({
			value: `o${i}`,
			label: { vi: `Lựa chọn ${i}` }
		}));
		expect(errorsOf(def)).toEqual([
			{ path: 'questions[3].options', message: 'a choice question has at most 30 options' }
		]);
		reasons.options = [reasons.options[0], reasons.options[0]];
		expect(errorsOf(def)).toEqual([
			{ path: 'questions[3].options[1].value', message: "duplicate option value 'o0'" }
		]);
	});

	it('empty Vietnamese text and over-long labels and prompts', () => {
		const def = desk3();
		def.title = { vi: '   ', en: 'Title' };
		def.questions[0].prompt.vi = 'a'.repeat(501);
		const main = def.questions[0];
		if (main.type !== 'rating') throw new Error('fixture');
		main.levels[0].label.en = 'b'.repeat(201);
		def.questions[1].prompt.vi = 'a'.repeat(500);
		expect(errorsOf(def)).toEqual([
			{ path: 'title.vi', message: 'Vietnamese text is required' },
			{ path: 'questions[0].prompt.vi', message: 'must be at most 500 characters' },
			{ path: 'questions[0].levels[0].label.en', message: 'must be at most 200 characters' }
		]);
	});

	it('a key that is not a stable identifier', () => {
		const def = desk3();
		def.questions[1].key = 'Officer Name';
		def.mainQuestion = 'satisfaction';
		expect(errorsOf(def).map((e) => e.path)).toEqual(['questions[1].key']);
	});

	it('a section naming an unknown question, or a question twice', () => {
		const def = templateDefinition('sipas');
		def.sections![0].questionKeys.push('nothing');
		def.sections![1].questionKeys.push('sipas_1_1');
		expect(errorsOf(def)).toEqual([
			{ path: 'sections[0].questionKeys[4]', message: "no question has the key 'nothing'" },
			{
				path: 'sections[1].questionKeys[4]',
				message: "'sipas_1_1' is already in section 'sipas_1'"
			}
		]);
	});

	it('something that is not a definition at all', () => {
		expect(errorsOf(null)).toHaveLength(1);
		expect(errorsOf({ ...desk3(), schemaVersion: 2 })).toEqual([
			{ path: 'schemaVersion', message: 'only schemaVersion 1 is supported' }
		]);
	});
});

describe('validateAnswers', () => {
	const def = templateDefinition('desk3');

	it('accepts a single tap as a complete answer', () => {
		expect(validateAnswers(def, { satisfaction: 3 })).toEqual({
			ok: true,
			value: { satisfaction: 3 }
		});
	});

	it('requires the main question', () => {
		expect(validateAnswers(def, {})).toEqual({
			ok: false,
			errors: [{ path: 'satisfaction', message: 'an answer is required' }]
		});
		expect(validateAnswers(def, { satisfaction: null }).ok).toBe(false);
	});

	it('refuses unknown keys and non-objects', () => {
		expect(validateAnswers(def, { satisfaction: 2, extra: 1 })).toEqual({
			ok: false,
			errors: [{ path: 'extra', message: 'unknown question' }]
		});
		expect(validateAnswers(def, [3]).ok).toBe(false);
		expect(validateAnswers(def, 'satisfaction=3').ok).toBe(false);
	});

	it('takes only an integer level of the scale', () => {
		for (const bad of [0, 4, 2.5, '2', true]) {
			expect(validateAnswers(def, { satisfaction: bad })).toEqual({
				ok: false,
				errors: [{ path: 'satisfaction', message: 'must be a whole number from 1 to 3' }]
			});
		}
	});

	it('takes the full follow-up after Không hài lòng, normalised', () => {
		const result = validateAnswers(def, {
			satisfaction: 1,
			reasons: ['wait', 'fees'],
			comment: `  ${'Chờ quá lâu ở quầy hộ tịch'.normalize('NFD')}\r\n `,
			phone: '091 234.56 78'
		});
		expect(result).toEqual({
			ok: true,
			value: {
				satisfaction: 1,
				reasons: ['wait', 'fees'],
				comment: 'Chờ quá lâu ở quầy hộ tịch'.normalize('NFC'),
				phone: '0912345678'
			}
		});
	});

	it('refuses a follow-up answered while it is hidden', () => {
		expect(validateAnswers(def, { satisfaction: 3, reasons: ['wait'] })).toEqual({
			ok: false,
			errors: [{ path: 'reasons', message: 'answered although the question is not shown' }]
		});
	});

	it('lets a skipped follow-up be blank', () => {
		expect(
			validateAnswers(def, { satisfaction: 3, reasons: [], comment: '  ', phone: null })
		).toEqual({ ok: true, value: { satisfaction: 3 } });
	});

	it('refuses options that do not exist or repeat', () => {
		expect(validateAnswers(def, { satisfaction: 1, reasons: ['wait', 'bribe'] })).toEqual({
			ok: false,
			errors: [{ path: 'reasons[1]', message: 'must be one of the options' }]
		});
		expect(validateAnswers(def, { satisfaction: 1, reasons: ['wait', 'wait'] })).toEqual({
			ok: false,
			errors: [{ path: 'reasons[1]', message: 'is chosen twice' }]
		});
		expect(validateAnswers(def, { satisfaction: 1, reasons: 'wait' }).ok).toBe(false);
	});

	it('limits text to maxLength code points after trimming', () => {
		const long = 'ệ'.repeat(1000);
		expect(validateAnswers(def, { satisfaction: 1, comment: ` ${long} ` }).ok).toBe(true);
		expect(validateAnswers(def, { satisfaction: 1, comment: `${long}a` })).toEqual({
			ok: false,
			errors: [{ path: 'comment', message: 'must be at most 1000 characters (got 1001)' }]
		});
	});

	it('normalises Vietnamese phone numbers', () => {
		expect(normalizeVietnamesePhone('0912345678')).toBe('0912345678');
		expect(normalizeVietnamesePhone('+84 912 345 678')).toBe('0912345678');
		expect(normalizeVietnamesePhone('+84.389.123.456')).toBe('0389123456');
		expect(normalizeVietnamesePhone('0912-345-678')).toBe('0912345678');
		// too short, too long, landline-shaped, missing +, letters
		for (const bad of ['091234567', '09123456789', '0212345678', '84912345678', '09123abc78']) {
			expect(normalizeVietnamesePhone(bad)).toBeNull();
		}
	});

	it('refuses a bad phone number with a clear message', () => {
		expect(validateAnswers(def, { satisfaction: 1, phone: '12345' })).toEqual({
			ok: false,
			errors: [
				{
					path: 'phone',
					message: 'must be a Vietnamese mobile number such as 0912345678 or +84912345678'
				}
			]
		});
	});

	it('checks officer and procedure field against the lists when given', () => {
		const ctx = { officerIds: ['off_1'], procedureFieldIds: ['ho_tich'] };
		expect(
			validateAnswers(def, { satisfaction: 2, officer: 'off_1', procedure_field: 'ho_tich' }, ctx)
		).toEqual({
			ok: true,
			value: { satisfaction: 2, officer: 'off_1', procedure_field: 'ho_tich' }
		});
		expect(
			validateAnswers(def, { satisfaction: 2, officer: 'off_9', procedure_field: 'dat_dai' }, ctx)
		).toEqual({
			ok: false,
			errors: [
				{ path: 'officer', message: 'is not a known officer' },
				{ path: 'procedure_field', message: 'is not a known procedure field' }
			]
		});
		expect(validateAnswers(def, { satisfaction: 2, officer: 'anyone' }).ok).toBe(true);
		expect(validateAnswers(def, { satisfaction: 2, officer: 7 }).ok).toBe(false);
	});

	it('takes NPS as a whole number 0..10 and honours required questions', () => {
		const npsDef: SurveyDefinition = survey([
			rating('satisfaction'),
			{ key: 'nps', type: 'nps', prompt: { vi: 'Ông/Bà có giới thiệu không?' }, required: true },
			{
				key: 'why_low',
				type: 'single_choice',
				prompt: { vi: 'Vì sao?' },
				options: [{ value: 'wait', label: { vi: 'Phải chờ lâu' } }],
				showWhen: { question: 'nps', op: 'in', value: [0, 1, 2] }
			}
		]);
		expect(parseSurveyDefinition(npsDef).ok).toBe(true);
		expect(validateAnswers(npsDef, { satisfaction: 2, nps: 0, why_low: 'wait' }).ok).toBe(true);
		expect(validateAnswers(npsDef, { satisfaction: 2, nps: 10 }).ok).toBe(true);
		expect(validateAnswers(npsDef, { satisfaction: 2 })).toEqual({
			ok: false,
			errors: [{ path: 'nps', message: 'an answer is required' }]
		});
		expect(validateAnswers(npsDef, { satisfaction: 2, nps: 11 }).ok).toBe(false);
		expect(validateAnswers(npsDef, { satisfaction: 2, nps: 5, why_low: 'wait' }).ok).toBe(false);
	});
});

describe('visibleQuestions', () => {
	const def = templateDefinition('desk3');
	const keys = (qs: Question[]) => qs.map((q) => q.key);

	it('hides the follow-ups until a low rating', () => {
		expect(keys(visibleQuestions(def, {}))).toEqual(['satisfaction', 'officer', 'procedure_field']);
		expect(keys(visibleQuestions(def, { satisfaction: 3 }))).toEqual([
			'satisfaction',
			'officer',
			'procedure_field'
		]);
		expect(keys(visibleQuestions(def, { satisfaction: 1 }))).toEqual([
			'satisfaction',
			'officer',
			'procedure_field',
			'reasons',
			'comment',
			'phone'
		]);
	});

	it('ignores an answer to a hidden question when judging later ones', () => {
		const chained: SurveyDefinition = survey([
			rating('satisfaction'),
			rating('detail', { showWhen: { question: 'satisfaction', op: 'eq', value: 1 } }),
			rating('deeper', { showWhen: { question: 'detail', op: 'eq', value: 1 } })
		]);
		expect(parseSurveyDefinition(chained).ok).toBe(true);
		expect(keys(visibleQuestions(chained, { satisfaction: 3, detail: 1 }))).toEqual([
			'satisfaction'
		]);
		expect(keys(visibleQuestions(chained, { satisfaction: 1, detail: 1 }))).toEqual([
			'satisfaction',
			'detail',
			'deeper'
		]);
	});
});
