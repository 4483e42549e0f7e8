import type { KioskSettings } from '../domain/kiosk-settings';
import * as audit from './audit';
import { recorded, type AuditContext } from './audit';
import { auditAbout, renameCommand } from './command-kit';
import type { DbOrTx } from './db';
import type { Kiosk } from './db/schema';
import * as kiosks from './kiosks';

// What a manager does to a kiosk (/admin/kiosks), and a tablet's pairing: each command writes
// its change and its audit row in one transaction (never a code or token in the row).

type Place = { unitId: string; counterId: string | null };

const about = auditAbout('kiosk');

/** A new kiosk and its first pairing code, shown once. */
export function create(
	db: DbOrTx,
	input: { name: string } & Place,
	ctx: AuditContext
): Promise<{ kiosk: Kiosk; pairingCode: string }> {
	return recorded(
		db,
		ctx,
		(tx) => kiosks.create(tx, input),
		({ kiosk }) =>
			about(kiosk.id, 'kiosk.create', {
				name: kiosk.name,
				unitId: input.unitId,
				counterId: input.counterId
			})
	);
}

export const rename = renameCommand('kiosk', kiosks.rename);

/** To another unit and/or counter; kiosks.KioskError when the counter is not the unit's. */
export function move(
	db: DbOrTx,
	kiosk: Pick<Kiosk, 'id'> & Place,
	to: Place,
	ctx: AuditContext
): Promise<void> {
	return recorded(
		db,
		ctx,
		(tx) => kiosks.move(tx, kiosk.id, to),
		about(kiosk.id, 'kiosk.move', {
			from: { unitId: kiosk.unitId, counterId: kiosk.counterId },
			to: { unitId: to.unitId, counterId: to.counterId }
		})
	);
}

/** New settings; the audit row names those that changed. */
export function updateSettings(
	db: DbOrTx,
	kiosk: Pick<Kiosk, 'id' | 'settings'>,
	settings: KioskSettings,
	ctx: AuditContext
): Promise<void> {
	const before = kiosks.settingsOf(kiosk);
	const changed = Object.fromEntries(
		Object.entries(settings).filter(([key, value]) => before[key as keyof typeof before] !== value)
	);
	return recorded(
		db,
		ctx,
		(tx) => kiosks.updateSettings(tx, kiosk.id, settings),
		about(kiosk.id, 'kiosk.settings', { changed })
	);
}

/** A fresh pairing code (re-pair); the current token keeps working until a tablet uses it. */
export function repair(db: DbOrTx, kioskId: string, ctx: AuditContext, now = new Date()) {
	return recorded(
		db,
		ctx,
		(tx) => kiosks.issuePairingCode(tx, kioskId, now),
		about(kioskId, 'kiosk.repair')
	);
}

export function revoke(db: DbOrTx, kioskId: string, ctx: AuditContext): Promise<void> {
	return recorded(db, ctx, (tx) => kiosks.revoke(tx, kioskId), about(kioskId, 'kiosk.revoke'));
}

/**
 * A tablet's pairing (POST /api/v1/kiosk/pair): the code exchanged for a token (kiosks.pair),
 * then the audit row, with no actor (the tablet is not signed in). Null for a wrong code.
 */
export async function pair(
	db: DbOrTx,
	code: string,
	request: { ip: string; requestId?: string | null }
): Promise<{ kiosk: Kiosk; token: string } | null> {
	const paired = await kiosks.pair(db, code);
	if (paired) {
		await audit.record(db, { ...about(paired.kiosk.id, 'kiosk.pair'), ...request });
	}
	return paired;
}
