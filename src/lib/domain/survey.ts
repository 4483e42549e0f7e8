import * as v from 'valibot';
import { conditionValueProblem, isShown, numericRange } from './conditions';
import { foldForSearch, normalizeText } from './text';

// Types, limits and the pure helpers live in survey-model.ts (no valibot), so the kiosk bundle
// can use them without the validation schemas.
export * from './survey-model';
import {
	KEY_PATTERN,
	MAX_LABEL_LENGTH,
	MAX_OPTIONS,
	MAX_PROMPT_LENGTH,
	MAX_QUESTIONS,
	MAX_TEXT_LENGTH,
	normalizeVietnamesePhone,
	type AnswerValue,
	type Answers,
	type FieldError,
	type Localized,
	type Question,
	type QuestionType,
	type Result,
	type SurveyDefinition
} from './survey-model';

/**
 * What a free-text answer is searched by (response_answers.search_text): the text folded by
 * foldForSearch (no diacritics, lower case), so a search ignoring diacritics is a LIKE in the
 * database. Null for answers to other kinds of question.
 */
export function answerSearchText(type: QuestionType | undefined, value: unknown): string | null {
	return type === 'text' && typeof value === 'string' ? foldForSearch(value) : null;
}

/** A response_answers row, without the response it belongs to. */
export interface AnswerRowValues {
	questionKey: string;
	seq: number;
	valueInt: number | null;
	valueText: string | null;
	searchText: string | null;
}

/**
 * The response_answers rows of validated answers: one per answer (per chosen option for
 * multiple choice), free text also folded for search; the phone number never goes here (it
 * lives only in the follow-up case). Every writer of answers uses it: the answer writer and the
 * demo seed.
 */
export function answerRows(def: SurveyDefinition, answers: Answers): AnswerRowValues[] {
	const types = new Map(def.questions.map((q) => [q.key, q.type]));
	const rows: AnswerRowValues[] = [];
	for (const [key, value] of Object.entries(answers)) {
		const type = types.get(key);
		if (type === 'phone') continue;
		const values = Array.isArray(value) ? value : [value];
		values.forEach((item, seq) =>
			rows.push({
				questionKey: key,
				seq,
				valueInt: typeof item === 'number' ? item : null,
				valueText: typeof item === 'string' ? item : null,
				searchText: answerSearchText(type, item)
			})
		);
	}
	return rows;
}

// Labels reach kiosk screens, exports and official documents: angle brackets and control or
// bidi-override characters have no business there and are the usual tools of markup injection
// and spoofing. Zero-width spaces stay allowed because Khmer uses them between words.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_TEXT = /[<>\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** True for text with no markup brackets and no control or bidi-override characters. */
export function isPlainText(text: string): boolean {
	return !UNSAFE_TEXT.test(text);
}
const PLAIN_TEXT_MESSAGE = 'must be plain text (no < or > or control characters)';

function requiredText(max: number) {
	return v.pipe(
		v.string('must be text'),
		v.transform(normalizeText),
		v.check(isPlainText, PLAIN_TEXT_MESSAGE),
		v.nonEmpty('Vietnamese text is required'),
		v.maxLength(max, `must be at most ${max} characters`)
	);
}

function optionalText(max: number) {
	return v.optional(
		v.pipe(
			v.string('must be text'),
			v.transform(normalizeText),
			v.check(isPlainText, PLAIN_TEXT_MESSAGE),
			v.maxLength(max, `must be at most ${max} characters`)
		)
	);
}

/** An empty English text means "not translated": it is dropped so screens fall back to vi. */
function localized(max: number) {
	return v.pipe(
		v.strictObject({ vi: requiredText(max), en: optionalText(max) }),
		v.transform(({ vi, en }): Localized => (en ? { vi, en } : { vi }))
	);
}

const keySchema = v.pipe(
	v.string('must be text'),
	v.regex(
		KEY_PATTERN,
		'must start with a lower-case letter and use only a-z, 0-9 and _ (at most 40 characters)'
	)
);
const integerSchema = v.pipe(v.number('must be a number'), v.integer('must be a whole number'));

const conditionSchema = v.strictObject({
	question: keySchema,
	op: v.picklist(['lte', 'gte', 'eq', 'in'], "must be one of 'lte', 'gte', 'eq', 'in'"),
	value: v.union(
		[integerSchema, v.pipe(v.array(integerSchema), v.maxLength(10, 'at most 10 values'))],
		'must be a whole number or a list of whole numbers'
	)
});

