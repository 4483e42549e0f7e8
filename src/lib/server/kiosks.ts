// Over 300 lines: pairing, the token cache and the admin list share the one kiosks table and the
// token cache's invalidation (recent.clear()); a split waits for the cache to move to its own module.
import { createHash } from 'node:crypto';
import type { Db, DbOrTx } from './db';
import { getRow } from './db/prepared';
import type { Kiosk } from './db/schema';
import { newId, newToken, nowIso } from './ids';
import {
	DEFAULT_KIOSK_SETTINGS,
	readKioskSettings,
	type KioskSettings
} from '../domain/kiosk-settings';
import { foldForSearch, normalizeText } from '../domain/text';
import { vietnamToday } from '../domain/time';
import { WEEKDAYS, type WorkCalendar } from '../domain/work-calendar';
import { kioskStatus, pairingPending, type KioskStatus } from './kiosk-health';
import { newPairingCode, normalizePairingCode, pairingCodeHash } from './pairing-code';

/** A pairing code is valid this long after it is issued, and for one pairing only. */
export const PAIRING_TTL_MS = 72 * 60 * 60 * 1000;
const hashOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

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
	recent.clear();
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

const KIOSK_BY_TOKEN = `SELECT id, unit_id AS "unitId", counter_id AS "counterId", name,
	token_hash AS "tokenHash", pairing_code_hash AS "pairingCodeHash",
	pairing_expires_at AS "pairingExpiresAt", settings, last_seen_at AS "lastSeenAt",
	last_submission_at AS "lastSubmissionAt", queue_length AS "queueLength",
	app_version AS "appVersion", paired_at AS "pairedAt", revoked_at AS "revokedAt",
	created_at AS "createdAt", updated_at AS "updatedAt"
	FROM kiosks WHERE token_hash = ?`;

/** The kiosk a device token belongs to (a prepared read: db/prepared.ts). */
export async function byToken(db: Db, token: string): Promise<Kiosk | undefined> {
	return getRow<Kiosk>(db, KIOSK_BY_TOKEN, hashOf(token));
}

/**
 * Kiosk rows by device token are kept KIOSK_CACHE_MS in each process: every request of a device
 * reads its row, and on a busy server each read found SQLite's page cache emptied by the answer
 * writer's latest commit (about 45 µs a read, profiled). What the cache could let through is
 * closed where it matters: the answer writer checks in its batch that the token is still the
 * kiosk's and the kiosk is not revoked (ingest/batch.ts), so no answer is stored once a
 * revocation or a new pairing has committed. A moved kiosk's answers and its other requests
 * follow the move within KIOSK_CACHE_MS; a revocation or pairing in this process clears it.
 */
export const KIOSK_CACHE_MS = 2_000;
const MAX_CACHED = 20_000;
const recent = new Map<string, { db: Db; kiosk: Kiosk; until: number }>();

/** byToken, through the per-process cache above. */
export async function byTokenRecent(
	db: Db,
	token: string,
	now = Date.now()
): Promise<Kiosk | undefined> {
	const hash = hashOf(token);
	const hit = recent.get(hash);
	if (hit && hit.db === db && hit.until > now) return hit.kiosk;
	const kiosk = await getRow<Kiosk>(db, KIOSK_BY_TOKEN, hash);
	if (kiosk) {
		if (recent.size >= MAX_CACHED) recent.clear();
		recent.set(hash, { db, kiosk, until: now + KIOSK_CACHE_MS });
	} else {
		recent.delete(hash);
	}
	return kiosk;
}

