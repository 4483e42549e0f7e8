import { error } from '@sveltejs/kit';
import { requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as officers from '$lib/server/officers';
import type { RequestHandler } from './$types';

// An officer's photo for the admin screens, to users who may see the officer's unit. Served
// from the database with the type recorded at upload (checked by its bytes then), never sniffed.
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const officer = await officers.byId(db, event.params.id);
	if (!officer) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, officer.unitId);
	const photo = await officers.photoOf(db, officer.id);
	if (!photo) error(404, { message: 'not_found' });
	return new Response(photo.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': photo.mime,
			'Content-Length': String(photo.bytes.byteLength),
			// The URL carries ?v=<updatedAt>, so a cached copy is never stale; private: staff only.
			'Cache-Control': 'private, max-age=86400',
			'Content-Security-Policy': "default-src 'none'",
			'Content-Disposition': 'inline'
		}
	});
};
