import { json } from '@sveltejs/kit';
import { ApiFailure, apiError, readJsonBody } from '$lib/server/api';
import { requireKiosk } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as kiosks from '$lib/server/kiosks';
import * as responses from '$lib/server/responses';
import type { RequestHandler } from './$types';

/** A kiosk delivers one answer. 201 new, 200 already received (same UUID), JSON errors otherwise. */
export const POST: RequestHandler = async ({ request }) => {
	const db = getDb();
	try {
		const kiosk = await requireKiosk(db, request);
		const body = await readJsonBody(request, responses.MAX_BODY_BYTES);
		const result = await responses.record(
			db,
			{
				channel: 'kiosk',
				unitId: kiosk.unitId,
				counterId: kiosk.counterId,
				kioskId: kiosk.id,
				kioskTokenHash: kiosk.tokenHash,
				settings: kiosks.settingsOf(kiosk)
			},
			body
		);
		if (result.ok) {
			return json(
				{ id: result.id, status: result.status === 201 ? 'created' : 'duplicate' },
				{ status: result.status }
			);
		}
		return apiError(
			result.status,
			result.code,
			result.message,
			result.errors ? { fields: result.errors } : {},
			result.status === 429
				? { 'Retry-After': '5' }
				: result.status === 503
					? { 'Retry-After': String(responses.UNAVAILABLE_RETRY_AFTER_S) }
					: {}
		);
	} catch (e) {
		if (e instanceof ApiFailure) return e.toResponse();
		throw e;
	}
};