const baseEntries = {
	key: keySchema,
	prompt: localized(MAX_PROMPT_LENGTH),
	required: v.optional(v.boolean('must be true or false')),
	showWhen: v.optional(conditionSchema)
};

const ratingLevelSchema = v.strictObject({
	value: integerSchema,
	label: localized(MAX_LABEL_LENGTH),
	tone: v.picklist(
		['very_negative', 'negative', 'neutral', 'positive', 'very_positive'],
		'must be a known tone'
	)
});

const optionSchema = v.strictObject({
	value: keySchema,
	label: localized(MAX_LABEL_LENGTH),
	group: v.optional(
		v.picklist(
			['access', 'procedure', 'officer', 'result', 'feedback'],
			'must be one of access, procedure, officer, result, feedback'
		)
	)
});

const questionSchema = v.variant(
	'type',
	[
		v.strictObject({
			...baseEntries,
			type: v.literal('rating'),
			levels: v.pipe(
				v.array(ratingLevelSchema, 'must be a list'),
				v.check((l) => l.length >= 3 && l.length <= 5, 'a rating needs 3, 4 or 5 levels')
			),
			satisfiedFrom: integerSchema,
			group: v.optional(keySchema)
		}),
		v.strictObject({
			...baseEntries,
			type: v.picklist(['single_choice', 'multi_choice']),
			options: v.pipe(
				v.array(optionSchema, 'must be a list'),
				v.minLength(1, 'a choice question needs at least one option'),
				v.maxLength(MAX_OPTIONS, `a choice question has at most ${MAX_OPTIONS} options`)
			)
		}),
		v.strictObject({
			...baseEntries,
			type: v.literal('text'),
			multiline: v.boolean('must be true or false'),
			maxLength: v.pipe(
				integerSchema,
				v.minValue(1, `must be from 1 to ${MAX_TEXT_LENGTH}`),
				v.maxValue(MAX_TEXT_LENGTH, `must be from 1 to ${MAX_TEXT_LENGTH}`)
			)
		}),
		v.strictObject({ ...baseEntries, type: v.literal('nps') }),
		v.strictObject({ ...baseEntries, type: v.literal('officer') }),
		v.strictObject({ ...baseEntries, type: v.literal('procedure_field') }),
		v.strictObject({
			...baseEntries,
			type: v.literal('phone'),
			consent: localized(MAX_PROMPT_LENGTH)
		})
	],
	'unknown question type'
);

const sectionSchema = v.strictObject({
	key: keySchema,
	title: localized(MAX_LABEL_LENGTH),
	questionKeys: v.pipe(
		v.array(keySchema, 'must be a list'),
		v.maxLength(MAX_QUESTIONS, `at most ${MAX_QUESTIONS} questions`)
	)
});

/** Structure only; parseSurveyDefinition adds the rules that look across questions. */
export const surveyDefinitionSchema = v.strictObject(
	{
		schemaVersion: v.literal(1, 'only schemaVersion 1 is supported'),
		title: localized(MAX_LABEL_LENGTH),
		mainQuestion: keySchema,
		questions: v.pipe(
			v.array(questionSchema, 'must be a list'),
			v.minLength(1, 'a survey needs at least one question'),
			v.maxLength(MAX_QUESTIONS, `a survey has at most ${MAX_QUESTIONS} questions`)
		),
		sections: v.optional(
			v.pipe(
				v.array(sectionSchema, 'must be a list'),
				v.maxLength(20, 'a survey has at most 20 sections')
			)
		)
	},
	'a survey definition must be an object with known fields only'
);

function formatPath(path: readonly { key: unknown }[] | undefined): string {
	let out = '';
	for (const item of path ?? []) {
		if (typeof item.key === 'number') out += `[${item.key}]`;
		else out += out ? `.${String(item.key)}` : String(item.key);
	}
	return out;
}

function issueToError(issue: v.BaseIssue<unknown>): FieldError {
	const path = formatPath(issue.path);
	// valibot reports an unexpected field with expected "never"; say so in plain words.
	if (issue.type === 'strict_object' && issue.expected === 'never') {
		return { path, message: 'unknown field' };
	}
	if (issue.type === 'strict_object' && issue.received === 'undefined') {
		return { path, message: 'is required' };
	}
	return { path, message: issue.message };
}

