import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { loadPage } from '$lib/components/paging';
import { vietnamToday } from '$lib/domain/time';
import { requireUnitAccess, requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { doneParam, field, refuse } from '$lib/server/forms';
import { alerts, mailConfigured, schedules } from '$lib/server/jobs';
import { unitChoices } from '$lib/server/unit-choices';
import * as units from '$lib/server/units';
import type { Actions, PageServerLoad } from './$types';

// Report schedules and alert thresholds (issue 13, "sent without asking"). Managers and admins,
// each within their unit subtree: a unit outside it is forbidden through the guard (403), as on
// /admin/reports; a subscriber outside it is a mistake shown next to the field.

const PATH = '/admin/reports/schedules';
const PER_PAGE = 20;
const DONE = ['added', 'removed', 'saved', 'reset'] as const;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, { role: 'manager' });
	const db = getDb();
	const root = scopeRoot(user);
	const { page, pages, total, rows } = await loadPage(event.url, PER_PAGE, (range) =>
		schedules.list(db, root, range)
	);
	return {
		units: await unitChoices(db, { withinId: root, on: vietnamToday(), include: [root] }),
		users: await schedules.subscribableUsers(db, root),
		subscriptions: rows,
		total,
		page,
		pages,
		thresholds: await alerts.customThresholds(db, root),
		defaults: alerts.DEFAULT_THRESHOLD,
		mailOn: mailConfigured(),
		done: doneParam(event.url, DONE)
	};
};

/**
 * A unit named by the form (by id, or by code as on /admin/reports) that exists must be inside
 * the caller's scope (403 otherwise); its id, or what was typed when there is no such unit.
 */
async function guardUnit(user: SessionUser, unitRef: string): Promise<string> {
	const db = getDb();
	const unit = unitRef
		? ((await units.byId(db, unitRef)) ?? (await units.byCode(db, unitRef)))
		: undefined;
	if (unit) await requireUnitAccess(db, user, unit.id);
	return unit?.id ?? unitRef;
}

function context(event: RequestEvent) {
	return { ip: event.getClientAddress(), requestId: event.locals.requestId };
}

export const actions: Actions = {
	subscribe: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		const values = schedules.subscriptionValues(await event.request.formData());
		const parsed = await schedules.parseSubscription(db, user, {
			...values,
			unit: await guardUnit(user, values.unit)
		});
		if (!parsed.ok) return refuse('subscribe', parsed.errors, values);
		const id = await schedules.subscribe(db, parsed.value, user, context(event));
		if (!id) {
			return refuse('subscribe', { user: 'admin.schedules.err.duplicate' }, values);
		}
		redirect(303, `${PATH}?done=added`);
	},

	unsubscribe: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const id = field(await event.request.formData(), 'id').slice(0, 100);
		const removed = id ? await schedules.unsubscribe(getDb(), id, user, context(event)) : false;
		if (!removed) {
			return fail(400, {
				action: 'unsubscribe' as const,
				message: 'admin.schedules.err.remove' as const
			});
		}
		redirect(303, `${PATH}?done=removed`);
	},

	threshold: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		const values = alerts.thresholdValues(await event.request.formData());
		const parsed = await alerts.parseThreshold(db, user, {
			...values,
			unit: await guardUnit(user, values.unit)
		});
		if (!parsed.ok) return refuse('threshold', parsed.errors, values);
		await alerts.setThreshold(db, parsed.value, user, context(event));
		redirect(303, `${PATH}?done=saved`);
	},

	resetThreshold: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const unitId = await guardUnit(
			user,
			field(await event.request.formData(), 'unit').slice(0, 100)
		);
		const reset = unitId
			? await alerts.resetThreshold(getDb(), unitId, user, context(event))
			: false;
		if (!reset) {
			return fail(400, {
				action: 'resetThreshold' as const,
				message: 'admin.alerts.err.reset' as const
			});
		}
		redirect(303, `${PATH}?done=reset`);
	}
};
