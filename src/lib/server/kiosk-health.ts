import { VIETNAM_OFFSET_MS } from '../domain/time';

// Pure: the health of a kiosk as administrators see it. Kept apart from kiosks.ts so the rule
// can be tested with known answers (TODO(admin): move to lib/domain, it does no I/O).

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/**
 * A kiosk is silent once it has missed more than one working day: more than 24 hours of
 * Monday-to-Friday time (Vietnam) since it was last seen. Weekends do not count, so a tablet
 * switched off on Friday evening is not flagged on Monday morning; one last seen on Friday at
 * 17:00 is flagged from Monday 17:00, when it has missed a whole working day.
 * Public holidays are not known here, so a kiosk may be flagged after Tết: that is true, too.
 */
export const SILENT_AFTER_MS = 24 * HOUR_MS;

/** Milliseconds of Monday-to-Friday time, in Vietnam, between two instants (0 if to <= from). */
export function workingMsBetween(from: Date, to: Date): number {
	let start = from.getTime() + VIETNAM_OFFSET_MS;
	const end = to.getTime() + VIETNAM_OFFSET_MS;
	if (end <= start) return 0;
	// Whole weeks hold five working days whatever day they start on.
	const weeks = Math.floor((end - start) / WEEK_MS);
	let total = weeks * 5 * DAY_MS;
	start += weeks * WEEK_MS;
	// Less than a week is left: walk it day by day (at most 8 pieces).
	while (start < end) {
		const dayStart = Math.floor(start / DAY_MS) * DAY_MS;
		const next = Math.min(dayStart + DAY_MS, end);
		// In shifted time, getUTCDay is the Vietnam weekday (0 = Sunday, 6 = Saturday).
		const weekday = new Date(dayStart).getUTCDay();
		if (weekday >= 1 && weekday <= 5) total += next - start;
		start = next;
	}
	return total;
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
export function kioskStatus(kiosk: HealthFields, now = new Date()): KioskStatus {
	if (kiosk.revokedAt) return 'revoked';
	if (!kiosk.tokenHash) {
		const waiting =
			kiosk.pairingExpiresAt !== null && Date.parse(kiosk.pairingExpiresAt) > now.getTime();
		return waiting ? 'pending' : 'unpaired';
	}
	const seen = kiosk.lastSeenAt ?? kiosk.pairedAt;
	if (!seen) return 'silent';
	return workingMsBetween(new Date(seen), now) > SILENT_AFTER_MS ? 'silent' : 'active';
}

/** True while a pairing code issued for this kiosk can still be used. */
export function pairingPending(kiosk: Pick<HealthFields, 'pairingExpiresAt'>, now = new Date()) {
	return kiosk.pairingExpiresAt !== null && Date.parse(kiosk.pairingExpiresAt) > now.getTime();
}
