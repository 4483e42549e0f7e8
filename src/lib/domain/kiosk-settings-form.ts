import { kioskSettingsSchema, type KioskSettings } from './kiosk-settings';

// The kiosk settings form as the page and the server both see it: which settings are numbers,
// switches and times, the values as typed, and the bounds of each number, read from the schema
// the kiosk API trusts so the form never disagrees with it. Parsing is $lib/server/kiosk-admin.

export const NUMBER_SETTINGS = ['thanksSeconds', 'followUpSeconds', 'minIntervalSeconds'] as const;
export const SWITCH_SETTINGS = [
	'askOfficer',
	'askProcedureField',
	'speech',
	'saturdayOpen'
] as const;
export const TIME_SETTINGS = ['openFrom', 'openTo', 'saturdayTo'] as const;

export type NumberSetting = (typeof NUMBER_SETTINGS)[number];
export type SettingsField = keyof KioskSettings;

/** The form as typed: numbers and times as text, switches as booleans (never a secret). */
export type SettingsValues = Record<NumberSetting | (typeof TIME_SETTINGS)[number], string> &
	Record<(typeof SWITCH_SETTINGS)[number], boolean> & { askDetailsAfter: string };

// A type, not an interface, so that it passes as message parameters.
export type Range = { min: number; max: number };

/** Bounds of a numeric setting, read from kioskSettingsSchema. */
function rangeOf(key: NumberSetting): Range {
	const range: Range = { min: 0, max: Number.MAX_SAFE_INTEGER };
	for (const item of kioskSettingsSchema.entries[key].pipe) {
		if (item.type === 'min_value') range.min = Number(item.requirement);
		if (item.type === 'max_value') range.max = Number(item.requirement);
	}
	return range;
}

export const SETTING_RANGES: Record<NumberSetting, Range> = {
	thanksSeconds: rangeOf('thanksSeconds'),
	followUpSeconds: rangeOf('followUpSeconds'),
	minIntervalSeconds: rangeOf('minIntervalSeconds')
};

export function settingsValues(settings: KioskSettings): SettingsValues {
	return {
		thanksSeconds: String(settings.thanksSeconds),
		followUpSeconds: String(settings.followUpSeconds),
		minIntervalSeconds: String(settings.minIntervalSeconds),
		askOfficer: settings.askOfficer,
		askProcedureField: settings.askProcedureField,
		askDetailsAfter: settings.askDetailsAfter,
		speech: settings.speech,
		openFrom: settings.openFrom,
		openTo: settings.openTo,
		saturdayOpen: settings.saturdayOpen,
		saturdayTo: settings.saturdayTo
	};
}
