import type { Db } from '../db';
import { ingest } from '../ingest';
import type { Place, RecordResult } from './prepare';

export * from './prepare';

/**
 * Validates one submission against its survey version and writes the response, its answers and
 * any follow-up case in one transaction. A UUID seen before answers 200 and writes nothing, so a
 * kiosk may re-send until it hears back.
 *
 * Both steps go through the answer writer (ingest/): on the server they run on its thread, so
 * the event loop only reads the request and sends it on. Answers arriving together share one
 * transaction and one fsync, and each is acknowledged only after that COMMIT. The checks
 * against the device's other answers (minimum interval, burst) run inside it, so they also see
 * answers of the same batch, and two answers racing from one device cannot both pass.
 */
export async function record(
	db: Db,
	place: Place,
	body: unknown,
	now = new Date()
): Promise<RecordResult> {
	try {
		return await ingest(db).record(place, body, now);
	} catch (error) {
		// The writer could not vouch for the answer (its thread lost, the WAL not flushed, the
		// transaction not committed): the sender keeps it and sends it again with the same UUID.
		console.error(`ingest: a ${place.channel} answer could not be recorded`, error);
		return UNAVAILABLE;
	}
}

/** Answered when the writer cannot record an answer now (503, with Retry-After). */
export const UNAVAILABLE = {
	ok: false,
	status: 503,
	code: 'unavailable',
	message: 'Answers cannot be saved right now; send it again later'
} as const satisfies RecordResult;

/** Seconds a device should wait before sending again after a 503. */
export const UNAVAILABLE_RETRY_AFTER_S = 30;
