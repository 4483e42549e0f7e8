import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { ApiFailure, apiError, readJsonBody } from '$lib/server/api';
import { requireKiosk } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as kiosks from '$lib/server/kiosks';
import type { RequestHandler } from './$types';

const bodySchema = v.strictObject({
	queueLength: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
	appVersion: v.pipe(v.string(), v.maxLength(40))
});

/** Last seen, queue length and app version for the administrators' health view. */
export const POST: RequestHandler = async ({ request }) => {
	const db = getDb();
	try {
		const kiosk = await requireKiosk(db, request);
		const parsed = v.safeParse(bodySchema, await readJsonBody(request, 1024));
		if (!parsed.success) {
			return apiError(400, 'invalid_request', 'Send {"queueLength": n, "appVersion": "x"}');
		}
		await kiosks.heartbeat(db, kiosk.id, parsed.output);
		return json({ ok: true, serverTime: new Date().toISOString() });
	} catch (e) {
		if (e instanceof ApiFailure) return e.toResponse();
		throw e;
	}
};
