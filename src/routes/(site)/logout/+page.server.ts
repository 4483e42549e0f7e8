import { redirect } from '@sveltejs/kit';
import * as audit from '$lib/server/audit';
import { signOut } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db/instance';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST only: a GET (a prefetch, an <img src>) must not
// end a session. GET just sends the browser somewhere sensible.
export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.user ? '/admin' : '/login');
};

export const actions: Actions = {
	default: async (event) => {
		const user = event.locals.user;
		const db = getDb();
		await signOut(db, event);
		if (user) {
			await audit.record(db, {
				action: 'auth.sign_out',
				actor: { id: user.id, username: user.username },
				ip: event.getClientAddress(),
				requestId: event.locals.requestId
			});
		}
		event.locals.user = null;
		event.locals.sessionId = null;
		redirect(303, '/login');
	}
};
