import * as v from 'valibot';
import type { Db, DbOrTx } from '../db';
import type { Channel } from '../db/schema';
import { newId, nowIso } from '../ids';
import type { IngestJob, IngestOutcome } from '../ingest/batch';
import * as lookups from '../response-lookups';
import { isOutOfHours, type KioskSettings } from '../../domain/kiosk-settings';
import { answerRows, validateAnswers, type FieldError } from '../../domain/survey';
import { VIETNAM_OFFSET_MS, vietnamParts } from '../../domain/time';
import { followUpDeadline } from '../../domain/work-calendar';
import { readCalendar } from '../work-calendar';

// An answer before it is written: the submission's shape, its checks against the survey version
// and the place it comes from, and the rows it becomes. The answer writer (ingest/) runs prepare()
// on its thread; record() in index.ts hands it a submission.

export const MAX_BODY_BYTES = 16 * 1024;
/** Consent covers keeping the number for 12 months (KIOSK-UX consent text). */
const PHONE_RETENTION_MONTHS = 12;
/** Offline kiosks replay old answers; older than this is refused as implausible. */
const MAX_AGE_MS = 120 * 24 * 60 * 60 * 1000;
const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

const isoInstant = v.pipe(
	v.string('must be an ISO date-time'),
	v.isoTimestamp('must be an ISO date-time such as 2026-11-28T09:15:00.000Z')
);

export const submissionSchema = v.strictObject({
	// One canonical form (lower case), so an id sent again in upper case is the same answer.
	id: v.pipe(v.string('must be a UUID'), v.uuid('must be a UUID'), v.toLowerCase()),
	surveyVersionId: v.pipe(v.string('must be text'), v.minLength(1), v.maxLength(100)),
	answers: v.record(v.string(), v.unknown()),
	phoneConsent: v.optional(v.boolean('must be true or false')),
	startedAt: v.optional(isoInstant),
	submittedAt: isoInstant,
	locale: v.optional(v.picklist(['vi', 'en'], "must be 'vi' or 'en'"))
});
export type Submission = v.InferOutput<typeof submissionSchema>;

export interface Place {
	channel: Channel;
	unitId: string;
	counterId: string | null;
	kioskId: string | null;
	/** The token hash the kiosk authenticated with (checked again when the answer is written). */
	kioskTokenHash?: string | null;
	settings: KioskSettings;
}

export type RecordResult =
	| { ok: true; status: 201 | 200; id: string }
	| {
			ok: false;
			status: 400 | 401 | 409 | 422 | 429 | 503;
			code: string;
			message: string;
			errors?: FieldError[];
	  };

function fieldErrors(issues: v.BaseIssue<unknown>[]): FieldError[] {
	return issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
}

/** What prepare() hands to the batch: the job, and what settles the answer once written. */
export interface Prepared {
	job: IngestJob;
	settle: (outcome: IngestOutcome) => RecordResult;
}

/**
 * Everything before the write: parses and validates the submission against its survey version
 * and the place, and builds the rows. A refusal is returned as is; anything else is a job for
 * the batch writer.
 */
