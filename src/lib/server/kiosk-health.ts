import { VIETNAM_OFFSET_MS } from '../domain/time';
import { WEEKDAYS, type WorkCalendar } from '../domain/work-calendar';

// Pure: the health of a kiosk as administrators see it. Kept apart from kiosks/ so the rule
// can be tested with known answers (TODO(admin): move to lib/domain, it does no I/O).

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A kiosk is silent once it has missed more than one working day: more than 24 hours of
 * working-day time (Vietnam) since it was last seen. Days off do not count (weekends, and the
 * holidays of the working calendar, work-calendar.ts), so a tablet switched off on Friday
 * evening is not flagged on Monday morning, nor one switched off for Tết; one last seen on
 * Friday at 17:00 is flagged from Monday 17:00, when it has missed a whole working day.
 */
export const SILENT_AFTER_MS = 24 * HOUR_MS;

/** Milliseconds of working-day time, in Vietnam, between two instants (0 if to <= from). */
export function workingMsBetween(from: Date, to: Date, calendar: WorkCalendar = WEEKDAYS): number {
	const start = from.getTime() + VIETNAM_OFFSET_MS;
	const end = to.getTime() + VIETNAM_OFFSET_MS;
	if (end <= start) return 0;
	// In shifted time, a day's ISO date is its Vietnam date.
	const dayOf = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;
	const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);
	const firstDay = dayOf(start);
	const lastDay = dayOf(end);
	if (firstDay === lastDay) return calendar.isWorkingDay(dateOf(start)) ? end - start : 0;
	const first = calendar.isWorkingDay(dateOf(start)) ? firstDay + DAY_MS - start : 0;
	const last = calendar.isWorkingDay(dateOf(end)) ? end - lastDay : 0;
	// The whole days in between: after the first day, up to the day before the last.
	const whole = calendar.between(dateOf(firstDay), dateOf(lastDay - DAY_MS));
	return first + whole * DAY_MS + last;
}

export type KioskStatus = 'active' | 'silent' | 'pending' | 'unpaired' | 'revoked';

export const KIOSK_STATUSES: KioskStatus[] = ['active', 'silent', 'pending', 'unpaired', 'revoked'];

export interface HealthFields {
	tokenHash: string | null;
	revokedAt: string | null;
	lastSeenAt: string | null;
	pairedAt: string | null;
	pairingExpiresAt: string | null;
}

/**
 * revoked: stopped by an administrator; pending: never paired, a pairing code is waiting;
 * unpaired: never paired and no valid code; silent: paired but quiet for over a working day.
 */
export function kioskStatus(
	kiosk: HealthFields,
	now = new Date(),
	calendar: WorkCalendar = WEEKDAYS
): KioskStatus {
	if (kiosk.revokedAt) return 'revoked';
	if (!kiosk.tokenHash) {
		const waiting =
			kiosk.pairingExpiresAt !== null && Date.parse(kiosk.pairingExpiresAt) > now.getTime();
		return waiting ? 'pending' : 'unpaired';
	}
	const seen = kiosk.lastSeenAt ?? kiosk.pairedAt;
	if (!seen) return 'silent';
	return workingMsBetween(new Date(seen), now, calendar) > SILENT_AFTER_MS ? 'silent' : 'active';
}

/** True while a pairing code issued for this kiosk can still be used. */
export function pairingPending(kiosk: Pick<HealthFields, 'pairingExpiresAt'>, now = new Date()) {
	return kiosk.pairingExpiresAt !== null && Date.parse(kiosk.pairingExpiresAt) > now.getTime();
}
