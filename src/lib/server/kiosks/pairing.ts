import type { DbOrTx } from '../db';
import type { Kiosk } from '../db/schema';
import { newId, newToken, nowIso } from '../ids';
import { DEFAULT_KIOSK_SETTINGS, type KioskSettings } from '../../domain/kiosk-settings';
import { normalizeText } from '../../domain/text';
import { newPairingCode, normalizePairingCode, pairingCodeHash } from '../pairing-code';
import { forgetCachedKiosks, hashOf } from './tokens';

// A kiosk is created with a one-time pairing code; a tablet exchanges the code for its token.

/** A pairing code is valid this long after it is issued, and for one pairing only. */
export const PAIRING_TTL_MS = 72 * 60 * 60 * 1000;

/** A new kiosk's state: no tablet has paired with it or reported from it yet. */
export const NOT_YET_SEEN = {
	lastSeenAt: null,
	lastSubmissionAt: null,
	queueLength: null,
	appVersion: null,
	pairedAt: null,
	revokedAt: null
} as const satisfies Partial<Kiosk>;

export interface CreateKioskInput {
	unitId: string;
	counterId?: string | null;
	name: string;
	settings?: Partial<KioskSettings>;
}

export async function create(
	db: DbOrTx,
	input: CreateKioskInput,
	now = new Date()
): Promise<{ kiosk: Kiosk; pairingCode: string }> {
	const pairingCode = newPairingCode();
	const kiosk: Kiosk = {
		id: newId(),
		unitId: input.unitId,
		counterId: input.counterId ?? null,
		name: normalizeText(input.name),
		tokenHash: null,
		pairingCodeHash: pairingCodeHash(pairingCode),
		pairingExpiresAt: new Date(now.getTime() + PAIRING_TTL_MS).toISOString(),
		settings: JSON.stringify({ ...DEFAULT_KIOSK_SETTINGS, ...input.settings }),
		...NOT_YET_SEEN,
		createdAt: nowIso(now),
		updatedAt: nowIso(now)
	};
	await db.insertInto('kiosks').values(kiosk).execute();
	return { kiosk, pairingCode };
}

/** Issues a fresh pairing code (re-pair); the current token keeps working until it is used. */
export async function issuePairingCode(db: DbOrTx, kioskId: string, now = new Date()) {
	const pairingCode = newPairingCode();
	await db
		.updateTable('kiosks')
		.set({
			pairingCodeHash: pairingCodeHash(pairingCode),
			pairingExpiresAt: new Date(now.getTime() + PAIRING_TTL_MS).toISOString(),
			updatedAt: nowIso(now)
		})
		.where('id', '=', kioskId)
		.execute();
	return pairingCode;
}

/**
 * Exchanges a pairing code for a long-lived device token. The code is spent, the previous token
 * (if any) stops working, and a revoked kiosk becomes active again: pairing is the admin's act.
 */
export async function pair(
	db: DbOrTx,
	code: string,
	now = new Date()
): Promise<{ kiosk: Kiosk; token: string } | null> {
	forgetCachedKiosks();
	const normalized = normalizePairingCode(code);
	if (!/^[0-9A-Z]{8}$/.test(normalized)) return null;
	const kiosk = await db
		.selectFrom('kiosks')
		.selectAll()
		.where('pairingCodeHash', '=', hashOf(normalized))
		.executeTakeFirst();
	if (!kiosk || !kiosk.pairingExpiresAt || Date.parse(kiosk.pairingExpiresAt) <= now.getTime()) {
		return null;
	}
	const token = `k_${newToken()}`;
	const changes = {
		tokenHash: hashOf(token),
		pairingCodeHash: null,
		pairingExpiresAt: null,
		pairedAt: nowIso(now),
		revokedAt: null,
		lastSeenAt: nowIso(now),
		updatedAt: nowIso(now)
	};
	// The where on the code hash makes a race between two tablets give the code to one only.
	const result = await db
		.updateTable('kiosks')
		.set(changes)
		.where('id', '=', kiosk.id)
		.where('pairingCodeHash', '=', hashOf(normalized))
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) return null;
	return { kiosk: { ...kiosk, ...changes }, token };
}