export function parseSurveyDefinition(input: unknown): Result<SurveyDefinition> {
	const parsed = v.safeParse(surveyDefinitionSchema, input);
	if (!parsed.success) return { ok: false, errors: parsed.issues.map(issueToError) };
	const def: SurveyDefinition = parsed.output;
	const errors = semanticErrors(def);
	return errors.length > 0 ? { ok: false, errors } : { ok: true, value: def };
}

function semanticErrors(def: SurveyDefinition): FieldError[] {
	const errors: FieldError[] = [];
	const indexByKey = new Map<string, number>();

	def.questions.forEach((q, i) => {
		const at = `questions[${i}]`;
		const earlier = indexByKey.get(q.key);
		if (earlier !== undefined) {
			errors.push({
				path: `${at}.key`,
				message: `duplicate key '${q.key}' (also used by questions[${earlier}])`
			});
		} else {
			indexByKey.set(q.key, i);
		}

		if (q.type === 'rating') {
			if (!q.levels.every((level, k) => level.value === k + 1)) {
				errors.push({
					path: `${at}.levels`,
					message: 'levels must be numbered 1..n from most negative to most positive'
				});
			}
			if (q.satisfiedFrom < 1 || q.satisfiedFrom > q.levels.length) {
				errors.push({
					path: `${at}.satisfiedFrom`,
					message: `must be a level from 1 to ${q.levels.length}`
				});
			}
		}

		if (q.type === 'single_choice' || q.type === 'multi_choice') {
			const seen = new Set<string>();
			q.options.forEach((o, k) => {
				if (seen.has(o.value)) {
					errors.push({
						path: `${at}.options[${k}].value`,
						message: `duplicate option value '${o.value}'`
					});
				}
				seen.add(o.value);
			});
		}

		if (q.showWhen) errors.push(...conditionErrors(def, i, indexByKey));
	});

	const main = def.questions.find((q) => q.key === def.mainQuestion);
	if (!main) {
		errors.push({ path: 'mainQuestion', message: `no question has the key '${def.mainQuestion}'` });
	} else if (main.type !== 'rating') {
		errors.push({ path: 'mainQuestion', message: 'the main question must be a rating' });
	} else if (main.showWhen) {
		// Every response must answer the main question, so it cannot be hidden.
		errors.push({ path: 'mainQuestion', message: 'the main question cannot have a condition' });
	}

	errors.push(...sectionErrors(def, indexByKey));
	return errors;
}

/** `earlierKeys` holds only the questions before index i, so forward references fail here. */
function conditionErrors(
	def: SurveyDefinition,
	i: number,
	earlierKeys: Map<string, number>
): FieldError[] {
	const cond = def.questions[i].showWhen!;
	const at = `questions[${i}].showWhen`;
	const targetIndex = earlierKeys.get(cond.question);
	if (targetIndex === undefined || targetIndex === i) {
		return [
			{
				path: `${at}.question`,
				message: `must refer to an earlier rating or nps question; '${cond.question}' is not one`
			}
		];
	}
	const target = def.questions[targetIndex];
	if (!numericRange(target)) {
		return [
			{
				path: `${at}.question`,
				message: `must refer to a rating or nps question; '${cond.question}' is ${target.type}`
			}
		];
	}
	const problem = conditionValueProblem(cond, target);
	return problem ? [{ path: `${at}.value`, message: problem }] : [];
}

function sectionErrors(def: SurveyDefinition, indexByKey: Map<string, number>): FieldError[] {
	const errors: FieldError[] = [];
	const sectionKeys = new Set<string>();
	const placed = new Map<string, string>();
	(def.sections ?? []).forEach((s, i) => {
		const at = `sections[${i}]`;
		if (sectionKeys.has(s.key)) {
			errors.push({ path: `${at}.key`, message: `duplicate section key '${s.key}'` });
		}
		sectionKeys.add(s.key);
		s.questionKeys.forEach((key, k) => {
			if (!indexByKey.has(key)) {
				errors.push({
					path: `${at}.questionKeys[${k}]`,
					message: `no question has the key '${key}'`
				});
			} else if (placed.has(key)) {
				errors.push({
					path: `${at}.questionKeys[${k}]`,
					message: `'${key}' is already in section '${placed.get(key)}'`
				});
			} else {
				placed.set(key, s.key);
			}
		});
	});
	return errors;
}

