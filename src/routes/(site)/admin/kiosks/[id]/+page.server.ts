import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import QRCode from 'qrcode';
import * as v from 'valibot';
import { vietnamToday } from '$lib/domain/time';
import { contextOf } from '$lib/server/audit';
import { requireUnitAccess, requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { readCalendar } from '$lib/server/work-calendar';
import { field, parse, refuse } from '$lib/server/forms';
import { SETTING_RANGES, settingsValues } from '$lib/domain/kiosk-settings-form';
import { KioskNameSchema, parseSettingsForm } from '$lib/server/kiosk-admin';
import * as kioskCommands from '$lib/server/kiosk-commands';
import * as kiosks from '$lib/server/kiosks';
import * as webLinks from '$lib/server/web-links';
import { stash, take } from '$lib/server/show-once';
import { findPlacement, placements, placementValue } from '$lib/server/unit-choices';
import type { Actions, PageServerLoad } from './$types';

const DONE = ['created', 'renamed', 'moved', 'settings', 'revoked', 'phone_link'] as const;
type Done = (typeof DONE)[number];

const RenameSchema = v.object({ name: KioskNameSchema });

const pathOf = (id: string) => `/admin/kiosks/${id}`;

/** The kiosk of the URL, after the guard: 404 when unknown, 403 outside the caller's scope. */
async function guarded(event: RequestEvent<{ id: string }>, role: 'viewer' | 'manager') {
	const user = requireUser(event, { role });
	const db = getDb();
	const kiosk = await kiosks.byId(db, event.params.id);
	if (!kiosk) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, kiosk.unitId);
	return { user, db, kiosk, ctx: contextOf(event, user) };
}

function offeredFor(user: SessionUser, kiosk: { unitId: string; counterId: string | null }) {
	// The current place is offered even if its unit has since merged away.
	return placements(getDb(), {
		withinId: scopeRoot(user),
		on: vietnamToday(),
		include: [kiosk.unitId, kiosk.counterId]
	});
}

export const load: PageServerLoad = async (event) => {
	const { user, db } = await guarded(event, 'viewer');
	const now = new Date();
	const kiosk = (await kiosks.detail(db, event.params.id, now, await readCalendar(db)))!;
	const canManage = user.role !== 'viewer';

	let pairing: { code: string; url: string; qr: string; until: string | null } | null = null;
	const once = canManage ? take(event.cookies, pathOf(kiosk.id), 'pairing_code', user.id) : null;
	if (once) {
		const url = `${event.url.origin}/kiosk?code=${encodeURIComponent(once.secret)}`;
		const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
		pairing = {
			code: once.secret,
			url,
			qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
			until: once.until
		};
	}
	const doneParam = event.url.searchParams.get('done');
	return {
		kiosk,
		canManage,
		pairing,
		done: (DONE.find((d) => d === doneParam) ?? null) as Done | null,
		confirmRevoke:
			canManage && !kiosk.revokedAt && event.url.searchParams.get('confirm') === 'revoke',
		placements: canManage ? await offeredFor(user, kiosk) : [],
		place: placementValue(kiosk.unitId, kiosk.counterId),
		settings: settingsValues(kiosk.settings),
		// The phone link of the kiosk's counter, or of its unit when it stands at no counter.
		phoneLink: await webLinks.linkPanel(db, event.url.origin, kiosk.unitId, kiosk.counterId),
		ranges: SETTING_RANGES
	};
};

export const actions: Actions = {
	rename: async (event) => {
		const { db, kiosk, ctx } = await guarded(event, 'manager');
		const raw = { name: field(await event.request.formData(), 'name') };
		const parsed = parse(RenameSchema, raw);
		if (!parsed.ok) return refuse('rename', parsed.errors, { name: raw.name.trim().slice(0, 80) });
		await kioskCommands.rename(db, kiosk, parsed.value.name, ctx);
		redirect(303, `${pathOf(kiosk.id)}?done=renamed`);
	},

	move: async (event) => {
		const { user, db, kiosk, ctx } = await guarded(event, 'manager');
		const value = field(await event.request.formData(), 'place');
		const place = findPlacement(await offeredFor(user, kiosk), value);
		if (!place) {
			const problem = value
				? 'admin.kiosks.error.place_invalid'
				: 'admin.kiosks.error.place_required';
			return refuse('move', { place: problem }, { place: value.slice(0, 80) });
		}
		await requireUnitAccess(db, user, place.unitId);
		await kioskCommands.move(db, kiosk, place, ctx);
		redirect(303, `${pathOf(kiosk.id)}?done=moved`);
	},

	settings: async (event) => {
		const { db, kiosk, ctx } = await guarded(event, 'manager');
		const result = parseSettingsForm(await event.request.formData());
		if (!result.ok) {
			return fail(400, {
				action: 'settings' as const,
				errors: result.errors,
				values: result.values
			});
		}
		await kioskCommands.updateSettings(db, kiosk, result.settings, ctx);
		redirect(303, `${pathOf(kiosk.id)}?done=settings`);
	},

	phoneLink: async (event) => {
		const { db, kiosk, ctx } = await guarded(event, 'manager');
		await webLinks.createLink(db, kiosk, {
			...ctx,
			targetType: 'kiosk',
			targetId: kiosk.id,
			detail: { counterId: kiosk.counterId }
		});
		redirect(303, `${pathOf(kiosk.id)}?done=phone_link`);
	},

	repair: async (event) => {
		const { user, db, kiosk, ctx } = await guarded(event, 'manager');
		const now = new Date();
		// The current token keeps working until a tablet uses the new code (kiosks.pair).
		const code = await kioskCommands.repair(db, kiosk.id, ctx, now);
		stash(event, pathOf(kiosk.id), {
			kind: 'pairing_code',
			actorId: user.id,
			secret: code,
			until: new Date(now.getTime() + kiosks.PAIRING_TTL_MS).toISOString()
		});
		redirect(303, pathOf(kiosk.id));
	},

	revoke: async (event) => {
		const { db, kiosk, ctx } = await guarded(event, 'manager');
		if (field(await event.request.formData(), 'confirm') !== 'yes') {
			return refuse('revoke', { confirm: 'admin.kiosks.revoke.confirm_required' }, {});
		}
		await kioskCommands.revoke(db, kiosk.id, ctx);
		redirect(303, `${pathOf(kiosk.id)}?done=revoked`);
	}
};
