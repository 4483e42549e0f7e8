import type { DbOrTx } from '../db';
import { nowIso } from '../ids';

// Kept in the database (not in memory) so the limits hold across restarts and instances.
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;
/** Failures allowed per account, and per client address, inside one window. */
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;

export const accountKey = (username: string) => `user:${username.toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** Seconds until the key may try again, or 0 when it is not locked. */
export async function lockedFor(db: DbOrTx, key: string, now = new Date()): Promise<number> {
	const row = await db
		.selectFrom('loginThrottle')
		.select('lockedUntil')
		.where('key', '=', key)
		.executeTakeFirst();
	if (!row?.lockedUntil) return 0;
	const left = Date.parse(row.lockedUntil) - now.getTime();
	return left > 0 ? Math.ceil(left / 1000) : 0;
}

export async function recordFailure(
	db: DbOrTx,
	key: string,
	limit: number,
	now = new Date()
): Promise<void> {
	const row = await db
		.selectFrom('loginThrottle')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	const fresh = !row || now.getTime() - Date.parse(row.firstFailureAt) >= THROTTLE_WINDOW_MS;
	const failures = fresh ? 1 : row.failures + 1;
	const lockedUntil =
		failures >= limit
			? new Date(now.getTime() + LOCK_MS).toISOString()
			: (row?.lockedUntil ?? null);
	const values = {
		key,
		failures,
		firstFailureAt: fresh ? nowIso(now) : row.firstFailureAt,
		lockedUntil: fresh && failures < limit ? null : lockedUntil
	};
	await db
		.insertInto('loginThrottle')
		.values(values)
		.onConflict((oc) => oc.column('key').doUpdateSet(values))
		.execute();
}

export async function clear(db: DbOrTx, key: string): Promise<void> {
	await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}

/**
 * Deletes the rows that no longer count: their window has passed (the next failure starts a new
 * one) and any lock has ended. Returns how many went. Keeps the table to the addresses and
 * names tried in the last quarter hour.
 */
export async function pruneThrottle(db: DbOrTx, now = new Date()): Promise<number> {
	const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
	const result = await db
		.deleteFrom('loginThrottle')
		.where('firstFailureAt', '<=', windowStart)
		.where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', nowIso(now))]))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
