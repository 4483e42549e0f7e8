import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import { isIsoDate } from '$lib/domain/time';
import type { PasswordProblem } from './auth/password';

// The one way admin form actions read, check and refuse input. A refusal is always
// { action, errors, values }: `action` names the form that was refused (so a page with several
// forms shows the errors on the right one), `errors` holds one message key per field (the first
// problem found; the page translates it), `values` the text as typed, so nothing is retyped.
// The kit in $lib/components/form shows that shape: label, hint, error tied by aria-describedby.

export type FieldErrors<F extends string = string> = Partial<Record<F, MessageKey>>;

/** Control characters no one types (NUL, escape, DEL…); tab and line breaks stay. */
const CONTROL = /(?![\t\n\r])\p{Cc}/gu;

/** A form field as typed, without control characters ('' when absent or a file). */
export function field(form: FormData, name: string): string {
	return secret(form, name).replace(CONTROL, '');
}

/** A password exactly as typed ('' when absent or a file): compared, never stored or shown. */
export function secret(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** The text fields of a form (`field`), each trimmed to a sane length. */
export function texts<K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const name of names) out[name] = field(form, name).slice(0, 500);
	return out;
}

/** Issues whose message is a message key, keyed by the top-level field they are about. */
export function fieldErrors<F extends string>(issues: v.BaseIssue<unknown>[]): FieldErrors<F> {
	const errors: FieldErrors<F> = {};
	for (const issue of issues) {
		const key = String(issue.path?.[0]?.key ?? '_form') as F;
		if (!(key in errors)) errors[key] = issue.message as MessageKey;
	}
	return errors;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Validates with a schema whose messages are message keys; the first issue per field wins. */
export function parse<S extends v.GenericSchema>(
	schema: S,
	raw: Record<string, unknown>
): Parsed<v.InferOutput<S>> {
	const parsed = v.safeParse(schema, raw);
	if (parsed.success) return { ok: true, value: parsed.output };
	return { ok: false, errors: fieldErrors(parsed.issues) };
}

/** The one refusal shape: which form, what is wrong per field, and the text as typed. */
export function refuse<A extends string>(
	action: A,
	errors: FieldErrors,
	values: Record<string, string>,
	status = 400
) {
	return fail(status, { action, errors, values });
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

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, MessageKey> = {
	too_short: 'admin.password.too_short',
	too_long: 'admin.password.too_long',
	contains_username: 'admin.password.contains_username',
	too_simple: 'admin.password.too_simple'
};
