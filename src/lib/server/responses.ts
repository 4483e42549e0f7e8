import * as v from 'valibot';
import type { Db, DbOrTx } from './db';
import type { Channel } from './db/schema';
import { newId, nowIso } from './ids';
import { groupCommit } from './group-commit';
import * as lookups from './response-lookups';
import * as stats from './stats';
import { isOutOfHours, type KioskSettings } from '../domain/kiosk-settings';
import { validateAnswers, type Answers, type FieldError } from '../domain/survey';
import { addWorkingDays, VIETNAM_OFFSET_MS, vietnamParts } from '../domain/time';

export const MAX_BODY_BYTES = 16 * 1024;
/** A follow-up case is due this many working days after the answer (Decree 61 practice). */
export const FOLLOW_UP_WORKING_DAYS = 5;
/** Consent covers keeping the number for 12 months (KIOSK-UX consent text). */
const PHONE_RETENTION_MONTHS = 12;
/** Offline kiosks replay old answers; older than this is refused as implausible. */
const MAX_AGE_MS = 120 * 24 * 60 * 60 * 1000;
const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;
/** This many identical answers from one device within BURST_WINDOW_MS flags the latest. */
const BURST_SIZE = 4;
const BURST_WINDOW_MS = 60 * 1000;

const isoInstant = v.pipe(
	v.string('must be an ISO date-time'),
	v.isoTimestamp('must be an ISO date-time such as 2026-11-28T09:15:00.000Z')
);

