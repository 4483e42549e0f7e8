import type { DbOrTx } from './db';
import type { Kiosk } from './db/schema';
import * as kiosks from './kiosks';
import * as surveys from './surveys';
import type { KioskConfig } from '../domain/kiosk-config';
import { initials } from '../domain/text';
import { vietnamToday } from '../domain/time';

export type { KioskConfig };

/** A paired tablet's configuration, read for its kiosk (GET /api/v1/kiosk/config). */
export async function kioskConfig(
	db: DbOrTx,
	kiosk: Kiosk,
	now = new Date()
): Promise<KioskConfig> {
	const [unit, counter, survey, officers, fields] = await Promise.all([
		db
			.selectFrom('units')
			.select(['code', 'name'])
			.where('id', '=', kiosk.unitId)
			.executeTakeFirstOrThrow(),
		kiosk.counterId
			? db
					.selectFrom('counters')
					.select(['number', 'name'])
					.where('id', '=', kiosk.counterId)
					.executeTakeFirst()
			: Promise.resolve(undefined),
		surveys.versionInForce(db, kiosk.unitId, 'kiosk', vietnamToday(now)),
		db
			.selectFrom('officers')
			.leftJoin('counters', 'counters.id', 'officers.counterId')
			.select([
				'officers.id',
				'officers.fullName',
				'officers.title',
				'counters.number as counterNumber'
			])
			.where('officers.unitId', '=', kiosk.unitId)
			.where('officers.active', '=', 1)
			.orderBy('counters.number')
			.orderBy('officers.fullName')
			.execute(),
		db
			.selectFrom('procedureFields')
			.select(['id', 'nameVi', 'nameEn'])
			.where('active', '=', 1)
			.orderBy('nameVi')
			.execute()
	]);
	return {
		kiosk: { id: kiosk.id, name: kiosk.name, settings: kiosks.settingsOf(kiosk) },
		unit,
		counter: counter ?? null,
		survey: survey
			? { versionId: survey.id, version: survey.version, definition: survey.definition }
			: null,
		officers: officers.map((o) => ({ ...o, initials: initials(o.fullName) })),
		procedureFields: fields,
		serverTime: now.toISOString()
	};
}
