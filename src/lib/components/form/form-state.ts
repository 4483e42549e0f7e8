import type { MessageKey } from '$lib/i18n';

// What a refused admin form sends back ($lib/server/forms: refuse): which form (`action`), one
// message key per field (some with parameters), the values as typed, and for a survey import the
// problems found inside the file. Pages read it through errorOf and valueOf only.
export interface FormState {
	action?: string;
	errors?: Partial<Record<string, MessageKey>>;
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
	if (state?.action !== which) return null;
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
	return state?.action === which ? (state.values?.[field] ?? '') : fallback;
}

/**
 * What a field shows of a refused form, spread into it: its name, the value typed (else
 * `fallback`) and its error. `const field = $derived(fieldsOf(t, form, 'create'))`, then
 * `<TextField id="create-code" {...field('code')} label={…} />`.
 */
export function fieldsOf(t: Translate, state: FormState | null | undefined, which: string) {
	return (name: string, fallback = '') => ({
		name,
		value: valueOf(state, which, name, fallback),
		error: errorOf(t, state, which, name)
	});
}
