import { error, fail, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/instance';
import { heldAnswers, keepPage } from '$lib/server/phone-held';
import * as phone from '$lib/server/phone-survey';
import { browserKeyOf, newBrowserCookie } from '$lib/server/web-links';
import type { Actions, PageServerLoad } from './$types';
import { uuidV7 } from '$lib/domain/uuid';

// The resident's own phone: public, no session. Real forms first (it works without JavaScript);
// the response UUID is made when the page renders and travels in a hidden field, so a double
// submit stores one response.

function localeOf(value: unknown): phone.PhoneLocale {
	return value === 'en' ? 'en' : 'vi';
}

/** The browser's key, setting the random cookie on first sight. */
function browserKey(cookies: Cookies, url: URL, create: boolean): string | null {
	let value = cookies.get(phone.BROWSER_COOKIE);
	if (!value || !/^[a-z2-7]{16,40}$/.test(value)) {
		if (!create) return null;
		value = newBrowserCookie();
		cookies.set(phone.BROWSER_COOKIE, value, {
			path: '/s',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: phone.BROWSER_COOKIE_MAX_AGE
		});
	}
	return browserKeyOf(value);
}

async function opened(event: Pick<RequestEvent, 'params'>) {
	const found = await phone.open(getDb(), event.params.code ?? '');
	if (!found) error(404, { message: 'not_found' });
	return found;
}

function place(found: phone.OpenLink) {
	return {
		code: found.link.code,
		unitName: found.link.unitName,
		counterNumber: found.counterNumber,
		counterName: found.link.counterName
	};
}

export const load: PageServerLoad = async (event) => {
	// Each render carries its own response UUID: a shared cache would make residents collide.
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const found = await opened(event);
	const locale = localeOf(event.url.searchParams.get('lang'));
	const key = browserKey(event.cookies, event.url, true);
	const version = found.version;
	if (!version) return { locale, place: place(found), state: 'no_survey' as const };
	if (await phone.alreadyAnswered(getDb(), found, key)) {
		return { locale, place: place(found), state: 'already' as const };
	}
	const def = version.definition;
	return {
		locale,
		place: place(found),
		state: 'form' as const,
		id: uuidV7(),
		startedAt: new Date().toISOString(),
		title: def.title,
		main: phone.mainQuestion(def)
	};
};

interface Carried {
	id: string;
	startedAt: string;
	locale: phone.PhoneLocale;
}

function carried(form: FormData): Carried {
	const id = String(form.get('id') ?? '');
	return {
		id: /^[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : uuidV7(),
		startedAt: String(form.get('startedAt') ?? ''),
		locale: localeOf(form.get('lang'))
	};
}

function thanks(code: string, locale: phone.PhoneLocale): never {
	redirect(303, `/s/${code}/thanks${locale === 'en' ? '?lang=en' : ''}`);
}

function again(code: string, locale: phone.PhoneLocale): never {
	redirect(303, `/s/${code}${locale === 'en' ? '?lang=en' : ''}`);
}

export type SecondStep = ReturnType<typeof secondStep> & { failed?: boolean };

/** Everything a page of the second step needs to render, also after an error. */
function secondStep(
	found: phone.OpenLink & { version: NonNullable<phone.OpenLink['version']> },
	c: Carried,
	rating: number,
	page: number,
	read: Pick<phone.ReadForm, 'values' | 'errors'> = { values: {}, errors: {} }
) {
	const def = found.version.definition;
	const level = phone.mainQuestion(def).levels.find((l) => l.value === rating)!;
	const pages = phone.followUpPages(def, rating);
	return {
		step: 'more' as const,
		...c,
		rating,
		level,
		page,
		pages: pages.length,
		groups: pages[page] ?? [],
		values: read.values,
		errors: read.errors
	};
}

/** The page a form was on: a whole number within the pages, else the first. */
function pageOf(form: FormData, pages: number): number {
	const raw = String(form.get('page') ?? '0');
	const n = /^\d{1,3}$/.test(raw) ? Number(raw) : 0;
	return n < pages ? n : 0;
}

async function record(
	event: RequestEvent,
	found: phone.OpenLink & { version: NonNullable<phone.OpenLink['version']> },
	c: Carried,
	answers: Record<string, unknown>,
	phoneConsent: boolean
) {
	const key = browserKey(event.cookies, event.url, true)!;
	return phone.submit(
		getDb(),
		found,
		{ id: c.id, answers, phoneConsent, startedAt: c.startedAt, locale: c.locale },
		key
	);
}

/** 503 when the server cannot save answers now (the resident may send again), 400 otherwise. */
function failStatus(result: phone.SubmitResult): number {
	return result.kind === 'failed' && result.code === 'unavailable' ? 503 : 400;
}

/**
 * What every step's form carries: the link (a link whose survey has gone sends the resident
 * back to its start), the language and the rating, refused with 400 when missing.
 */
async function rated(event: RequestEvent) {
	const found = await opened(event);
	const form = await event.request.formData();
	const c = carried(form);
	if (!found.version) again(found.link.code, c.locale);
	const version = found.version;
	const def = version.definition;
	const rating = phone.parseRating(def, form.get('rating'));
	if (rating === null) {
		return {
			ok: false as const,
			refusal: fail(400, { step: 'main' as const, error: 'required' as const })
		};
	}
	return { ok: true as const, found: { ...found, version }, form, c, def, rating };
}

export const actions: Actions = {
	// The first tap: a face is a submit button named "rating".
	rate: async (event) => {
		const sent = await rated(event);
		if (!sent.ok) return sent.refusal;
		const { found, c, def, rating } = sent;
		if (phone.followUps(def, rating).length > 0) {
			// Kept now, so closing the browser on the second step does not lose the rating.
			const key = browserKey(event.cookies, event.url, true)!;
			await phone.holdFirstTap(getDb(), found, { ...c, rating }, key);
			return secondStep(found, c, rating, 0);
		}
		const result = await record(event, found, c, { [def.mainQuestion]: rating }, false);
		if (result.kind === 'done') thanks(found.link.code, c.locale);
		if (result.kind === 'already') again(found.link.code, c.locale);
		return fail(failStatus(result), { step: 'main' as const, error: 'failed' as const });
	},
	// A page of the second step: its fields, or "Bỏ qua" (a submit button named "skip") for
	// none of them. Each page is kept with the held tap as soon as it is sent; the last one
	// records the response with every page kept.
	send: async (event) => {
		const sent = await rated(event);
		if (!sent.ok) return sent.refusal;
		const { found, form, c, def, rating } = sent;
		const pages = phone.followUpPages(def, rating);
		const page = pageOf(form, pages.length);
		const questions = (pages[page] ?? []).flatMap((g) => g.questions);
		const read = form.has('skip')
			? { answers: {}, phoneConsent: false, values: {}, errors: {} }
			: phone.readFollowUps(questions, form);
		if (Object.keys(read.errors).length > 0) {
			return fail(400, secondStep(found, c, rating, page, read));
		}
		const key = browserKey(event.cookies, event.url, true)!;
		const pageKeys = questions.map((q) => q.key);
		if (page < pages.length - 1) {
			await keepPage(getDb(), c.id, key, pageKeys, read.answers);
			return secondStep(found, c, rating, page + 1);
		}
		const kept = (await heldAnswers(getDb(), c.id, key)) ?? {};
		for (const k of pageKeys) delete kept[k];
		const answers = { ...kept, ...read.answers, [def.mainQuestion]: rating };
		// A number kept from an earlier page had its box ticked there.
		const phoneKey = def.questions.find((q) => q.type === 'phone')?.key;
		const consent = read.phoneConsent || (phoneKey !== undefined && phoneKey in kept);
		const result = await record(event, found, c, answers, consent);
		if (result.kind === 'done') thanks(found.link.code, c.locale);
		if (result.kind === 'already') again(found.link.code, c.locale);
		if (result.kind === 'invalid') {
			return fail(400, secondStep(found, c, rating, page, { ...read, errors: result.errors }));
		}
		// Kept as typed, with the same UUID: "Gửi" again cannot store it twice.
		return fail(failStatus(result), {
			...secondStep(found, c, rating, page, read),
			failed: true
		});
	}
};
