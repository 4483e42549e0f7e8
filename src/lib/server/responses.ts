import * as v from 'valibot';
import type { Db } from './db';
import type { Channel } from './db/schema';
import { newId, nowIso } from './ids';
import * as surveys from './surveys';
import * as stats from './stats';
import { isOutOfHours, type KioskSettings } from '../domain/kiosk-settings';
import { validateAnswers, type Answers, type FieldError } from '../domain/survey';
import { addWorkingDays, vietnamParts } from '../domain/time';

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
	const existing = await db
		.selectFrom('responses')
		.select(['id', 'kioskId', 'unitId'])
		.where('id', '=', input.id)
		.executeTakeFirst();
	if (existing) return duplicateOrConflict(existing, place);

	const version = await surveys.versionById(db, input.surveyVersionId);
	if (
		!version ||
		!(await surveys.isAssignedTo(db, version.surveyId, place.unitId, place.channel))
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
	const [officerIds, fieldIds] = await Promise.all([
		db.selectFrom('officers').select('id').where('unitId', '=', place.unitId).execute(),
		db.selectFrom('procedureFields').select('id').execute()
	]);
	const checked = validateAnswers(version.definition, input.answers, {
		officerIds: officerIds.map((o) => o.id),
		procedureFieldIds: fieldIds.map((f) => f.id)
	});
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
	const def = version.definition;
	const main = def.questions.find((q) => q.key === def.mainQuestion);
	const mainLevel =
		typeof answers[def.mainQuestion] === 'number' ? (answers[def.mainQuestion] as number) : null;
	const levels = main?.type === 'rating' ? main.levels.length : null;
	const satisfiedFrom = main?.type === 'rating' ? main.satisfiedFrom : null;

	if (place.kioskId && place.settings.minIntervalSeconds > 0) {
		const gap = place.settings.minIntervalSeconds * 1000;
		const tooClose = await db
			.selectFrom('responses')
			.select('id')
			.where('kioskId', '=', place.kioskId)
			.where('submittedAt', '>', new Date(submitted.getTime() - gap).toISOString())
			.where('submittedAt', '<', new Date(submitted.getTime() + gap).toISOString())
			.executeTakeFirst();
		if (tooClose) {
			return {
				ok: false,
				status: 429,
				code: 'too_soon',
				message: `Answers from one device must be at least ${place.settings.minIntervalSeconds} s apart`
			};
		}
	}

	const local = vietnamParts(submitted);
	const minute = new Date(submitted.getTime() + 7 * 3600_000).getUTCMinutes();
	const burst =
		place.kioskId && mainLevel !== null
			? await db
					.selectFrom('responses')
					.select((eb) => eb.fn.countAll<number | string>().as('n'))
					.where('kioskId', '=', place.kioskId)
					.where('mainLevel', '=', mainLevel)
					.where('submittedAt', '>', new Date(submitted.getTime() - BURST_WINDOW_MS).toISOString())
					.where('submittedAt', '<=', input.submittedAt)
					.executeTakeFirst()
			: undefined;

	const phoneQuestion = def.questions.find((q) => q.type === 'phone');
	const phone = phoneQuestion ? (answers[phoneQuestion.key] as string | undefined) : undefined;
	const keepPhone = phone !== undefined && input.phoneConsent === true;

	const inserted = await db.transaction().execute(async (tx) => {
		const result = await tx
			.insertInto('responses')
			.values({
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
				flagBurst: Number(Number(burst?.n ?? 0) >= BURST_SIZE - 1),
				flagOutOfHours: Number(isOutOfHours(place.settings, local.weekday, local.hour, minute)),
				locale: input.locale ?? null
			})
			.onConflict((oc) => oc.column('id').doNothing())
			.executeTakeFirst();
		if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
		const rows = answerRows(input.id, answers, phoneQuestion?.key);
		if (rows.length > 0) await tx.insertInto('responseAnswers').values(rows).execute();
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
		return true;
	});
	if (!inserted) {
		// Another request with the same UUID won the race between our check and the insert.
		const row = await db
			.selectFrom('responses')
			.select(['id', 'kioskId', 'unitId'])
			.where('id', '=', input.id)
			.executeTakeFirstOrThrow();
		return duplicateOrConflict(row, place);
	}
	return { ok: true, status: 201, id: input.id };
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
