import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import * as officers from '$lib/server/officers';
import { requiredText } from '$lib/server/forms';

// Schemas of the counter and officer forms, shared by the unit tabs and the edit pages.

export const CounterSchema = v.object({
	number: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'admin.counters.error.number_required'),
		v.regex(/^\d{1,3}$/, 'admin.counters.error.number_format'),
		v.transform(Number),
		v.minValue(1, 'admin.counters.error.number_format')
	),
	name: requiredText(
		100,
		'admin.counters.error.name_required',
		'admin.counters.error.name_too_long'
	)
});

export const OfficerSchema = v.object({
	fullName: requiredText(
		100,
		'admin.officers.error.name_required',
		'admin.officers.error.name_too_long'
	),
	title: requiredText(
		100,
		'admin.officers.error.title_required',
		'admin.officers.error.title_too_long'
	),
	counterId: v.pipe(
		v.string(),
		v.transform((s) => (s === '' ? null : s))
	)
});

/**
 * The photo field of an officer form: nothing chosen is no photo (or, when `required`, an
 * error); otherwise the bytes must be a JPEG, PNG or WebP of at most 300 KB by their content.
 */
export async function readPhoto(
	entry: FormDataEntryValue | null,
	required: boolean
): Promise<{ photo: officers.Photo | null; error: MessageKey | null }> {
	if (!(entry instanceof File) || (entry.size === 0 && entry.name === '')) {
		return { photo: null, error: required ? 'admin.officers.error.photo_required' : null };
	}
	// Refuse by the declared size before reading a large body into memory.
	if (entry.size > officers.MAX_PHOTO_BYTES) {
		return { photo: null, error: 'admin.officers.error.photo_size' };
	}
	const checked = officers.checkPhoto(new Uint8Array(await entry.arrayBuffer()));
	if (typeof checked === 'string') return { photo: null, error: PHOTO_ERRORS[checked] };
	return { photo: checked, error: null };
}

const PHOTO_ERRORS: Record<'photo_empty' | 'photo_size' | 'photo_type', MessageKey> = {
	photo_empty: 'admin.officers.error.photo_empty',
	photo_size: 'admin.officers.error.photo_size',
	photo_type: 'admin.officers.error.photo_type'
};
