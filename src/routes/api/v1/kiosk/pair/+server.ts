import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { ApiFailure, apiError, readJsonBody } from '$lib/server/api';
import * as throttle from '$lib/server/auth/throttle';
import { getDb } from '$lib/server/db/instance';
import * as kioskCommands from '$lib/server/kiosk-commands';
import type { RequestHandler } from './$types';

const PAIR_LIMIT = 20;
const bodySchema = v.strictObject({ code: v.pipe(v.string(), v.minLength(4), v.maxLength(20)) });

/** A tablet exchanges the one-time pairing code an administrator gave it for a device token. */
export const POST: RequestHandler = async (event) => {
	const db = getDb();
	const ip = event.getClientAddress();
	const key = `pair:${ip}`;
	try {
		const locked = await throttle.lockedFor(db, key);
		if (locked > 0) {
			return apiError(
				429,
				'too_many_attempts',
				'Too many wrong codes; wait and try again',
				{},
				{
					'Retry-After': String(locked)
				}
			);
		}
		const parsed = v.safeParse(bodySchema, await readJsonBody(event.request, 1024));
		if (!parsed.success) return apiError(400, 'invalid_request', 'Send {"code": "XXXX-XXXX"}');
		const paired = await kioskCommands.pair(db, parsed.output.code, {
			ip,
			requestId: event.locals.requestId
		});
		if (!paired) {
			await throttle.recordFailure(db, key, PAIR_LIMIT);
			return apiError(422, 'invalid_code', 'The pairing code is wrong, used or expired');
		}
		await throttle.clear(db, key);
		return json({ token: paired.token, kioskId: paired.kiosk.id }, { status: 200 });
	} catch (e) {
		if (e instanceof ApiFailure) return e.toResponse();
		throw e;
	}
};
