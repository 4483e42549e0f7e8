import type { DbOrTx } from '../db';
import type { Kiosk } from '../db/schema';
import { readKioskSettings, type KioskSettings } from '../../domain/kiosk-settings';
import { foldForSearch } from '../../domain/text';
import { vietnamToday } from '../../domain/time';
import { WEEKDAYS, type WorkCalendar } from '../../domain/work-calendar';
import { kioskStatus, pairingPending, type KioskStatus } from '../kiosk-health';

// The administration's view of kiosks: the list with health, and one kiosk's details.

export interface KioskListQuery {
	/** Matched against the kiosk name, the unit name and code, ignoring diacritics. */
	query?: string;
	/** Restrict to this unit subtree (the caller's scope); null or absent for everything. */
	withinId?: string | null;
	status?: KioskStatus | null;
	limit: number;
	offset: number;
}

/**
 * A kiosk as the administration shows it: where it is and how it is doing; no secrets.
 * `pairingExpiresAt` is set only while a code issued for it is still usable.
 */
export interface KioskRow extends Pick<
	Kiosk,
	| 'id'
	| 'name'
	| 'unitId'
	| 'counterId'
	| 'lastSeenAt'
	| 'lastSubmissionAt'
	| 'queueLength'
	| 'appVersion'
	| 'pairedAt'
	| 'revokedAt'
	| 'pairingExpiresAt'
	| 'createdAt'
> {
	unitName: string;
	unitCode: string;
	/** The unit's last valid day; null while it is in force. */
	unitValidTo: string | null;
	counterNumber: number | null;
	counterName: string | null;
	status: KioskStatus;
}

/** A row as selected: the status is not yet worked out, the token hash is still there. */
type RawRow = Omit<KioskRow, 'status'> & { unitSearchText: string; tokenHash: string | null };

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
