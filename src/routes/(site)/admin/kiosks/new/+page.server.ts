import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { vietnamToday } from '$lib/domain/time';
import { contextOf } from '$lib/server/audit';
import { requireUnitAccess, requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { parse, refuse, texts } from '$lib/server/forms';
import { KioskNameSchema } from '$lib/server/kiosk-admin';
import * as kioskCommands from '$lib/server/kiosk-commands';
import { stash } from '$lib/server/show-once';
import { findPlacement, placements } from '$lib/server/unit-choices';
import type { Actions, PageServerLoad } from './$types';

const CreateSchema = v.object({
	name: KioskNameSchema,
	place: v.pipe(v.string(), v.minLength(1, 'admin.kiosks.error.place_required'))
});

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, { role: 'manager' });
	const offered = await placements(getDb(), { withinId: scopeRoot(user), on: vietnamToday() });
	return { placements: offered };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		const raw = texts(await event.request.formData(), ['name', 'place']);
		const values = { name: raw.name.trim().slice(0, 80), place: raw.place };
		const parsed = parse(CreateSchema, raw);
		if (!parsed.ok) return refuse('create', parsed.errors, values);
		const offered = await placements(db, { withinId: scopeRoot(user), on: vietnamToday() });
		const place = findPlacement(offered, parsed.value.place);
		if (!place) return refuse('create', { place: 'admin.kiosks.error.place_invalid' }, values);
		// The offered list is already the caller's scope; the guard says so once more.
		await requireUnitAccess(db, user, place.unitId);

		const { kiosk, pairingCode } = await kioskCommands.create(
			db,
			{ unitId: place.unitId, counterId: place.counterId, name: parsed.value.name },
			contextOf(event, user)
		);
		const path = `/admin/kiosks/${kiosk.id}`;
		stash(event, path, {
			kind: 'pairing_code',
			actorId: user.id,
			secret: pairingCode,
			until: kiosk.pairingExpiresAt ?? undefined
		});
		redirect(303, `${path}?done=created`);
	}
};