export interface AnswerContext {
	officerIds?: string[];
	procedureFieldIds?: string[];
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/**
 * Checks a submitted response against its survey and returns normalised answers. A skipped
 * question (absent, null, blank text or no chips) is simply left out: only the main question and
 * questions marked required must be answered.
 */
export function validateAnswers(
	def: SurveyDefinition,
	answers: unknown,
	ctx: AnswerContext = {}
): Result<Answers> {
	if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
		return { ok: false, errors: [{ path: '', message: 'answers must be an object' }] };
	}
	const input = answers as Record<string, unknown>;
	const errors: FieldError[] = [];
	const byKey = new Map(def.questions.map((q) => [q.key, q]));
	for (const key of Object.keys(input)) {
		if (!byKey.has(key)) errors.push({ path: key, message: 'unknown question' });
	}

	const value: Answers = {};
	for (const q of def.questions) {
		const raw = input[q.key];
		const shown = isShown(q, value);
		if (isBlank(raw)) {
			if (shown && (q.required || q.key === def.mainQuestion)) {
				errors.push({ path: q.key, message: 'an answer is required' });
			}
			continue;
		}
		if (!shown) {
			errors.push({ path: q.key, message: 'answered although the question is not shown' });
			continue;
		}
		const checked = checkAnswer(q, raw, ctx);
		if ('error' in checked) errors.push({ path: checked.path ?? q.key, message: checked.error });
		else value[q.key] = checked.value;
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

type Checked = { value: AnswerValue } | { error: string; path?: string };

function checkAnswer(q: Question, raw: unknown, ctx: AnswerContext): Checked {
	switch (q.type) {
		case 'rating':
			return Number.isInteger(raw) && q.levels.some((l) => l.value === raw)
				? { value: raw as number }
				: { error: `must be a whole number from 1 to ${q.levels.length}` };
		case 'nps':
			return Number.isInteger(raw) && (raw as number) >= 0 && (raw as number) <= 10
				? { value: raw as number }
				: { error: 'must be a whole number from 0 to 10' };
		case 'single_choice':
			return typeof raw === 'string' && q.options.some((o) => o.value === raw)
				? { value: raw }
				: { error: 'must be one of the options' };
		case 'multi_choice': {
			if (!Array.isArray(raw)) return { error: 'must be a list of options' };
			const picked = new Set<string>();
			for (const [k, item] of raw.entries()) {
				if (typeof item !== 'string' || !q.options.some((o) => o.value === item)) {
					return { error: 'must be one of the options', path: `${q.key}[${k}]` };
				}
				if (picked.has(item)) return { error: 'is chosen twice', path: `${q.key}[${k}]` };
				picked.add(item);
			}
			return { value: [...picked] };
		}
		case 'text': {
			if (typeof raw !== 'string') return { error: 'must be text' };
			let text = normalizeText(raw.replace(/\r\n?/g, '\n'));
			if (!q.multiline) text = text.replace(/\s*\n\s*/g, ' ');
			// Tabs and line breaks are the only control characters a keyboard legitimately sends.
			// eslint-disable-next-line no-control-regex -- matching control characters is the point
			if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) {
				return { error: 'must not contain control characters' };
			}
			// Counted in code points so a Vietnamese letter counts as one whatever its encoding.
			const length = [...text].length;
			return length <= q.maxLength
				? { value: text }
				: { error: `must be at most ${q.maxLength} characters (got ${length})` };
		}
		case 'phone': {
			const phone = typeof raw === 'string' ? normalizeVietnamesePhone(raw) : null;
			return phone
				? { value: phone }
				: { error: 'must be a Vietnamese mobile number such as 0912345678 or +84912345678' };
		}
		case 'officer':
			return checkId(raw, ctx.officerIds, 'officer');
		case 'procedure_field':
			return checkId(raw, ctx.procedureFieldIds, 'procedure field');
	}
}

function checkId(raw: unknown, allowed: string[] | undefined, what: string): Checked {
	if (typeof raw !== 'string' || raw.length > 100) return { error: `must be an ${what} id` };
	if (allowed && !allowed.includes(raw)) return { error: `is not a known ${what}` };
	return { value: raw };
}
