import type { DbOrTx, Db } from './db';
import * as counters from './counters';
import { nowIso } from './ids';
import { hold, release as releaseHeld, webPlace } from './phone-held';
import * as responses from './responses';
import * as surveys from './surveys';
import * as webLinks from './web-links';
import {
	visibleQuestions,
	type Localized,
	type Question,
	type RatingQuestion,
	type SurveyDefinition
} from '../domain/survey';
import { vietnamToday } from '../domain/time';

/**
 * The phone survey behind a counter's QR code (/s/<code>): which survey a link serves, which
 * questions follow the main rating, reading the plain HTML form, and recording at most one
 * response per browser per survey per link within the link's repeat window.
 */

/** A random value per browser; only its hash is stored (web_answer_marks.browser_key). */
export const BROWSER_COOKIE = 'yk_browser';
export const BROWSER_COOKIE_MAX_AGE = 365 * 24 * 3600;

export type PhoneLocale = 'vi' | 'en';

export interface OpenLink {
	link: webLinks.WebLink;
	counterNumber: number | null;
	/** null when no survey is assigned to the unit's web channel today. */
	version: surveys.VersionInForce | null;
}

/** The link and the survey it serves today; undefined for an unknown or revoked code. */
export async function open(
	db: DbOrTx,
	code: string,
	now = new Date()
): Promise<OpenLink | undefined> {
	const link = await webLinks.byCode(db, code);
	if (!link || link.revokedAt) return undefined;
	const counter = link.counterId ? await counters.byId(db, link.counterId) : undefined;
	const version = await surveys.versionInForce(db, link.unitId, 'web', vietnamToday(now));
	return { link, counterNumber: counter?.number ?? null, version };
}

export function mainQuestion(def: SurveyDefinition): RatingQuestion {
	const q = def.questions.find((x) => x.key === def.mainQuestion);
	// parseSurveyDefinition guarantees this for every stored version.
	if (q?.type !== 'rating') throw new Error('the main question is not a rating');
	return q;
}

export function parseRating(def: SurveyDefinition, raw: unknown): number | null {
	const n = typeof raw === 'string' && /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
	return mainQuestion(def).levels.some((l) => l.value === n) ? n : null;
}

/**
 * The questions of the second step for a main rating. The officer and procedure-field questions
 * are left to kiosks (a phone page has no officer photos to show, and the counter is known), and
 * so are questions that depend on another follow-up: a form without JavaScript cannot reveal them.
 */
export function followUps(def: SurveyDefinition, rating: number): Question[] {
	return visibleQuestions(def, { [def.mainQuestion]: rating }).filter(
		(q) =>
			q.key !== def.mainQuestion &&
			q.type !== 'officer' &&
			q.type !== 'procedure_field' &&
			(!q.showWhen || q.showWhen.question === def.mainQuestion)
	);
}

export interface QuestionGroup {
	key: string;
	/** The section title (SIPAS groups I..V); null for questions outside any section. */
	title: Localized | null;
	questions: Question[];
}

/** Consecutive questions of one section form one group, rendered as one fieldset. */
export function groupBySection(def: SurveyDefinition, questions: Question[]): QuestionGroup[] {
	const sectionOf = new Map<string, { key: string; title: Localized }>();
	for (const s of def.sections ?? []) for (const k of s.questionKeys) sectionOf.set(k, s);
	const groups: QuestionGroup[] = [];
	for (const q of questions) {
		const s = sectionOf.get(q.key);
		const key = s?.key ?? `_${q.key}`;
		const last = groups.at(-1);
		if (last && s && last.key === key) last.questions.push(q);
		else groups.push({ key, title: s?.title ?? null, questions: [q] });
	}
	return groups;
}

/**
 * The second step as pages, sent one at a time (issue 14: a long survey was 8 phone screens in
 * one form): one page per section, and questions outside any section that follow each other
 * (comment and callback number) share a page.
 */
export function followUpPages(def: SurveyDefinition, rating: number): QuestionGroup[][] {
	const pages: QuestionGroup[][] = [];
	let loose: QuestionGroup[] | null = null;
	for (const group of groupBySection(def, followUps(def, rating))) {
		if (group.title) {
			pages.push([group]);
			loose = null;
		} else if (loose) {
			loose.push(group);
		} else {
			loose = [group];
			pages.push(loose);
		}
	}
	return pages;
}

/** Form field of a question; prefixed so that no key can collide with the form's own fields. */
export const fieldName = (key: string) => `q_${key}`;
export const CONSENT_FIELD = 'phone_consent';

export type FormValues = Record<string, string | string[]>;
export type ErrorCode = 'required' | 'invalid' | 'too_long' | 'phone_invalid' | 'needs_consent';
export type FieldErrors = Record<string, ErrorCode>;

export interface ReadForm {
	answers: Record<string, unknown>;
	phoneConsent: boolean;
	/** What the resident typed or chose, to fill the form again after an error. */
	values: FormValues;
	errors: FieldErrors;
}

