import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db';
import { newToken, nowIso } from '../ids';
import { vietnamMidnight, vietnamToday } from '../../domain/time';
import { MERGE_DATE } from './places';

const MINUTE = 60_000;

/**
 * Makes the demo's kiosks look like a district at work when the demo starts: the kiosks of the
 * communes in force paired, seen within the last two minutes, one with answers waiting in its
 * queue and one silent for a week; those of the communes closed by the merger revoked on the
 * merger day. `keepId` (the kiosk the demo prints a pairing code for) is left as it is, so a
 * tablet can be paired with it. The tokens set here are random and thrown away: no device holds
 * them. Returns how many kiosks look paired.
 */
export async function liveDemoKiosks(
	db: DbOrTx,
	now: Date,
	opts: { keepId?: string | null; appVersion: string | null }
): Promise<{ paired: number; queued: string | null; silent: string | null }> {
	const today = vietnamToday(now);
	const rows = await db
		.selectFrom('kiosks')
		.innerJoin('units', 'units.id', 'kiosks.unitId')
		.select(['kiosks.id', 'kiosks.tokenHash', 'kiosks.pairedAt', 'kiosks.revokedAt', 'validTo'])
		.orderBy('units.code')
		.orderBy('kiosks.name')
		.execute();
	const closed = rows.filter((r) => r.validTo !== null && r.validTo < today && !r.revokedAt);
	for (const r of closed) {
		await db
			.updateTable('kiosks')
			.set({ revokedAt: vietnamMidnight(MERGE_DATE).toISOString(), updatedAt: nowIso(now) })
			.where('id', '=', r.id)
			.execute();
	}
	const live = rows.filter(
		(r) => (r.validTo === null || r.validTo >= today) && !r.revokedAt && r.id !== opts.keepId
	);
	const queued = live.length > 2 ? live[1].id : null;
	const silent = live.length > 2 ? live[live.length - 1].id : null;
	for (const [i, r] of live.entries()) {
		const seen =
			r.id === silent
				? now.getTime() - 7 * 24 * 60 * MINUTE
				: now.getTime() - (20 + ((i * 37) % 100)) * 1000;
		await db
			.updateTable('kiosks')
			.set({
				tokenHash: r.tokenHash ?? createHash('sha256').update(`k_${newToken()}`).digest('hex'),
				pairedAt: r.pairedAt ?? vietnamMidnight(MERGE_DATE).toISOString(),
				pairingCodeHash: null,
				pairingExpiresAt: null,
				lastSeenAt: new Date(seen).toISOString(),
				lastSubmissionAt: new Date(seen - ((i * 7) % 45) * MINUTE).toISOString(),
				queueLength: r.id === queued ? 4 : 0,
				appVersion: opts.appVersion,
				updatedAt: nowIso(now)
			})
			.where('id', '=', r.id)
			.execute();
	}
	return { paired: live.length, queued, silent };
}
