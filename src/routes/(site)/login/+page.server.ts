import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import { safeRelativePath } from '$lib/components/safe-path';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { signIn } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db/instance';
import { field, fieldErrors, secret, type FieldErrors } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const LoginSchema = v.object({
	username: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'login.username_required'),
		v.maxLength(100, 'login.username_too_long')
	),
	// Not trimmed: spaces may be part of a password.
	password: v.pipe(
		v.string(),
		v.minLength(1, 'login.password_required'),
		v.maxLength(200, 'login.password_too_long')
	)
});

type Field = 'username' | 'password';

/** One shape for every refusal, so the page reads form.errors and form.message alike. */
function refuse(
	status: number,
	values: { username: string },
	errors: FieldErrors<Field>,
	message: MessageKey | null = null,
	minutes: number | null = null
) {
	return fail(status, { values, errors, message, minutes });
}

/** Where to go after signing in: a same-origin path from ?next=, never back to /login. */
function destination(url: URL): string {
	const next = safeRelativePath(url.searchParams.get('next'));
	if (!next || next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) {
		return '/admin';
	}
	return next;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, destination(url));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, url } = event;
		const form = await request.formData();
		const raw = { username: field(form, 'username'), password: secret(form, 'password') };
		// The password is never sent back, whatever happens.
		const values = { username: raw.username.trim().slice(0, 100) };

		const parsed = v.safeParse(LoginSchema, raw);
		if (!parsed.success) return refuse(400, values, fieldErrors<Field>(parsed.issues));

		const result = await signIn(getDb(), {
			username: parsed.output.username,
			password: parsed.output.password,
			ip: event.getClientAddress(),
			userAgent: request.headers.get('user-agent'),
			requestId: locals.requestId
		});
		if (!result.ok) {
			if (result.reason === 'throttled') {
				const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
				return refuse(429, values, {}, 'login.throttled', minutes);
			}
			return refuse(400, values, {}, 'login.invalid');
		}
		setSessionCookie(event, result.token, result.expiresAt);
		redirect(303, destination(url));
	}
};
