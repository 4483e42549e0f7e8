import type { MessageKey } from '$lib/i18n';

// What a refused survey form sends back (see survey-forms.server.ts and the actions): which
// form, one message key per field with its parameters, the values as typed, and for an import
// the problems found inside the file.
export interface FormState {
	form?: string;
	errors?: Record<string, MessageKey>;
	params?: Record<string, Record<string, string>>;
	values?: Record<string, string>;
	problems?: { path: string; message: string }[];
	problemCount?: number;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The error of `field` when `which` form was refused, translated with its parameters. */
export function errorOf(
	t: Translate,
	state: FormState | null | undefined,
	which: string,
	field: string
): string | null {
	if (state?.form !== which) return null;
	const key = state.errors?.[field];
	return key ? t(key, state.params?.[field]) : null;
}

/** The value typed into `field` when `which` form was refused, else `fallback`. */
export function valueOf(
	state: FormState | null | undefined,
	which: string,
	field: string,
	fallback = ''
): string {
	return state?.form === which ? (state.values?.[field] ?? '') : fallback;
}
