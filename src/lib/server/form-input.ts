import type * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import type { PasswordProblem } from './auth/password';

// Small helpers for form actions: read fields as strings, turn valibot issues into one message
// key per field (the first problem found), and name password problems for people.

export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

/** A form field as a string ('' when absent or a file). */
export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** Issues whose message is a message key, keyed by the top-level field they are about. */
export function fieldErrors<F extends string>(issues: v.BaseIssue<unknown>[]): FieldErrors<F> {
	const errors: FieldErrors<F> = {};
	for (const issue of issues) {
		const key = issue.path?.[0]?.key;
		if (typeof key === 'string' && !(key in errors)) {
			errors[key as F] = issue.message as MessageKey;
		}
	}
	return errors;
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, MessageKey> = {
	too_short: 'admin.password.too_short',
	too_long: 'admin.password.too_long',
	contains_username: 'admin.password.contains_username',
	too_simple: 'admin.password.too_simple'
};
