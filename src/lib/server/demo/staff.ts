import type { Insertable } from 'kysely';
import type { CountersTable, KiosksTable, OfficersTable } from '../db/schema';
import { DEFAULT_KIOSK_SETTINGS, type KioskSettings } from '../../domain/kiosk-settings';
import { NOT_YET_SEEN } from '../kiosks/pairing';
import { foldForSearch } from '../../domain/text';
import {
	DESK_ROLES,
	OLD_COMMUNES,
	UNHAPPY_COUNTERS,
	type DemoPlace,
	type NewPlace
} from './places';
import { fullName } from './names';
import { Rng, demoId } from './random';

export interface DemoCounter {
	id: string;
	number: number;
	kioskId: string;
	/** Procedure field codes handled here. */
	fields: string[];
	officers: { id: string; role: number }[];
	/** Share of "Không hài lòng" at a counter with a problem; null for an ordinary one. */
	dissatisfied: number | null;
}

export interface DemoStaff {
	counters: DemoCounter[];
	settings: KioskSettings;
	rows: {
		counters: Insertable<CountersTable>[];
		officers: Insertable<OfficersTable>[];
		kiosks: Insertable<KiosksTable>[];
	};
}

function isMerged(place: DemoPlace | NewPlace): place is NewPlace {
	return 'predecessors' in place;
}

/**
 * The desks ask residents for the officer and the procedure field (the demo's figures by officer
 * and field need them); desks that do not open on Saturday say so, for the office-hours flag.
 */
export function kioskSettings(place: DemoPlace): KioskSettings {
	return {
		...DEFAULT_KIOSK_SETTINGS,
		askOfficer: true,
		askProcedureField: true,
		saturdayOpen: place.saturday
	};
}

/** How many counters and officers a unit has; merged communes run bigger desks. */
function shape(place: DemoPlace | NewPlace): { nCounters: number; nOfficers: number } {
	const rng = new Rng(`${place.code}|staff`);
	const nCounters = isMerged(place) ? rng.int(3, 4) : rng.int(2, 4);
	return { nCounters, nOfficers: rng.int(Math.max(3, nCounters), 6) };
}

/** Officer names of a unit, drawn from the unit code alone so that they never change. */
function officerNames(place: DemoPlace, count: number): string[] {
	const rng = new Rng(`${place.code}|officers`);
	const names = new Set<string>();
	while (names.size < count) names.add(fullName(rng));
	return [...names];
}

/**
 * Counters, officers and kiosks of one unit, derived from its code: the same rows (and ids)
 * every time, so a later run that extends the demo finds the counters it refers to.
 * A merged commune is staffed mostly by officers of the communes it absorbed, as happened.
 */
export function buildStaff(
	place: DemoPlace | NewPlace,
	unitId: string,
	createdAt: string
): DemoStaff {
	const { nCounters, nOfficers } = shape(place);
	let names: string[];
	if (isMerged(place)) {
		const pool = place.predecessors.flatMap((code) => {
			const old = OLD_COMMUNES.find((o) => o.code === code)!;
			return officerNames(old, shape(old).nOfficers);
		});
		// Two communes may have had namesakes; one of them moved elsewhere.
		const unique = [...new Set(pool)];
		names = new Rng(`${place.code}|transfers`).shuffle(unique).slice(0, nOfficers);
		// A single-predecessor commune may need more officers than it had.
		for (const extra of officerNames(place, nOfficers)) {
			if (names.length >= nOfficers) break;
			if (!names.includes(extra)) names.push(extra);
		}
	} else {
		names = officerNames(place, nOfficers);
	}

	const settings = kioskSettings(place);
	const counters: DemoCounter[] = [];
	const rows: DemoStaff['rows'] = { counters: [], officers: [], kiosks: [] };
	for (let i = 0; i < nCounters; i++) {
		const number = i + 1;
		const id = demoId('counter', place.code, number);
		const fields = DESK_ROLES.filter((_, r) => r % nCounters === i).flatMap((r) => r.fields);
		const problem = UNHAPPY_COUNTERS.find((u) => u.unit === place.code && u.counter === number);
		const kioskId = demoId('kiosk', place.code, number);
		counters.push({
			id,
			number,
			kioskId,
			fields,
			officers: [],
			dissatisfied: problem?.dissatisfied ?? null
		});
		rows.counters.push({
			id,
			unitId,
			number,
			name: `Quầy ${number}`,
			createdAt,
			updatedAt: createdAt
		});
		rows.kiosks.push({
			id: kioskId,
			unitId,
			counterId: id,
			name: `Kiosk quầy ${number}`,
			tokenHash: null,
			pairingCodeHash: null,
			pairingExpiresAt: null,
			settings: JSON.stringify(settings),
			...NOT_YET_SEEN,
			createdAt,
			updatedAt: createdAt
		});
	}
	names.forEach((name, k) => {
		// Officer k takes role k (then round again); the role decides the counter and the title.
		const role = k % DESK_ROLES.length;
		const counter = counters[role % nCounters];
		const id = demoId('officer', place.code, k + 1);
		counter.officers.push({ id, role });
		rows.officers.push({
			id,
			unitId,
			counterId: counter.id,
			fullName: name,
			searchText: foldForSearch(name),
			title: DESK_ROLES[role].title,
			photoMime: null,
			photo: null,
			createdAt,
			updatedAt: createdAt
		});
	});
	return { counters, settings, rows };
}
