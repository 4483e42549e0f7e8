import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import { kioskSettingsSchema, type KioskSettings } from '../domain/kiosk-settings';
import {
	NUMBER_SETTINGS,
	SWITCH_SETTINGS,
	TIME_SETTINGS,
	type SettingsField,
	type SettingsValues
} from '../domain/kiosk-settings-form';
import { field, requiredText, type FieldErrors } from './forms';

// The kiosk settings form: its fields are read from FormData, checked with the same
// kioskSettingsSchema the kiosk API trusts, and each problem is named next to its field. The
// form's shape (fields, values as typed, number bounds) is $lib/domain/kiosk-settings-form.

export { SETTING_RANGES } from '../domain/kiosk-settings-form';

/** A kiosk's name, as the new-kiosk and rename forms take it. */
export const KioskNameSchema = requiredText(
	80,
	'admin.kiosks.error.name_required',
	'admin.kiosks.error.name_too_long'
);

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type SettingsParse =
	| { ok: true; settings: KioskSettings }
	| { ok: false; errors: FieldErrors<SettingsField>; values: SettingsValues };

export function parseSettingsForm(form: FormData): SettingsParse {
	const values = {} as SettingsValues;
	for (const key of NUMBER_SETTINGS) values[key] = field(form, key).trim().slice(0, 10);
	for (const key of TIME_SETTINGS) values[key] = field(form, key).trim().slice(0, 10);
	// A checkbox is sent only when ticked.
	for (const key of SWITCH_SETTINGS) values[key] = form.has(key);
	values.askDetailsAfter = field(form, 'askDetailsAfter').slice(0, 10);

	const candidate: Record<string, unknown> = { ...values };
	for (const key of NUMBER_SETTINGS) {
		// Whole numbers only: '' or '4.5' become NaN and fail the schema's number check.
		candidate[key] = /^\d{1,6}$/.test(values[key]) ? Number(values[key]) : Number.NaN;
	}
	const errors: FieldErrors<SettingsField> = {};
	const parsed = v.safeParse(kioskSettingsSchema, candidate);
	if (!parsed.success) {
		for (const issue of parsed.issues) {
			const key = issue.path?.[0]?.key as SettingsField | undefined;
			if (!key || errors[key]) continue;
			errors[key] = (NUMBER_SETTINGS as readonly string[]).includes(key)
				? 'admin.kiosks.settings.error_range'
				: key === 'askDetailsAfter'
					? 'admin.kiosks.settings.error_ask_after'
					: ('admin.kiosks.settings.error_time' satisfies MessageKey);
		}
		return { ok: false, errors, values };
	}
	const s = parsed.output;
	// Beyond the schema: closing must come after opening, or every answer would be flagged.
	if (minutes(s.openTo) <= minutes(s.openFrom)) {
		errors.openTo = 'admin.kiosks.settings.error_open_order';
	}
	if (s.saturdayOpen && minutes(s.saturdayTo) <= minutes(s.openFrom)) {
		errors.saturdayTo = 'admin.kiosks.settings.error_saturday_order';
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors, values };
	return { ok: true, settings: s };
}
