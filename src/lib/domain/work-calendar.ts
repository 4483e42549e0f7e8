import { addDays, vietnamToday, weekdayOf } from './time';

/**
 * Which days a one-stop office works: Monday to Friday, except the days off the government
 * announces each year (Tết, Hùng Kings, 30/4, 1/5, 2/9 and the days swapped around them), plus
 * the Saturdays worked in exchange ("làm bù"). Follow-up deadlines count these days.
 */
export type DayKind = 'off' | 'work';

export class WorkCalendar {
	private readonly exceptions: ReadonlyMap<string, DayKind>;

	/** Exceptions by 'YYYY-MM-DD': a weekday off, or a weekend day worked. */
	constructor(exceptions: Iterable<readonly [string, DayKind]> = []) {
		this.exceptions = new Map(exceptions);
	}

	isWorkingDay(date: string): boolean {
		const kind = this.exceptions.get(date);
		if (kind) return kind === 'work';
		return weekdayOf(date) <= 5;
	}

	/** The date `days` working days after `date` (`date` itself when days is 0). */
	add(date: string, days: number): string {
		let current = date;
		let left = days;
		while (left > 0) {
			current = addDays(current, 1);
			if (this.isWorkingDay(current)) left--;
		}
		return current;
	}

	/** Working days d with from < d <= to; 0 when to <= from. */
	between(from: string, to: string): number {
		if (to <= from) return 0;
		// Whole weeks count 5 each, the rest day by day; then the exceptions inside the range.
		const weeks = Math.floor((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000));
		let n = weeks * 5;
		for (let d = addDays(from, weeks * 7 + 1); d <= to; d = addDays(d, 1)) {
			if (weekdayOf(d) <= 5) n++;
		}
		for (const [date, kind] of this.exceptions) {
			if (date <= from || date > to) continue;
			const weekday = weekdayOf(date) <= 5;
			if (kind === 'off' && weekday) n--;
			if (kind === 'work' && !weekday) n++;
		}
		return n;
	}

	/** This calendar with `date` entered as `kind`, or taken out (back to the plain week) when null. */
	with(date: string, kind: DayKind | null): WorkCalendar {
		const exceptions = new Map(this.exceptions);
		if (kind) exceptions.set(date, kind);
		else exceptions.delete(date);
		return new WorkCalendar(exceptions);
	}

	/**
	 * Working days left until `deadline`: 0 when it is due today (or falls on the days off just
	 * ahead), negative by the working days elapsed since it passed.
	 */
	daysLeft(today: string, deadline: string): number {
		return deadline >= today ? this.between(today, deadline) : -this.between(deadline, today);
	}
}

/** Monday to Friday, with no days off: what the app counted before the calendar existed. */
export const WEEKDAYS = new WorkCalendar();

/** A follow-up case is due this many working days after the answer (Decree 61 practice). */
export const FOLLOW_UP_WORKING_DAYS = 5;

/**
 * The deadline a follow-up case gets when it is received (`receivedAt`, an ISO instant):
 * FOLLOW_UP_WORKING_DAYS working days after its date in Vietnam. The writer, the demo and a
 * calendar change (cases.refitDeadlines, which recognises default deadlines by it) all use this.
 */
export function followUpDeadline(receivedAt: string, calendar: WorkCalendar): string {
	return calendar.add(vietnamToday(new Date(receivedAt)), FOLLOW_UP_WORKING_DAYS);
}
