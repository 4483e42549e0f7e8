import { isShown } from './conditions';

/**
 * The typed survey definition (schemaVersion 1) that kiosks, the phone page and the statistics
 * all read. Keys are stable across versions so that figures stay comparable when wording changes.
 */

export type Localized = { vi: string; en?: string };
export type Tone = 'very_negative' | 'negative' | 'neutral' | 'positive' | 'very_positive';
export type ReasonGroup = 'access' | 'procedure' | 'officer' | 'result' | 'feedback';
export type Condition = {
	question: string;
	op: 'lte' | 'gte' | 'eq' | 'in';
	value: number | number[];
};
export interface RatingLevel {
	value: number;
	label: Localized;
	tone: Tone;
}
interface Base {
	key: string;
	prompt: Localized;
	required?: boolean;
	showWhen?: Condition;
}
export type Question =
	| (Base & { type: 'rating'; levels: RatingLevel[]; satisfiedFrom: number; group?: string })
	| (Base & {
			type: 'single_choice' | 'multi_choice';
			options: { value: string; label: Localized; group?: ReasonGroup }[];
	  })
	| (Base & { type: 'text'; multiline: boolean; maxLength: number })
	| (Base & { type: 'nps' })
	| (Base & { type: 'officer' })
	| (Base & { type: 'procedure_field' })
	| (Base & { type: 'phone'; consent: Localized });
export type QuestionType = Question['type'];
export type RatingQuestion = Extract<Question, { type: 'rating' }>;
export type ChoiceQuestion = Extract<Question, { type: 'single_choice' | 'multi_choice' }>;

export interface SurveyDefinition {
	schemaVersion: 1;
	title: Localized;
	/** Key of the rating question that the figures are computed on. */
	mainQuestion: string;
	/** In display order. */
	questions: Question[];
	/** SIPAS groups I..V. */
	sections?: { key: string; title: Localized; questionKeys: string[] }[];
}

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;
export type FieldError = { path: string; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_QUESTIONS = 100;
export const MAX_OPTIONS = 30;
export const MAX_LABEL_LENGTH = 200;
export const MAX_PROMPT_LENGTH = 500;
export const MAX_TEXT_LENGTH = 2000;

/**
 * The questions a resident sees, in order. Conditions only look backwards, so one pass suffices;
 * an answer to a hidden question is ignored so that it cannot reveal later follow-ups.
 */
export function visibleQuestions(def: SurveyDefinition, answers: Answers): Question[] {
	const seen: Answers = {};
	const visible: Question[] = [];
	for (const q of def.questions) {
		if (!isShown(q, seen)) continue;
		visible.push(q);
		if (Object.hasOwn(answers, q.key)) seen[q.key] = answers[q.key];
	}
	return visible;
}

/**
 * Vietnamese mobile numbers: 10 digits 0[35789]xxxxxxxx, or the same after +84. Landlines
 * (11 digits since 2017) are refused: the callback is meant for a phone the resident carries.
 */
export function normalizeVietnamesePhone(input: string): string | null {
	const compact = input.replace(/[\s.\-()]/g, '');
	const national = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
	return /^0[35789]\d{8}$/.test(national) ? national : null;
}
