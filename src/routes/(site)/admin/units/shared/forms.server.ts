import { fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import { isIsoDate } from '$lib/domain/time';
import type { AuditEntry } from '$lib/server/audit';

// Form handling shared by the unit, counter and officer screens: the text of the fields as
// typed (sent back on refusal), valibot issues as one message key per field, and one refusal
// shape, { form, errors, values }, so a page with several forms shows errors on the right one.

export type FieldErrors = Record<string, MessageKey>;

/** The text fields of a form as typed (files read as ''), trimmed to a sane length. */
export function texts<K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const name of names) {
		const value = form.get(name);
		out[name] = typeof value === 'string' ? value.slice(0, 500) : '';
	}
	return out;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Validates with a schema whose messages are message keys; the first issue per field wins. */
export function parse<S extends v.GenericSchema>(
	schema: S,
	raw: Record<string, unknown>
): Parsed<v.InferOutput<S>> {
	const parsed = v.safeParse(schema, raw);
	if (parsed.success) return { ok: true, value: parsed.output };
	const errors: FieldErrors = {};
	for (const issue of parsed.issues) {
		const field = String(issue.path?.[0]?.key ?? '_form');
		if (!errors[field]) errors[field] = issue.message as MessageKey;
	}
	return { ok: false, errors };
}

/** One refusal shape for every form of these screens. */
export function refuse(
	form: string,
	errors: FieldErrors,
	values: Record<string, string>,
	status = 400
) {
	return fail(status, { form, errors, values });
}

/** Who did it, from where, for audit.record. */
export function auditBy(
	event: Pick<RequestEvent, 'getClientAddress' | 'locals'>,
	user: SessionUser
): Pick<AuditEntry, 'actor' | 'ip' | 'requestId'> {
	return {
		actor: { id: user.id, username: user.username },
		ip: event.getClientAddress(),
		requestId: event.locals.requestId
	};
}

/** A required 'YYYY-MM-DD' date, as an <input type="date"> sends it. */
export function requiredDate(required: MessageKey, invalid: MessageKey) {
	return v.pipe(v.string(), v.trim(), v.minLength(1, required), v.check(isIsoDate, invalid));
}

/** An optional date: '' becomes null. */
export function optionalDate(invalid: MessageKey) {
	return v.pipe(
		v.string(),
		v.trim(),
		v.check((s) => s === '' || isIsoDate(s), invalid),
		v.transform((s) => (s === '' ? null : s))
	);
}

/** A required line of text, trimmed, with its own messages for empty and too long. */
export function requiredText(max: number, required: MessageKey, tooLong: MessageKey) {
	return v.pipe(v.string(), v.trim(), v.minLength(1, required), v.maxLength(max, tooLong));
}

/** Values the ?done= parameter may carry after a redirect, mapped to what the page says. */
export function doneParam<T extends string>(url: URL, allowed: readonly T[]): T | null {
	const done = url.searchParams.get('done');
	return allowed.includes(done as T) ? (done as T) : null;
}
