import type { MessageKey } from '$lib/i18n';

/**
 * The survey rules speak English (they also answer API callers and import files); the builder
 * shows the common ones in the user's language and the rest as they are.
 */
const KNOWN: [RegExp, MessageKey][] = [
	[/^Vietnamese text is required$/, 'admin.survey_builder.err.required_vi'],
	[/^must be plain text/, 'admin.survey_builder.err.plain_text'],
	[/^must start with a lower-case letter/, 'admin.survey_builder.err.key'],
	[/^duplicate key/, 'admin.survey_builder.err.duplicate_key'],
	[/^duplicate option value/, 'admin.survey_builder.err.duplicate_option'],
	[/^must be at most \d+ characters/, 'admin.survey_builder.err.too_long'],
	[/^must refer to an? (earlier )?rating/, 'admin.survey_builder.err.condition'],
	[
		/was \w+ in version \d+; a changed question needs a new key$/,
		'admin.survey_builder.err.changed_type'
	],
	[
		/levels in version \d+; a different scale needs a new key$/,
		'admin.survey_builder.err.changed_scale'
	],
	[/as satisfied in version \d+/, 'admin.survey_builder.err.changed_threshold'],
	[/^the main question must stay/, 'admin.survey_builder.err.changed_main'],
	[/^the survey is larger than/, 'admin.survey_builder.err.too_large'],
	[/^the main question must be a rating$/, 'admin.survey_builder.err.main_rating'],
	[/^the main question cannot have a condition$/, 'admin.survey_builder.err.main_condition'],
	[/^no question has the key/, 'admin.survey_builder.err.no_such_key'],
	[/^must be a level from 1 to \d+$/, 'admin.survey_builder.err.level_range'],
	[/^must be from 1 to \d+$/, 'admin.survey_builder.err.max_length'],
	[/^a choice question needs at least one option$/, 'admin.survey_builder.err.no_options']
];

export function explain(
	message: string,
	t: (key: MessageKey, params?: Record<string, string | number>) => string
): string {
	const known = KNOWN.find(([pattern]) => pattern.test(message));
	return known ? t(known[1]) : t('admin.survey_builder.err.other', { detail: message });
}
