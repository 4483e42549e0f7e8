import { randomBytes } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { DbOrTx } from './db';
import type { Kiosk } from './db/schema';
import { newId, newToken, nowIso } from './ids';
import {
	DEFAULT_KIOSK_SETTINGS,
	readKioskSettings,
	type KioskSettings
} from '../domain/kiosk-settings';
import { normalizeText } from '../domain/text';

/** A pairing code is valid this long after it is issued, and for one pairing only. */
export const PAIRING_TTL_MS = 72 * 60 * 60 * 1000;
// Crockford-style alphabet: no I, L, O, U, so a code read aloud or typed on a tablet is unambiguous.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const hashOf = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

/** 'abcd-2345' and 'ABCD2345' are the same code. */
export function normalizePairingCode(code: string): string {
	return code
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
}

function newPairingCode(): string {
	const bytes = randomBytes(8);
	const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('');
	return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

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
		pairingCodeHash: hashOf(normalizePairingCode(pairingCode)),
		pairingExpiresAt: new Date(now.getTime() + PAIRING_TTL_MS).toISOString(),
		settings: JSON.stringify({ ...DEFAULT_KIOSK_SETTINGS, ...input.settings }),
		lastSeenAt: null,
		lastSubmissionAt: null,
		queueLength: null,
		appVersion: null,
		pairedAt: null,
		revokedAt: null,
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
			pairingCodeHash: hashOf(normalizePairingCode(pairingCode)),
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

export async function byToken(db: DbOrTx, token: string): Promise<Kiosk | undefined> {
	return db
		.selectFrom('kiosks')
		.selectAll()
		.where('tokenHash', '=', hashOf(token))
		.executeTakeFirst();
}

export async function byId(db: DbOrTx, id: string): Promise<Kiosk | undefined> {
	return db.selectFrom('kiosks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revoke(db: DbOrTx, kioskId: string, now = new Date()): Promise<void> {
	await db
		.updateTable('kiosks')
		.set({ revokedAt: nowIso(now), pairingCodeHash: null, pairingExpiresAt: null, updatedAt: nowIso(now) })
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
		.set({ lastSeenAt: nowIso(now), queueLength: report.queueLength, appVersion: report.appVersion })
		.where('id', '=', kioskId)
		.execute();
}

export function settingsOf(kiosk: Pick<Kiosk, 'settings'>): KioskSettings {
	return readKioskSettings(kiosk.settings);
}
