import type { DbOrTx } from '../db';
import type { Kiosk } from '../db/schema';
import { nowIso } from '../ids';
import { readKioskSettings, type KioskSettings } from '../../domain/kiosk-settings';
import { normalizeText } from '../../domain/text';
import { forgetCachedKiosks } from './tokens';

// One kiosk's row: read it, and the changes an administrator or the tablet makes to it. A
// change that alters what a token may do (revoke, move, settings) empties the token cache.

export class KioskError extends Error {
	constructor(
		readonly code: 'counter_not_in_unit' | 'not_found',
		message: string
	) {
		super(message);
	}
}

export async function byId(db: DbOrTx, id: string): Promise<Kiosk | undefined> {
	return db.selectFrom('kiosks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function settingsOf(kiosk: Pick<Kiosk, 'settings'>): KioskSettings {
	return readKioskSettings(kiosk.settings);
}

export async function revoke(db: DbOrTx, kioskId: string, now = new Date()): Promise<void> {
	forgetCachedKiosks();
	await db
		.updateTable('kiosks')
		.set({
			revokedAt: nowIso(now),
			pairingCodeHash: null,
			pairingExpiresAt: null,
			updatedAt: nowIso(now)
		})
		.where('id', '=', kioskId)
		.execute();
}

export async function heartbeat(
	db: DbOrTx,
	kioskId: string,
	report: { queueLength: number; appVersion: string },
	now = new Date()
): Promise<void> {
	await db
		.updateTable('kiosks')
		.set({
			lastSeenAt: nowIso(now),
			queueLength: report.queueLength,
			appVersion: report.appVersion
		})
		.where('id', '=', kioskId)
		.execute();
}

export async function rename(db: DbOrTx, kioskId: string, name: string, now = new Date()) {
	await db
		.updateTable('kiosks')
		.set({ name: normalizeText(name), updatedAt: nowIso(now) })
		.where('id', '=', kioskId)
		.execute();
}

/** Moves a kiosk to another unit and/or counter; the counter must belong to the unit. */
export async function move(
	db: DbOrTx,
	kioskId: string,
	to: { unitId: string; counterId: string | null },
	now = new Date()
): Promise<void> {
	forgetCachedKiosks();
	if (to.counterId) {
		const counter = await db
			.selectFrom('counters')
			.select('unitId')
			.where('id', '=', to.counterId)
			.executeTakeFirst();
		if (!counter || counter.unitId !== to.unitId) {
			throw new KioskError('counter_not_in_unit', 'The counter does not belong to that unit');
		}
	}
	await db
		.updateTable('kiosks')
		.set({ unitId: to.unitId, counterId: to.counterId, updatedAt: nowIso(now) })
		.where('id', '=', kioskId)
		.execute();
}

/** Stores settings already validated with kioskSettingsSchema; the tablet reads them on sync. */
export async function updateSettings(
	db: DbOrTx,
	kioskId: string,
	settings: KioskSettings,
	now = new Date()
): Promise<void> {
	forgetCachedKiosks();
	await db
		.updateTable('kiosks')
		.set({ settings: JSON.stringify(settings), updatedAt: nowIso(now) })
		.where('id', '=', kioskId)
		.execute();
}
