import { redirect } from '@sveltejs/kit';
import { signOutRecorded } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db/instance';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST only: a GET (a prefetch, an <img src>) must not
// end a session. GET just sends the browser somewhere sensible.
export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.user ? '/admin' : '/login');
};

export const actions: Actions = {
	default: async (event) => {
		await signOutRecorded(getDb(), event);
		event.locals.user = null;
		event.locals.sessionId = null;
		redirect(303, '/login');
	}
};