/** Reads the second step's fields into answers for responses.record. */
export function readFollowUps(questions: Question[], form: FormData): ReadForm {
	const answers: Record<string, unknown> = {};
	const values: FormValues = {};
	const errors: FieldErrors = {};
	const phoneConsent = form.get(CONSENT_FIELD) === 'on';
	if (phoneConsent) values[CONSENT_FIELD] = 'on';
	for (const q of questions) {
		const name = fieldName(q.key);
		if (q.type === 'multi_choice') {
			const picked = form.getAll(name).filter((x): x is string => typeof x === 'string');
			values[name] = picked;
			if (picked.length > 0) answers[q.key] = picked;
			continue;
		}
		const raw = form.get(name);
		const text = typeof raw === 'string' ? raw : '';
		values[name] = text;
		if (text.trim() === '') continue;
		if (q.type === 'rating' || q.type === 'nps') {
			answers[q.key] = /^\d{1,2}$/.test(text) ? Number(text) : text;
		} else if (q.type === 'phone') {
			// The number is kept only with the ticked box (Decree 13/2023): ask rather than drop it
			// silently, since a resident who typed it wants to be called back.
			if (!phoneConsent) errors[q.key] = 'needs_consent';
			else answers[q.key] = text;
		} else {
			answers[q.key] = text;
		}
	}
	return { answers, phoneConsent, values, errors };
}

export type SubmitResult =
	| { kind: 'done'; id: string }
	| { kind: 'already' }
	| { kind: 'invalid'; errors: FieldErrors }
	| { kind: 'failed'; code: string };

export interface PhoneSubmission {
	id: string;
	answers: Record<string, unknown>;
	phoneConsent: boolean;
	startedAt?: string;
	locale: PhoneLocale;
}

/**
 * Records one phone answer. A browser that answered this survey through this link within the
 * window is refused, unless it is re-sending the very response it stored (a double tap or a
 * reload of the form's POST): that is answered as done, and record() writes nothing twice.
 */
export async function submit(
	db: Db,
	opened: OpenLink & { version: surveys.VersionInForce },
	input: PhoneSubmission,
	browserKey: string,
	now = new Date()
): Promise<SubmitResult> {
	const { link, version } = opened;
	if (await webLinks.answeredRecently(db, link, version.surveyId, browserKey, now)) {
		const stored = await db
			.selectFrom('responses')
			.select('id')
			.where('id', '=', input.id)
			.where('unitId', '=', link.unitId)
			.executeTakeFirst();
		return stored ? { kind: 'done', id: stored.id } : { kind: 'already' };
	}
	const result = await responses.record(
		db,
		webPlace(link),
		{
			id: input.id,
			surveyVersionId: version.id,
			answers: input.answers,
			phoneConsent: input.phoneConsent,
			startedAt: plausibleStart(input.startedAt, now),
			submittedAt: nowIso(now),
			locale: input.locale
		},
		now
	);
	if (result.ok) {
		await webLinks.markAnswered(db, link.code, version.surveyId, browserKey, now);
		await releaseHeld(db, input.id);
		return { kind: 'done', id: result.id };
	}
	if (result.code === 'invalid_answers' && result.errors) {
		return { kind: 'invalid', errors: errorCodes(version.definition, result.errors) };
	}
	return { kind: 'failed', code: result.code };
}

/**
 * Holds the first tap while the resident is on the second step, so the rating is recorded
 * even if they never send it (phone-held.ts).
 */
export async function holdFirstTap(
	db: DbOrTx,
	opened: OpenLink & { version: surveys.VersionInForce },
	tap: { id: string; rating: number; locale: PhoneLocale; startedAt: string | undefined },
	browserKey: string,
	now = new Date()
): Promise<void> {
	await hold(
		db,
		{
			id: tap.id,
			linkCode: opened.link.code,
			surveyVersionId: opened.version.id,
			rating: tap.rating,
			browserKey,
			locale: tap.locale,
			startedAt: plausibleStart(tap.startedAt, now)
		},
		now
	);
}

/** The page's own timestamp comes back from the browser: keep it only when it makes sense. */
function plausibleStart(startedAt: string | undefined, now: Date): string | undefined {
	if (!startedAt || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/.test(startedAt))
		return undefined;
	const t = Date.parse(startedAt);
	return t <= now.getTime() && now.getTime() - t < 24 * 3600_000 ? startedAt : undefined;
}

/** record()'s messages are for developers; residents get one of a few plain sentences. */
function errorCodes(
	def: SurveyDefinition,
	errors: { path: string; message: string }[]
): FieldErrors {
	const out: FieldErrors = {};
	for (const e of errors) {
		const key = e.path.replace(/\[\d+\]$/, '');
		const q = def.questions.find((x) => x.key === key);
		if (!q || out[key]) continue;
		if (e.message === 'an answer is required') out[key] = 'required';
		else if (q.type === 'phone') out[key] = 'phone_invalid';
		else if (q.type === 'text' && e.message.startsWith('must be at most')) out[key] = 'too_long';
		else out[key] = 'invalid';
	}
	return out;
}

/** Whether this browser has answered the link's survey within the window (the polite page). */
export async function alreadyAnswered(
	db: DbOrTx,
	opened: OpenLink,
	browserKey: string | null,
	now = new Date()
): Promise<boolean> {
	if (!browserKey || !opened.version) return false;
	return webLinks.answeredRecently(db, opened.link, opened.version.surveyId, browserKey, now);
}
