/**
 * Vietnam time. Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975, so local
 * dates are computed with a fixed offset: no time-zone database needed, same on every server.
 */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface LocalParts {
	/** 'YYYY-MM-DD' in Vietnam time */
	date: string;
	/** 0..23 */
	hour: number;
	/** ISO weekday: 1 = Monday … 7 = Sunday */
	weekday: number;
}

export function vietnamParts(instant: Date): LocalParts {
	const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
	const day = shifted.getUTCDay();
	return {
		date: shifted.toISOString().slice(0, 10),
		hour: shifted.getUTCHours(),
		weekday: day === 0 ? 7 : day
	};
}

/** The instant of local midnight starting `date` ('YYYY-MM-DD') in Vietnam. */
export function vietnamMidnight(date: string): Date {
	return new Date(Date.parse(`${date}T00:00:00.000Z`) - VIETNAM_OFFSET_MS);
}

/** Today's date in Vietnam. */
export function vietnamToday(now: Date = new Date()): string {
	return vietnamParts(now).date;
}

export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a 'YYYY-MM-DD' date. */
export function weekdayOf(date: string): number {
	const day = new Date(`${date}T00:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}
