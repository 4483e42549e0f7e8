import {
	visibleQuestions,
	type Answers,
	type ChoiceQuestion,
	type Question,
	type RatingQuestion,
	type SurveyDefinition
} from '$lib/domain/survey-model';

/**
 * Which follow-up screen comes next after the main tap. Pure, so the kiosk page only renders
 * what this decides and the rules can be unit tested.
 */

type TextQuestion = Extract<Question, { type: 'text' }>;
type PhoneQuestion = Extract<Question, { type: 'phone' }>;

export type Step =
	| { kind: 'rating'; question: RatingQuestion }
	| { kind: 'choice'; question: ChoiceQuestion }
	| { kind: 'nps'; question: Extract<Question, { type: 'nps' }> }
	| { kind: 'officer'; question: Extract<Question, { type: 'officer' }> }
	| { kind: 'field'; question: Extract<Question, { type: 'procedure_field' }> }
	// KIOSK-UX puts the comment and the callback number on one screen.
	| { kind: 'comment'; text: TextQuestion | null; phone: PhoneQuestion | null };

export interface FlowOptions {
	/** settings.askOfficer and the unit has officers to show. */
	askOfficer: boolean;
	/** settings.askProcedureField and there are fields to show. */
	askProcedureField: boolean;
	/** settings.askDetailsAfter: the officer and field after every rating, or after a low one. */
	askDetailsAfter: 'low' | 'every';
}

export function stepKeys(step: Step): string[] {
	if (step.kind === 'comment') {
		return [step.text?.key, step.phone?.key].filter((k): k is string => k !== undefined);
	}
	return [step.question.key];
}

/** A main rating below the scale's first satisfied level (e.g. "Không hài lòng" of three). */
export function isLowRating(def: SurveyDefinition, answers: Answers): boolean {
	const main = mainQuestion(def);
	const level = answers[def.mainQuestion];
	return main !== null && typeof level === 'number' && level < main.satisfiedFrom;
}

function allowed(q: Question, opts: FlowOptions, low: boolean): boolean {
	const details = opts.askDetailsAfter === 'every' || low;
	if (q.type === 'officer') return opts.askOfficer && details;
	if (q.type === 'procedure_field') return opts.askProcedureField && details;
	return true;
}

/**
 * The first visible follow-up not yet answered or skipped (`done`), or null when the flow is
 * complete. Visibility is recomputed from the answers so far, so a later answer can reveal or
 * hide a follow-up exactly as the server's validation will see it.
 */
export function nextStep(
	def: SurveyDefinition,
	answers: Answers,
	done: ReadonlySet<string>,
	opts: FlowOptions
): Step | null {
	const low = isLowRating(def, answers);
	const open = visibleQuestions(def, answers).filter(
		(q) => q.key !== def.mainQuestion && !done.has(q.key) && allowed(q, opts, low)
	);
	const q = open[0];
	if (!q) return null;
	switch (q.type) {
		case 'rating':
			return { kind: 'rating', question: q };
		case 'single_choice':
		case 'multi_choice':
			return { kind: 'choice', question: q };
		case 'nps':
			return { kind: 'nps', question: q };
		case 'officer':
			return { kind: 'officer', question: q };
		case 'procedure_field':
			return { kind: 'field', question: q };
		case 'text': {
			const after = open[1];
			return { kind: 'comment', text: q, phone: after?.type === 'phone' ? after : null };
		}
		case 'phone':
			return { kind: 'comment', text: null, phone: q };
	}
}

/** The main question of a kiosk survey; the survey schema guarantees it is a rating. */
export function mainQuestion(def: SurveyDefinition): RatingQuestion | null {
	const q = def.questions.find((x) => x.key === def.mainQuestion);
	return q?.type === 'rating' ? q : null;
}
