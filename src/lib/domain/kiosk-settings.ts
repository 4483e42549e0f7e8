import * as v from 'valibot';

export const ASK_DETAILS_AFTER = ['low', 'every'] as const;
export type AskDetailsAfter = (typeof ASK_DETAILS_AFTER)[number];

/** Per-kiosk behaviour an administrator sets; stored as JSON on the kiosk row. */
export interface KioskSettings {
	/** Seconds the thank-you screen stays before the question returns. */
	thanksSeconds: number;
	/**
	 * Seconds without a touch before a follow-up screen ends at the thanks screen, keeping what
	 * was given. Short (about 20 s), so an abandoned screen does not wait for the next person.
	 */
	followUpSeconds: number;
	/** Least seconds between two submissions of one device (staff pressing for residents). */
	minIntervalSeconds: number;
	askOfficer: boolean;
	askProcedureField: boolean;
	/** When the officer and field are asked (if on): after every rating, or only after a low one. */
	askDetailsAfter: AskDetailsAfter;
	/** Offer the "Nghe" button that reads the question aloud where a vi-VN voice exists. */
	speech: boolean;
	/** Office hours, Vietnam time 'HH:MM'; answers outside are flagged, not refused. */
	openFrom: string;
	openTo: string;
	saturdayOpen: boolean;
	saturdayTo: string;
}

export const DEFAULT_KIOSK_SETTINGS: KioskSettings = {
	thanksSeconds: 5,
	followUpSeconds: 20,
	minIntervalSeconds: 4,
	askOfficer: false,
	askProcedureField: false,
	// A happy resident taps once and goes; the officer and field matter most when something went wrong.
	askDetailsAfter: 'low',
	speech: false,
	openFrom: '07:00',
	openTo: '17:30',
	saturdayOpen: true,
	saturdayTo: '11:30'
};

const time = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM'));

export const kioskSettingsSchema = v.object({
	thanksSeconds: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(60)),
	followUpSeconds: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(120)),
	minIntervalSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(120)),
	askOfficer: v.boolean(),
	askProcedureField: v.boolean(),
	askDetailsAfter: v.picklist(ASK_DETAILS_AFTER),
	speech: v.boolean(),
	openFrom: time,
	openTo: time,
	saturdayOpen: v.boolean(),
	saturdayTo: time
});

/**
 * Reads stored settings leniently: unknown or broken values fall back to the defaults. Settings
 * stored before followUpSeconds existed carry idleSeconds (45 s, back to the question); it is
 * dropped on purpose, so every kiosk gets the short follow-up time that ends at thanks.
 */
export function readKioskSettings(json: string | null | undefined): KioskSettings {
	let raw: unknown;
	try {
		raw = json ? JSON.parse(json) : {};
	} catch {
		raw = {};
	}
	const merged = { ...DEFAULT_KIOSK_SETTINGS, ...(typeof raw === 'object' && raw ? raw : {}) };
	const parsed = v.safeParse(kioskSettingsSchema, merged);
	return parsed.success ? parsed.output : { ...DEFAULT_KIOSK_SETTINGS };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when a local time falls outside the kiosk's office hours (Sunday is always outside). */
export function isOutOfHours(
	settings: KioskSettings,
	weekday: number,
	hour: number,
	minute: number
): boolean {
	const at = hour * 60 + minute;
	if (weekday === 7) return true;
	if (weekday === 6) {
		return (
			!settings.saturdayOpen || at < minutes(settings.openFrom) || at > minutes(settings.saturdayTo)
		);
	}
	return at < minutes(settings.openFrom) || at > minutes(settings.openTo);
}
