import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import * as counters from '$lib/server/counters';
import { getDb } from '$lib/server/db/instance';
import * as units from '$lib/server/units';
import * as webLinks from '$lib/server/web-links';
import type { PageServerLoad } from './$types';

// A printable QR poster for a counter (or, given a unit id, for the unit as a whole). Whoever may
// see the unit may print it, viewers included: the link itself is public on the counter anyway.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const counter = await counters.byId(db, event.params.id);
	const unit = await units.byId(db, counter ? counter.unitId : event.params.id);
	if (!unit) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, unit.id);
	const code = await webLinks.ensureLink(db, unit.id, counter?.id ?? null);
	const url = `${event.url.origin}/s/${code}`;
	// Our own generated markup (no user text inside), so the page may insert it as HTML.
	const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return {
		unitId: unit.id,
		unitName: unit.name,
		counterNumber: counter?.number ?? null,
		counterName: counter?.name ?? null,
		url,
		shortUrl: url.replace(/^https?:\/\//, ''),
		svg
	};
};
