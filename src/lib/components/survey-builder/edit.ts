import type { MessageKey } from '$lib/i18n';
import { SATISFIED_FROM, scale3, scale4, scale5 } from '$lib/domain/scales';
import type {
	FieldError,
	Question,
	QuestionType,
	RatingLevel,
	SurveyDefinition
} from '$lib/domain/survey-model';

/**
 * The builder's edits as pure functions over a definition, so the screen only wires buttons to
 * them and the rules (fresh keys, conditions and sections kept consistent) are unit tested.
 */

export const QUESTION_TYPES: readonly QuestionType[] = [
	'rating',
	'single_choice',
	'multi_choice',
	'text',
	'nps',
	'officer',
	'procedure_field',
	'phone'
];

export function standardLevels(count: 3 | 4 | 5): RatingLevel[] {
	return count === 3 ? scale3() : count === 4 ? scale4() : scale5();
}

/** `base`, or `base_2`, `base_3`… : the first key no question of `def` uses. */
export function freshKey(def: SurveyDefinition, base: string): string {
	const used = new Set(def.questions.map((q) => q.key));
	const stem = base.replace(/_\d+$/, '').slice(0, 36);
	if (!used.has(stem)) return stem;
	for (let n = 2; ; n++) if (!used.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

const PROMPTS: Record<QuestionType, string> = {
	rating: 'Ông/Bà đánh giá thế nào về …?',
	single_choice: 'Ông/Bà chọn một ý:',
	multi_choice: 'Ông/Bà chọn các ý phù hợp:',
	text: 'Ông/Bà có muốn góp ý thêm?',
	nps: 'Ông/Bà có sẵn lòng giới thiệu dịch vụ này cho người quen không?',
	officer: 'Cán bộ nào đã tiếp Ông/Bà?',
	procedure_field: 'Ông/Bà đến làm thủ tục thuộc lĩnh vực nào?',
	phone: 'Để lại số điện thoại nếu Ông/Bà muốn được liên hệ lại.'
};

const CONSENT =
	'Tôi đồng ý để cơ quan dùng số điện thoại này chỉ để liên hệ phản hồi ý kiến của tôi. Số điện thoại được xóa sau 12 tháng.';

/** A new question of `type` with Vietnamese starting text the administrator then rewrites. */
export function newQuestion(def: SurveyDefinition, type: QuestionType): Question {
	const key = freshKey(def, type);
	const prompt = { vi: PROMPTS[type] };
	switch (type) {
		case 'rating':
			return { key, type, prompt, levels: scale3(), satisfiedFrom: SATISFIED_FROM[3] };
		case 'single_choice':
		case 'multi_choice':
			return {
				key,
				type,
				prompt,
				options: [
					{ value: 'option_1', label: { vi: 'Ý thứ nhất' } },
					{ value: 'option_2', label: { vi: 'Ý thứ hai' } }
				]
			};
		case 'text':
			return { key, type, prompt, multiline: true, maxLength: 1000 };
		case 'phone':
			return { key, type, prompt, consent: { vi: CONSENT } };
		default:
			return { key, type, prompt };
	}
}

export function addQuestion(def: SurveyDefinition, type: QuestionType): SurveyDefinition {
	return { ...def, questions: [...def.questions, newQuestion(def, type)] };
}

/**
 * Moves question `index` by `delta` places. A condition may only look back, so a move that would
 * put a question before the one its condition reads (or after one that reads it) is refused:
 * the same definition comes back.
 */
export function moveQuestion(
	def: SurveyDefinition,
	index: number,
	delta: -1 | 1
): SurveyDefinition {
	const to = index + delta;
	if (to < 0 || to >= def.questions.length) return def;
	const [a, b] =
		delta < 0
			? [def.questions[to], def.questions[index]]
			: [def.questions[index], def.questions[to]];
	// After the swap b comes before a: refused when b's condition reads a.
	if (b.showWhen?.question === a.key) return def;
	const questions = [...def.questions];
	questions[index] = def.questions[to];
	questions[to] = def.questions[index];
	return { ...def, questions };
}

export function canMove(def: SurveyDefinition, index: number, delta: -1 | 1): boolean {
	return moveQuestion(def, index, delta) !== def;
}

/** A copy placed right after the original, under a fresh key (a key is one question's identity). */
export function duplicateQuestion(def: SurveyDefinition, index: number): SurveyDefinition {
	const original = def.questions[index];
	const copy = { ...structuredClone(original), key: freshKey(def, original.key) };
	const questions = [...def.questions];
	questions.splice(index + 1, 0, copy);
	return { ...def, questions };
}

/**
 * Removes question `index` with what refers to it: conditions reading it are dropped (those
 * questions are then always shown) and it leaves its section. The main question stays.
 */
export function removeQuestion(def: SurveyDefinition, index: number): SurveyDefinition {
	const gone = def.questions[index];
	if (!gone || gone.key === def.mainQuestion) return def;
	const questions = def.questions
		.filter((_, i) => i !== index)
		.map((q) => {
			if (q.showWhen?.question !== gone.key) return q;
			const rest = { ...q };
			delete rest.showWhen;
			return rest;
		});
	const sections = def.sections?.map((s) => ({
		...s,
		questionKeys: s.questionKeys.filter((k) => k !== gone.key)
	}));
	return { ...def, questions, ...(sections ? { sections } : {}) };
}

/** Renames a key everywhere it is referred to (main question, conditions, sections). */
export function renameKey(def: SurveyDefinition, from: string, to: string): SurveyDefinition {
	if (from === to) return def;
	const questions = def.questions.map((q) => {
		let next = q.key === from ? { ...q, key: to } : q;
		if (next.showWhen?.question === from)
			next = { ...next, showWhen: { ...next.showWhen, question: to } };
		return next;
	});
	const sections = def.sections?.map((s) => ({
		...s,
		questionKeys: s.questionKeys.map((k) => (k === from ? to : k))
	}));
	return {
		...def,
		mainQuestion: def.mainQuestion === from ? to : def.mainQuestion,
		questions,
		...(sections ? { sections } : {})
	};
}

/** Questions a condition of question `index` may read: earlier ratings and 0-10 scales. */
export function conditionTargets(def: SurveyDefinition, index: number): Question[] {
	return def.questions.slice(0, index).filter((q) => q.type === 'rating' || q.type === 'nps');
}

/** `questions[2].prompt.vi` -> `sb-questions-2-prompt-vi`: the id of the input for a path. */
export function fieldId(path: string): string {
	return `sb-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}

/** The errors of exactly `path`. */
export function errorsOf(errors: readonly FieldError[], path: string): string[] {
	return errors.filter((e) => e.path === path).map((e) => e.message);
}

/** Errors under `prefix` that no input in `shown` displays (shown with the whole question). */
export function otherErrors(
	errors: readonly FieldError[],
	prefix: string,
	shown: ReadonlySet<string>
): FieldError[] {
	return errors.filter(
		(e) =>
			(e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`)) &&
			!shown.has(e.path)
	);
}

/**
 * The draft as the previews can render it while it is being typed: questions with a key seen
 * before and options with a value seen before are left out (the screens key lists by them).
 */
export function forPreview(def: SurveyDefinition): SurveyDefinition {
	const keys = new Set<string>();
	const questions: Question[] = [];
	for (const q of def.questions) {
		if (keys.has(q.key)) continue;
		keys.add(q.key);
		if (q.type === 'single_choice' || q.type === 'multi_choice') {
			const values = new Set<string>();
			const options = q.options.filter((o) => !values.has(o.value) && values.add(o.value));
			questions.push({ ...q, options });
		} else {
			questions.push(q);
		}
	}
	return { ...def, questions };
}

/** What every part of a question's editor is given: where it is, its errors, the words. */
export interface EditorPart {
	path: string;
	errors: { path: string; message: string }[];
	explain: (message: string) => string;
	t: (key: MessageKey, params?: Record<string, string | number>) => string;
}
