import type { Db } from './db';
import { eraseExpiredPhonesIfDue } from './cases';
import { sweep } from './phone-held';

/**
 * The server's periodic jobs, run at start-up and every HOUSEKEEPING_INTERVAL_MS by each
 * server process (db/instance.ts). Each is safe to run from several processes at once:
 * - phone ratings left on the second step are recorded on their own (phone-held.ts), by UUID;
 * - follow-up phone numbers past their retention are erased (cases.ts), at most once an hour
 *   across processes (the last run is kept in app_meta), whether or not anyone opens the
 *   cases list.
 */

export const HOUSEKEEPING_INTERVAL_MS = 5 * 60 * 1000;

export interface HousekeepingRun {
	/** Held phone ratings recorded. */
	recorded: number | null;
	/** Phone numbers erased; null when the erasure had run within the hour. */
	erased: number | null;
}

/** Runs every job once; a job that fails is logged and does not stop the others. */
export async function runHousekeeping(db: Db, now = new Date()): Promise<HousekeepingRun> {
	const attempt = async <T>(what: string, job: () => Promise<T>): Promise<T | null> => {
		try {
			return await job();
		} catch (e) {
			console.error(`housekeeping: ${what} failed`, e);
			return null;
		}
	};
	return {
		recorded: await attempt('recording held phone ratings', () => sweep(db, now)),
		erased: await attempt('erasing expired phone numbers', () => eraseExpiredPhonesIfDue(db, now))
	};
}

/** Starts the jobs now and on an unref'd timer (it never keeps a process alive). */
export function startHousekeeping(db: Db): void {
	const run = () => void runHousekeeping(db);
	run();
	setInterval(run, HOUSEKEEPING_INTERVAL_MS).unref();
}
