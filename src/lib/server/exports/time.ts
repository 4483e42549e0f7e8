// Times in the files are Vietnam local time (UTC+7, no daylight saving). Excel has no time
// zones: a cell holds a wall-clock time, so the instant is shifted by seven hours and written
// as if it were UTC (exceljs writes a Date's UTC fields); CSV gets the same wall clock as text.

const OFFSET_MS = 7 * 3600_000;

export function vietnamWallClock(isoInstant: string): Date {
	return new Date(Date.parse(isoInstant) + OFFSET_MS);
}

/** "2026-03-14 08:05:09" */
export function wallClockText(d: Date): string {
	return d.toISOString().slice(0, 19).replace('T', ' ');
}
