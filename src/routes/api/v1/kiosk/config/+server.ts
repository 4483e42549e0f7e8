import { json } from '@sveltejs/kit';
import { ApiFailure } from '$lib/server/api';
import { requireKiosk } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { kioskConfig } from '$lib/server/kiosk-config';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => {
	const db = getDb();
	try {
		const kiosk = await requireKiosk(db, request);
		return json(await kioskConfig(db, kiosk), { headers: { 'Cache-Control': 'no-store' } });
	} catch (e) {
		if (e instanceof ApiFailure) return e.toResponse();
		throw e;
	}
};
