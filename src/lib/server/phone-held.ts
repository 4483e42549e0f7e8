import type { Db, DbOrTx } from './db';
import { nowIso } from './ids';
import * as responses from './responses';
import * as surveys from './surveys';
import * as webLinks from './web-links';
import { DEFAULT_KIOSK_SETTINGS } from '../domain/kiosk-settings';

/**
 * A phone resident's first tap, held while they are on the second step. The response is
 * recorded once: with the follow-ups when they send the second step (submit() releases the
 * hold), or, when they never do (browser closed, network lost), with the rating alone once the
 * hold is HOLD_MS old. Sweeping is idempotent (record() knows the UUID), so several instances
 * may sweep at once.
 */

/** Long enough to read and fill the second step, short enough for today's figures. */
export const HOLD_MS = 30 * 60 * 1000;
const SWEEP_BATCH = 100;

/** Where a phone answer is recorded: the link's unit and counter, no device. */
export function webPlace(link: Pick<webLinks.WebLink, 'unitId' | 'counterId'>): responses.Place {
	return {
		channel: 'web',
		unitId: link.unitId,
		counterId: link.counterId,
		kioskId: null,
		// The repeat window, not a per-device interval, limits phones.
		settings: { ...DEFAULT_KIOSK_SETTINGS, minIntervalSeconds: 0 }
	};
}

export interface Held {
	id: string;
	linkCode: string;
	surveyVersionId: string;
	rating: number;
	browserKey: string;
	locale: 'vi' | 'en';
	startedAt: string | undefined;
}

/** Keeps the first tap; a second tap of the same page (same UUID) keeps the first one. */
export async function hold(db: DbOrTx, held: Held, now = new Date()): Promise<void> {
	await db
		.insertInto('webHeldRatings')
		.values({ ...held, startedAt: held.startedAt ?? null, ratedAt: nowIso(now) })
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
}

type Answers = Record<string, unknown>;

function parseAnswers(json: string | null): Answers {
	try {
		const value: unknown = json ? JSON.parse(json) : {};
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Answers) : {};
	} catch {
		return {};
	}
}

/** The follow-up answers kept with a hold so far; null when there is no hold of this browser. */
export async function heldAnswers(
	db: DbOrTx,
	id: string,
	browserKey: string
): Promise<Answers | null> {
	const row = await db
		.selectFrom('webHeldRatings')
		.select('answers')
		.where('id', '=', id)
		.where('browserKey', '=', browserKey)
		.executeTakeFirst();
	return row ? parseAnswers(row.answers) : null;
}

/**
 * Keeps one page of follow-up answers with the hold, as soon as the page is sent. The page's
 * questions are replaced, so a page sent twice never doubles anything. Only the browser that
 * holds the tap adds to it. Returns false when there is no such hold (already recorded).
 */
export async function keepPage(
	db: DbOrTx,
	id: string,
	browserKey: string,
	pageKeys: string[],
	answers: Answers
): Promise<boolean> {
	const kept = await heldAnswers(db, id, browserKey);
	if (kept === null) return false;
	for (const key of pageKeys) delete kept[key];
	Object.assign(kept, answers);
	await db
		.updateTable('webHeldRatings')
		.set({ answers: JSON.stringify(kept) })
		.where('id', '=', id)
		.where('browserKey', '=', browserKey)
		.execute();
	return true;
}

export async function release(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('webHeldRatings').where('id', '=', id).execute();
}

/**
 * Records the ratings held longer than HOLD_MS on their own, at the time they were given, and
 * drops each hold. A hold that can no longer be recorded (link revoked, answer refused) is
 * dropped too, and said in the log. Returns how many responses were recorded.
 */
export async function sweep(db: Db, now = new Date()): Promise<number> {
	const cutoff = nowIso(new Date(now.getTime() - HOLD_MS));
	const due = await db
		.selectFrom('webHeldRatings')
		.selectAll()
		.where('ratedAt', '<=', cutoff)
		.orderBy('ratedAt')
		.limit(SWEEP_BATCH)
		.execute();
	let recorded = 0;
	for (const row of due) {
		const link = await webLinks.byCode(db, row.linkCode);
		const version = await surveys.versionById(db, row.surveyVersionId);
		if (link && !link.revokedAt && version) {
			const again = await webLinks.answeredRecently(
				db,
				link,
				version.surveyId,
				row.browserKey,
				now
			);
			if (!again) {
				const def = version.definition;
				const rating = { [def.mainQuestion]: row.rating };
				const pages = parseAnswers(row.answers);
				// A number is kept with a page only after its consent box was ticked.
				const phoneKey = def.questions.find((q) => q.type === 'phone')?.key;
				const recordWith = (answers: Answers) =>
					responses.record(
						db,
						webPlace(link),
						{
							id: row.id,
							surveyVersionId: row.surveyVersionId,
							answers,
							phoneConsent: phoneKey !== undefined && answers[phoneKey] !== undefined,
							startedAt: row.startedAt ?? undefined,
							submittedAt: row.ratedAt,
							locale: row.locale === 'en' ? 'en' : 'vi'
						},
						now
					);
				let result = await recordWith({ ...pages, ...rating });
				// Pages the survey no longer accepts as a whole: the rating is never lost for them.
				if (!result.ok && result.code === 'invalid_answers' && Object.keys(pages).length > 0) {
					result = await recordWith(rating);
				}
				// The writer cannot record now: this one and the rest stay held for the next sweep.
				if (!result.ok && result.status === 503) return recorded;
				if (result.ok) {
					if (result.status === 201) recorded++;
					await webLinks.markAnswered(db, link.code, version.surveyId, row.browserKey, now);
				} else {
					console.warn(`held phone rating ${row.id} not recorded: ${result.code}`);
				}
			}
		}
		await release(db, row.id);
	}
	return recorded;
}
