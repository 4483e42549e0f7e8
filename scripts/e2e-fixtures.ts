// Fixtures the browser tests need beyond the demo data, written to a JSON file they read.
// Each test that pairs a tablet gets its own kiosk: a pairing code works once, and tests must
// never share device state or each other's minimum interval.
import { writeFileSync } from 'node:fs';
import type { KioskSettings } from '../src/lib/domain/kiosk-settings';
import type { Db } from '../src/lib/server/db/index';
import * as counters from '../src/lib/server/counters';
import * as kiosks from '../src/lib/server/kiosks';
import * as units from '../src/lib/server/units';

export interface KioskFixture {
	id: string;
	name: string;
	pairingCode: string;
	unitId: string;
	unitCode: string;
	unitName: string;
	counterId: string;
	counterNumber: number;
}

export const KIOSK_FIXTURES = [
	'tap',
	'qr',
	'lowConsent',
	'lowNoConsent',
	'offline',
	'revoked',
	'idle',
	'interval',
	'detailsLow',
	'detailsEvery',
	'consentAsk',
	'staff',
	'layout',
	'builder'
] as const;
export type KioskFixtureName = (typeof KIOSK_FIXTURES)[number];

export interface E2eFixtures {
	kiosks: Record<KioskFixtureName, KioskFixture>;
}

// Short times so the tests wait seconds, not minutes (the schema allows thanks >= 2, follow-up >= 10).
const FAST: Partial<KioskSettings> = {
	thanksSeconds: 3,
	followUpSeconds: 10,
	minIntervalSeconds: 4
};

/** A commune of the city with one counter, only for the survey builder's test. */
const SURVEY_UNIT = { code: 'CT-THUPHIEU', name: 'Xã Thử Phiếu', counter: 'Quầy thử phiếu' };

// Communes of the new Cần Thơ city, where the demo's desk survey is assigned to kiosks today.
const PLAN: Record<
	KioskFixtureName,
	{ unit: string; counter: number; settings: Partial<KioskSettings> }
> = {
	tap: { unit: 'CT-TANBINH', counter: 1, settings: FAST },
	qr: { unit: 'CT-TANBINH', counter: 2, settings: FAST },
	// A long idle time: the axe checks on each follow-up take longer than 10 s on a busy machine.
	lowConsent: {
		unit: 'CT-HIEPHUNG',
		counter: 2,
		settings: { ...FAST, followUpSeconds: 120, askOfficer: true, askProcedureField: true }
	},
	lowNoConsent: { unit: 'CT-HOAAN', counter: 1, settings: { ...FAST, followUpSeconds: 120 } },
	offline: {
		unit: 'CT-PHUNGHIEP',
		counter: 1,
		settings: { thanksSeconds: 2, followUpSeconds: 10, minIntervalSeconds: 2 }
	},
	revoked: { unit: 'CT-TANBINH', counter: 3, settings: FAST },
	idle: { unit: 'CT-THANHHOA', counter: 1, settings: FAST },
	interval: {
		unit: 'CT-PHUONGBINH',
		counter: 1,
		settings: { thanksSeconds: 2, followUpSeconds: 10, minIntervalSeconds: 8 }
	},
	staff: { unit: 'CT-TANPHUOCHUNG', counter: 1, settings: { ...FAST, speech: true } },
	// Officer and field on: asked only after a low rating (the default), or after every rating.
	detailsLow: {
		unit: 'CT-HIEPHUNG',
		counter: 1,
		settings: { ...FAST, askOfficer: true, askProcedureField: true }
	},
	detailsEvery: {
		unit: 'CT-HIEPHUNG',
		counter: 1,
		settings: { ...FAST, askOfficer: true, askProcedureField: true, askDetailsAfter: 'every' }
	},
	consentAsk: { unit: 'CT-TANBINH', counter: 2, settings: { ...FAST, followUpSeconds: 120 } },
	layout: { unit: 'CT-TANBINH', counter: 1, settings: FAST },
	// The survey builder's test assigns its own survey to this commune, which nothing else uses.
	builder: { unit: SURVEY_UNIT.code, counter: 1, settings: FAST }
};

async function ensureSurveyUnit(db: Db): Promise<void> {
	const found = await db
		.selectFrom('units')
		.select('id')
		.where('code', '=', SURVEY_UNIT.code)
		.executeTakeFirst();
	if (found) return;
	const city = await db
		.selectFrom('units')
		.select('id')
		.where('code', '=', 'CT')
		.executeTakeFirstOrThrow();
	const unit = await units.create(db, {
		code: SURVEY_UNIT.code,
		name: SURVEY_UNIT.name,
		kind: 'commune',
		parentId: city.id
	});
	await counters.create(db, unit.id, { number: 1, name: SURVEY_UNIT.counter });
}

async function createKiosk(db: Db, name: KioskFixtureName): Promise<KioskFixture> {
	const plan = PLAN[name];
	const unit = await db
		.selectFrom('units')
		.select(['id', 'code', 'name'])
		.where('code', '=', plan.unit)
		.executeTakeFirstOrThrow();
	const counter = await db
		.selectFrom('counters')
		.select(['id', 'number'])
		.where('unitId', '=', unit.id)
		.where('number', '=', plan.counter)
		.executeTakeFirstOrThrow();
	const { kiosk, pairingCode } = await kiosks.create(db, {
		unitId: unit.id,
		counterId: counter.id,
		name: `Kiosk e2e ${name}`,
		settings: plan.settings
	});
	return {
		id: kiosk.id,
		name: kiosk.name,
		pairingCode,
		unitId: unit.id,
		unitCode: unit.code,
		unitName: unit.name,
		counterId: counter.id,
		counterNumber: counter.number
	};
}

export async function writeFixtures(db: Db, path: string): Promise<void> {
	await ensureSurveyUnit(db);
	const entries: [KioskFixtureName, KioskFixture][] = [];
	for (const name of KIOSK_FIXTURES) entries.push([name, await createKiosk(db, name)]);
	const fixtures: E2eFixtures = {
		kiosks: Object.fromEntries(entries) as Record<KioskFixtureName, KioskFixture>
	};
	writeFileSync(path, JSON.stringify(fixtures, null, '\t'));
}
