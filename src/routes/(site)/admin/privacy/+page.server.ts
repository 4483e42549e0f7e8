import { fail, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { normalizePhone } from '$lib/domain/phone-text';
import { contextOf } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { field } from '$lib/server/forms';
import * as privacy from '$lib/server/privacy';
import type { Actions, PageServerLoad } from './$types';

// A resident's phone number on request (Decree 13/2023/NĐ-CP): what is held, and its erasure.
// Administrators only: a search reaches every unit. The number travels in the form and its
// answer, never in a URL (which would land in logs and history).

export const load: PageServerLoad = async (event) => {
	requireUser(event, { role: 'admin' });
	return { retention: await privacy.retention(getDb()) };
};

type Errors = Partial<Record<'phone' | 'confirm', MessageKey>>;
const BAD_PHONE: Errors = { phone: 'admin.privacy.err_phone' };

/** The number as typed (kept for the form) and its national form, or a 400. */
async function readPhone(event: RequestEvent) {
	const form = await event.request.formData();
	const typed = field(form, 'phone').slice(0, 40);
	return { form, typed, phone: normalizePhone(typed) };
}

export const actions: Actions = {
	search: async (event) => {
		const user = requireUser(event, { role: 'admin' });
		const { typed, phone } = await readPhone(event);
		if (!phone) {
			return fail(400, { values: { phone: typed }, errors: BAD_PHONE });
		}
		const held = await privacy.find(getDb(), phone, contextOf(event, user));
		return { values: { phone: typed }, phone, held };
	},
	erase: async (event) => {
		const user = requireUser(event, { role: 'admin' });
		const { form, typed, phone } = await readPhone(event);
		if (!phone) {
			return fail(400, { values: { phone: typed }, errors: BAD_PHONE });
		}
		if (field(form, 'confirm') !== 'yes') {
			const held = await privacy.find(getDb(), phone, contextOf(event, user));
			return fail(400, {
				values: { phone: typed },
				phone,
				held,
				errors: { confirm: 'admin.privacy.err_confirm' } as Errors
			});
		}
		const erased = await privacy.erase(getDb(), phone, contextOf(event, user));
		return { values: { phone: '' }, erased };
	}
};
