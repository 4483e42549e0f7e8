import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { safeRelativePath } from '$lib/components/safe-path';
import type { RequestHandler } from './$types';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

// The language switch is a plain form post so it works without JavaScript; the cookie is read by
// the locale hook in hooks.server.ts. Not httpOnly: it is a preference, not a secret.
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const lang = form.get('lang');
	if (isLocale(lang)) {
		cookies.set('lang', lang, {
			path: '/',
			maxAge: ONE_YEAR_SECONDS,
			sameSite: 'lax',
			httpOnly: false
		});
	}
	redirect(303, safeRelativePath(form.get('back')) ?? '/');
};

export const GET: RequestHandler = () => redirect(303, '/');
