import type { Db } from './db';
import { deleteExpiredSessions } from './auth/sessions';
import { pruneThrottle } from './auth/throttle';
import { eraseExpiredPhonesIfDue } from './cases';
import { purgeFiles } from './exports/jobs';
import { exportDirOf } from './exports/runner';
import { sweep } from './phone-held';
import { pruneAnswerMarks } from './web-links';

/**
 * The server's periodic jobs, run at start-up and every HOUSEKEEPING_INTERVAL_MS by each
 * server process (db/instance.ts). Each is safe to run from several processes at once:
 * - phone ratings left on the second step are recorded on their own (phone-held.ts), by UUID;
 * - follow-up phone numbers past their retention are erased (cases/phones.ts), at most once an hour
 *   across processes (the last run is kept in app_meta), whether or not anyone opens the
 *   cases list;
 * - export files older than 7 days are deleted (exports/jobs.ts), their jobs kept as history;
 * - rows that no longer serve are deleted, with the personal data they hold: expired sessions
 *   (address and browser of staff), sign-in throttle rows past their window (names and
 *   addresses tried), phone-survey marks past their link's repeat window (a browser's key).
 */

export const HOUSEKEEPING_INTERVAL_MS = 5 * 60 * 1000;

export interface HousekeepingRun {
	/** Held phone ratings recorded. */
	recorded: number | null;
	/** Phone numbers erased; null when the erasure had run within the hour. */
	erased: number | null;
	/** Rows deleted: expired sessions, throttle rows, phone-survey marks. */
	sessions: number | null;
	throttle: number | null;
	marks: number | null;
	/** Export files deleted. */
	exportFiles: number | null;
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
		erased: await attempt('erasing expired phone numbers', () => eraseExpiredPhonesIfDue(db, now)),
		sessions: await attempt('deleting expired sessions', () => deleteExpiredSessions(db, now)),
		throttle: await attempt('pruning the sign-in throttle', () => pruneThrottle(db, now)),
		marks: await attempt('pruning phone-survey marks', () => pruneAnswerMarks(db, now)),
		exportFiles: await attempt('purging old export files', async () => {
			const dir = exportDirOf(db);
			return dir ? purgeFiles(db, dir, now) : 0;
		})
	};
}

/** Starts the jobs now and on an unref'd timer (it never keeps a process alive). */
export function startHousekeeping(db: Db): void {
	const run = () => void runHousekeeping(db);
	run();
	setInterval(run, HOUSEKEEPING_INTERVAL_MS).unref();
}
