import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { getRow } from '../db/prepared';
import type { Kiosk } from '../db/schema';

// A device token names its kiosk: the token's hash is stored, never the token, and the rows read
// by token are kept a moment in each process (the cache below).

export const hashOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

const KIOSK_BY_TOKEN = `SELECT id, unit_id AS "unitId", counter_id AS "counterId", name,
	token_hash AS "tokenHash", pairing_code_hash AS "pairingCodeHash",
	pairing_expires_at AS "pairingExpiresAt", settings, last_seen_at AS "lastSeenAt",
	last_submission_at AS "lastSubmissionAt", queue_length AS "queueLength",
	app_version AS "appVersion", paired_at AS "pairedAt", revoked_at AS "revokedAt",
	created_at AS "createdAt", updated_at AS "updatedAt"
	FROM kiosks WHERE token_hash = ?`;

/** The kiosk a device token belongs to (a prepared read: db/prepared.ts). */
export async function byToken(db: Db, token: string): Promise<Kiosk | undefined> {
	return getRow<Kiosk>(db, KIOSK_BY_TOKEN, hashOf(token));
}

/**
 * Kiosk rows by device token are kept KIOSK_CACHE_MS in each process: every request of a device
 * reads its row, and on a busy server each read found SQLite's page cache emptied by the answer
 * writer's latest commit (about 45 µs a read, profiled). What the cache could let through is
 * closed where it matters: the answer writer checks in its batch that the token is still the
 * kiosk's and the kiosk is not revoked (ingest/batch.ts), so no answer is stored once a
 * revocation or a new pairing has committed. A moved kiosk's answers and its other requests
 * follow the move within KIOSK_CACHE_MS; a revocation or pairing in this process clears it.
 */
export const KIOSK_CACHE_MS = 2_000;
const MAX_CACHED = 20_000;
const recent = new Map<string, { db: Db; kiosk: Kiosk; until: number }>();

/** Empties the cache: after a pairing, revocation, move or settings change in this process. */
export function forgetCachedKiosks(): void {
	recent.clear();
}

/** byToken, through the per-process cache above. */
export async function byTokenRecent(
	db: Db,
	token: string,
	now = Date.now()
): Promise<Kiosk | undefined> {
	const hash = hashOf(token);
	const hit = recent.get(hash);
	if (hit && hit.db === db && hit.until > now) return hit.kiosk;
	const kiosk = await getRow<Kiosk>(db, KIOSK_BY_TOKEN, hash);
	if (kiosk) {
		if (recent.size >= MAX_CACHED) recent.clear();
		recent.set(hash, { db, kiosk, until: now + KIOSK_CACHE_MS });
	} else {
		recent.delete(hash);
	}
	return kiosk;
}
