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
				const result = await responses.record(
					db,
					webPlace(link),
					{
						id: row.id,
						surveyVersionId: row.surveyVersionId,
						answers: { [version.definition.mainQuestion]: row.rating },
						startedAt: row.startedAt ?? undefined,
						submittedAt: row.ratedAt,
						locale: row.locale === 'en' ? 'en' : 'vi'
					},
					now
				);
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