export async function byId(db: DbOrTx, id: string): Promise<Kiosk | undefined> {
	return db.selectFrom('kiosks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revoke(db: DbOrTx, kioskId: string, now = new Date()): Promise<void> {
	recent.clear();
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

export function settingsOf(kiosk: Pick<Kiosk, 'settings'>): KioskSettings {
	return readKioskSettings(kiosk.settings);
}

// ---------------------------------------------------------------------------------------------
// Administration: the list with health, details, rename, move, settings.

export class KioskError extends Error {
	constructor(
		readonly code: 'counter_not_in_unit' | 'not_found',
		message: string
	) {
		super(message);
	}
}

export interface KioskListQuery {
	/** Matched against the kiosk name, the unit name and code, ignoring diacritics. */
	query?: string;
	/** Restrict to this unit subtree (the caller's scope); null or absent for everything. */
	withinId?: string | null;
	status?: KioskStatus | null;
	limit: number;
	offset: number;
}

/** A kiosk as the administration shows it: where it is and how it is doing; no secrets. */
export interface KioskRow {
	id: string;
	name: string;
	unitId: string;
	unitName: string;
	unitCode: string;
	/** The unit's last valid day; null while it is in force. */
	unitValidTo: string | null;
	counterId: string | null;
	counterNumber: number | null;
	counterName: string | null;
	status: KioskStatus;
	lastSeenAt: string | null;
	lastSubmissionAt: string | null;
	queueLength: number | null;
	appVersion: string | null;
	pairedAt: string | null;
	revokedAt: string | null;
	/** Set while a pairing code issued for this kiosk is still usable. */
	pairingExpiresAt: string | null;
	createdAt: string;
}

function rowsQuery(db: DbOrTx, withinId: string | null | undefined) {
	return db
		.selectFrom('kiosks')
		.innerJoin('units', 'units.id', 'kiosks.unitId')
		.leftJoin('counters', 'counters.id', 'kiosks.counterId')
		.$if(Boolean(withinId), (qb) =>
			qb.where('kiosks.unitId', 'in', (eb) =>
				eb
					.selectFrom('unitClosure')
					.select('unitClosure.descendantId')
					.where('unitClosure.ancestorId', '=', withinId!)
			)
		);
}

const ROW_COLUMNS = [
	'kiosks.id',
	'kiosks.name',
	'kiosks.unitId',
	'units.name as unitName',
	'units.code as unitCode',
	'units.validTo as unitValidTo',
	'units.searchText as unitSearchText',
	'kiosks.counterId',
	'counters.number as counterNumber',
	'counters.name as counterName',
	'kiosks.tokenHash',
	'kiosks.lastSeenAt',
	'kiosks.lastSubmissionAt',
	'kiosks.queueLength',
	'kiosks.appVersion',
	'kiosks.pairedAt',
	'kiosks.revokedAt',
	'kiosks.pairingExpiresAt',
	'kiosks.createdAt'
] as const;

type RawRow = {
	id: string;
	name: string;
	unitId: string;
	unitName: string;
	unitCode: string;
	unitValidTo: string | null;
	unitSearchText: string;
	counterId: string | null;
	counterNumber: number | null;
	counterName: string | null;
	tokenHash: string | null;
	lastSeenAt: string | null;
	lastSubmissionAt: string | null;
	queueLength: number | null;
	appVersion: string | null;
	pairedAt: string | null;
	revokedAt: string | null;
	pairingExpiresAt: string | null;
	createdAt: string;
};

/** Field by field, so the token hash never leaves this module. */
function toRow(raw: RawRow, now: Date, calendar: WorkCalendar): KioskRow {
	return {
		id: raw.id,
		name: raw.name,
		unitId: raw.unitId,
		unitName: raw.unitName,
		unitCode: raw.unitCode,
		unitValidTo: raw.unitValidTo,
		counterId: raw.counterId,
		counterNumber: raw.counterNumber === null ? null : Number(raw.counterNumber),
		counterName: raw.counterName,
		status: kioskStatus(raw, now, calendar),
		lastSeenAt: raw.lastSeenAt,
		lastSubmissionAt: raw.lastSubmissionAt,
		queueLength: raw.queueLength === null ? null : Number(raw.queueLength),
		appVersion: raw.appVersion,
		pairedAt: raw.pairedAt,
		revokedAt: raw.revokedAt,
		pairingExpiresAt: pairingPending(raw, now) ? raw.pairingExpiresAt : null,
		createdAt: raw.createdAt
	};
}

/**
 * The kiosks of a scope, paged. Without a search or a status filter the database pages; with
 * one, the scope's rows are filtered here, because kiosk names have no folded search column
 * (a province has a few hundred kiosks) and "silent" depends on working hours, not on SQL.
 */
export async function list(
	db: DbOrTx,
	q: KioskListQuery,
	now = new Date(),
	calendar: WorkCalendar = WEEKDAYS
): Promise<{ rows: KioskRow[]; total: number }> {
	const base = rowsQuery(db, q.withinId);
	const today = vietnamToday(now);
	// Kiosks of units closed by a merger come after those in force (issue 14: they came first).
	const ordered = base
		.select([...ROW_COLUMNS])
		.orderBy((eb) =>
			eb
				.case()
				.when(eb.and([eb('units.validTo', 'is not', null), eb('units.validTo', '<', today)]))
				.then(1)
				.else(0)
				.end()
		)
		.orderBy('units.name')
		.orderBy('units.code')
		.orderBy('kiosks.name')
		.orderBy('kiosks.id');
	const needle = q.query ? foldForSearch(q.query) : '';
	if (!needle && !q.status) {
		const total = await base
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.executeTakeFirst();
		const raw = await ordered.limit(q.limit).offset(q.offset).execute();
		return { rows: raw.map((r) => toRow(r, now, calendar)), total: Number(total?.n ?? 0) };
	}
	const matching = (await ordered.execute())
		.filter((r) => !needle || foldForSearch(`${r.name} ${r.unitSearchText}`).includes(needle))
		.map((r) => toRow(r, now, calendar))
		.filter((r) => !q.status || r.status === q.status);
	return { rows: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
}

export interface KioskDetail extends KioskRow {
	settings: KioskSettings;
}

export async function detail(
	db: DbOrTx,
	id: string,
	now = new Date(),
	calendar: WorkCalendar = WEEKDAYS
): Promise<KioskDetail | undefined> {
	const raw = await rowsQuery(db, null)
		.select([...ROW_COLUMNS, 'kiosks.settings'])
		.where('kiosks.id', '=', id)
		.executeTakeFirst();
	if (!raw) return undefined;
	const { settings, ...rest } = raw;
	return { ...toRow(rest, now, calendar), settings: readKioskSettings(settings) };
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
	recent.clear();
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
	recent.clear();
	await db
		.updateTable('kiosks')
		.set({ settings: JSON.stringify(settings), updatedAt: nowIso(now) })
		.where('id', '=', kioskId)
		.execute();
}