export const submissionSchema = v.strictObject({
	id: v.pipe(v.string('must be a UUID'), v.uuid('must be a UUID')),
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
	settings: KioskSettings;
}

export type RecordResult =
	| { ok: true; status: 201 | 200; id: string }
	| {
			ok: false;
			status: 400 | 409 | 422 | 429;
			code: string;
			message: string;
			errors?: FieldError[];
	  };

function fieldErrors(issues: v.BaseIssue<unknown>[]): FieldError[] {
	return issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
}

/**
 * Validates one submission against its survey version and writes the response, its answers and
 * any follow-up case in one transaction. A UUID seen before answers 200 and writes nothing, so a
 * kiosk may re-send until it hears back.
 *
 * The write goes through the group-commit writer (group-commit.ts): answers arriving together
 * share one transaction and one fsync, and each is acknowledged only after that COMMIT. The
 * checks against the device's other answers (minimum interval, burst) run inside it, so they
 * also see answers of the same batch, and two answers racing from one device cannot both pass.
 */
export async function record(
	db: Db,
	place: Place,
	body: unknown,
	now = new Date()
): Promise<RecordResult> {
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
	const existing = await stored(db, input.id);
	if (existing) return duplicateOrConflict(existing, place);

	const version = await lookups.version(db, input.surveyVersionId);
	if (
		!version ||
		!(await lookups.isAssignedTo(db, version.surveyId, place.unitId, place.channel, now.getTime()))
	) {
		return {
			ok: false,
			status: 422,
			code: 'unknown_survey_version',
			message: 'This survey version is not in use at this place'
		};
	}
	const submitted = new Date(input.submittedAt);
	const age = now.getTime() - submitted.getTime();
	if (age > MAX_AGE_MS || age < -MAX_CLOCK_AHEAD_MS) {
		return {
			ok: false,
			status: 422,
			code: 'implausible_time',
			message: 'submittedAt is too far from the server time; check the device clock'
		};
	}
	const def = version.definition;
	const checked = validateAnswers(
		def,
		input.answers,
		await lookups.answerContext(db, def, input.answers, place.unitId)
	);
	if (!checked.ok) {
		return {
			ok: false,
			status: 422,
			code: 'invalid_answers',
			message: 'Some answers do not fit the survey',
			errors: checked.errors
		};
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
	const row = {
		id: input.id,
		surveyVersionId: version.id,
		unitId: place.unitId,
		counterId: place.counterId,
		officerId: answerOfType(def.questions, answers, 'officer'),
		procedureFieldId: answerOfType(def.questions, answers, 'procedure_field'),
		kioskId: place.kioskId,
		channel: place.channel,
		startedAt: input.startedAt ?? null,
		submittedAt: submitted.toISOString(),
		receivedAt: nowIso(now),
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
	};
	const answerList = answerRows(input.id, answers, phoneQuestion?.key);

	// Everything below runs on `tx` only: the batch holds the one connection.
	const result = await groupCommit(db).run(async (tx): Promise<RecordResult> => {
		if (place.kioskId) {
			const near = await deviceNeighbours(tx, place.kioskId, submitted, mainLevel, place.settings);
			if (near.tooSoon) {
				// A re-send of an answer that is already in (the same UUID racing itself) is a
				// duplicate, not a second answer too soon.
				const again = await stored(tx, input.id);
				if (again) return duplicateOrConflict(again, place);
				return {
					ok: false,
					status: 429,
					code: 'too_soon',
					message: `Answers from one device must be at least ${place.settings.minIntervalSeconds} s apart`
				};
			}
			row.flagBurst = Number(near.sameLevel >= BURST_SIZE - 1);
		}
		const result = await tx
			.insertInto('responses')
			.values(row)
			.onConflict((oc) => oc.column('id').doNothing())
			.executeTakeFirst();
		if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) {
			// Another request with the same UUID won the race between our check and the insert.
			return duplicateOrConflict((await stored(tx, input.id))!, place);
		}
		if (answerList.length > 0) await tx.insertInto('responseAnswers').values(answerList).execute();
		await stats.applyResponse(tx, input.id);
		if (keepPhone) {
			const erase = new Date(now);
			erase.setUTCMonth(erase.getUTCMonth() + PHONE_RETENTION_MONTHS);
			await tx
				.insertInto('followUpCases')
				.values({
					id: newId(),
					responseId: input.id,
					unitId: place.unitId,
					phone: phone!,
					consentAt: submitted.toISOString(),
					phoneEraseAfter: erase.toISOString(),
					status: 'new',
					deadline: addWorkingDays(vietnamParts(now).date, FOLLOW_UP_WORKING_DAYS),
					assignedTo: null,
					createdAt: nowIso(now),
					updatedAt: nowIso(now),
					resolvedAt: null
				})
				.execute();
		}
		if (place.kioskId) {
			await tx
				.updateTable('kiosks')
				.set({ lastSubmissionAt: nowIso(now), lastSeenAt: nowIso(now) })
				.where('id', '=', place.kioskId)
				.execute();
		}
		return { ok: true, status: 201, id: input.id };
	});
	if (result.ok && result.status === 201) stats.foldSoon(db);
	return result;
}

function stored(db: DbOrTx, id: string) {
	return db
		.selectFrom('responses')
		.select(['id', 'kioskId', 'unitId'])
		.where('id', '=', id)
		.executeTakeFirst();
}

/**
 * The device's other answers around this one, in one range read of responses(kiosk_id,
 * submitted_at): whether one lies within the minimum interval either side (too soon), and how
 * many with the same level came in the minute before (a burst).
 */
async function deviceNeighbours(
	tx: DbOrTx,
	kioskId: string,
	submitted: Date,
	mainLevel: number | null,
	settings: KioskSettings
): Promise<{ tooSoon: boolean; sameLevel: number }> {
	const t = submitted.getTime();
	const gap = Math.max(0, settings.minIntervalSeconds) * 1000;
	const iso = (ms: number) => new Date(ms).toISOString();
	const at = submitted.toISOString();
	const row = await tx
		.selectFrom('responses')
		.select((eb) => [
			eb.fn
				.sum<number | string | null>(
					gap > 0
						? eb
								.case()
								.when(
									eb.and([
										eb('submittedAt', '>', iso(t - gap)),
										eb('submittedAt', '<', iso(t + gap))
									])
								)
								.then(1)
								.else(0)
								.end()
						: eb.lit(0)
				)
				.as('close'),
			eb.fn
				.sum<number | string | null>(
					mainLevel !== null
						? eb
								.case()
								.when(
									eb.and([
										eb('mainLevel', '=', mainLevel),
										eb('submittedAt', '>', iso(t - BURST_WINDOW_MS)),
										eb('submittedAt', '<=', at)
									])
								)
								.then(1)
								.else(0)
								.end()
						: eb.lit(0)
				)
				.as('same')
		])
		.where('kioskId', '=', kioskId)
		.where('submittedAt', '>', iso(t - Math.max(gap, BURST_WINDOW_MS)))
		.where('submittedAt', gap > 0 ? '<' : '<=', gap > 0 ? iso(t + gap) : at)
		.executeTakeFirst();
	return { tooSoon: Number(row?.close ?? 0) > 0, sameLevel: Number(row?.same ?? 0) };
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

function answerOfType(
	questions: { key: string; type: string }[],
	answers: Answers,
	type: 'officer' | 'procedure_field'
): string | null {
	const q = questions.find((x) => x.type === type);
	const value = q ? answers[q.key] : undefined;
	return typeof value === 'string' ? value : null;
}

/** One row per answer (per chosen option for multiple choice); the phone number never goes here. */
function answerRows(responseId: string, answers: Answers, phoneKey: string | undefined) {
	const rows: {
		responseId: string;
		questionKey: string;
		seq: number;
		valueInt: number | null;
		valueText: string | null;
	}[] = [];
	for (const [key, value] of Object.entries(answers)) {
		if (key === phoneKey) continue;
		const values = Array.isArray(value) ? value : [value];
		values.forEach((item, seq) =>
			rows.push({
				responseId,
				questionKey: key,
				seq,
				valueInt: typeof item === 'number' ? item : null,
				valueText: typeof item === 'string' ? item : null
			})
		);
	}
	return rows;
}