export async function prepare(
	db: Db,
	place: Place,
	body: unknown,
	now: Date
): Promise<RecordResult | Prepared> {
	const parsed = v.safeParse(submissionSchema, body);
	if (!parsed.success) {
		return {
			ok: false,
			status: 400,
			code: 'invalid_request',
			message: 'The submission is malformed',
			errors: fieldErrors(parsed.issues)
		};
	}
	const input = parsed.output;
	// A re-send of an answer already stored is answered 200 (or 409) even if it would now be
	// refused (its survey version withdrawn, its time too old): checked on the refusals' path
	// only, since the writer finds duplicates by itself.
	const refuse = async (refusal: RecordResult): Promise<RecordResult> => {
		const existing = await stored(db, input.id);
		return existing ? duplicateOrConflict(existing, place) : refusal;
	};

	const version = await lookups.version(db, input.surveyVersionId);
	if (
		!version ||
		!(await lookups.isAssignedTo(db, version.surveyId, place.unitId, place.channel, now.getTime()))
	) {
		return refuse({
			ok: false,
			status: 422,
			code: 'unknown_survey_version',
			message: 'This survey version is not in use at this place'
		});
	}
	const submitted = new Date(input.submittedAt);
	const age = now.getTime() - submitted.getTime();
	if (age > MAX_AGE_MS || age < -MAX_CLOCK_AHEAD_MS) {
		return refuse({
			ok: false,
			status: 422,
			code: 'implausible_time',
			message: 'submittedAt is too far from the server time; check the device clock'
		});
	}
	const def = version.definition;
	const checked = validateAnswers(
		def,
		input.answers,
		await lookups.answerContext(db, def, input.answers, place.unitId)
	);
	if (!checked.ok) {
		return refuse({
			ok: false,
			status: 422,
			code: 'invalid_answers',
			message: 'Some answers do not fit the survey',
			errors: checked.errors
		});
	}
	const answers = checked.value;
	const main = def.questions.find((q) => q.key === def.mainQuestion);
	const mainLevel =
		typeof answers[def.mainQuestion] === 'number' ? (answers[def.mainQuestion] as number) : null;
	const levels = main?.type === 'rating' ? main.levels.length : null;
	const satisfiedFrom = main?.type === 'rating' ? main.satisfiedFrom : null;
	const local = vietnamParts(submitted);
	const minute = new Date(submitted.getTime() + VIETNAM_OFFSET_MS).getUTCMinutes();
	const phoneQuestion = def.questions.find((q) => q.type === 'phone');
	const phone = phoneQuestion ? (answers[phoneQuestion.key] as string | undefined) : undefined;
	const keepPhone = phone !== undefined && input.phoneConsent === true;
	const receivedAt = nowIso(now);
	const job: IngestJob = {
		row: {
			id: input.id,
			surveyVersionId: version.id,
			unitId: place.unitId,
			counterId: place.counterId,
			officerId: lookups.namedIds(def, answers, 'officer')[0] ?? null,
			procedureFieldId: lookups.namedIds(def, answers, 'procedure_field')[0] ?? null,
			kioskId: place.kioskId,
			channel: place.channel,
			startedAt: input.startedAt ?? null,
			submittedAt: submitted.toISOString(),
			receivedAt,
			durationMs: input.startedAt
				? Math.max(0, submitted.getTime() - Date.parse(input.startedAt))
				: null,
			localDate: local.date,
			localHour: local.hour,
			weekday: local.weekday,
			mainLevel,
			mainLevels: levels,
			satisfied:
				mainLevel !== null && satisfiedFrom !== null ? Number(mainLevel >= satisfiedFrom) : null,
			flagBurst: 0,
			flagOutOfHours: Number(isOutOfHours(place.settings, local.weekday, local.hour, minute)),
			locale: input.locale ?? null
		},
		answers: answerRows(def, answers),
		followUp: keepPhone
			? {
					id: newId(),
					phone: phone!,
					consentAt: submitted.toISOString(),
					phoneEraseAfter: addMonths(now, PHONE_RETENTION_MONTHS),
					deadline: followUpDeadline(receivedAt, await readCalendar(db))
				}
			: null,
		minIntervalMs: Math.max(0, place.settings.minIntervalSeconds) * 1000,
		kioskTokenHash: place.kioskTokenHash ?? null
	};

	return { job, settle: (outcome) => settle(outcome, input.id, place) };
}

function settle(outcome: IngestOutcome, id: string, place: Place): RecordResult {
	switch (outcome.kind) {
		case 'created':
			return { ok: true, status: 201, id };
		case 'exists':
			return duplicateOrConflict(outcome.stored, place);
		case 'too_soon':
			return {
				ok: false,
				status: 429,
				code: 'too_soon',
				message: `Answers from one device must be at least ${place.settings.minIntervalSeconds} s apart`
			};
		case 'unpaired':
			return outcome.revoked
				? { ok: false, status: 401, code: 'revoked', message: 'This device has been revoked' }
				: { ok: false, status: 401, code: 'not_paired', message: 'This device is not paired' };
		case 'failed':
			throw new Error(`recording response ${id} failed: ${outcome.error}`);
	}
}

function addMonths(from: Date, months: number): string {
	const d = new Date(from);
	d.setUTCMonth(d.getUTCMonth() + months);
	return d.toISOString();
}

function stored(db: DbOrTx, id: string) {
	return db
		.selectFrom('responses')
		.select(['id', 'kioskId', 'unitId'])
		.where('id', '=', id)
		.executeTakeFirst();
}

function duplicateOrConflict(
	existing: { id: string; kioskId: string | null; unitId: string },
	place: Place
): RecordResult {
	const same = place.kioskId
		? existing.kioskId === place.kioskId
		: existing.unitId === place.unitId;
	return same
		? { ok: true, status: 200, id: existing.id }
		: {
				ok: false,
				status: 409,
				code: 'id_conflict',
				message: 'A response with this id was received from another place'
			};
}
