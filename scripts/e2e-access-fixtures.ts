// Users of every kind the access-matrix browser test signs in as, all with the e2e password.
// "own" users are bound to the new commune Tân Bình, "other" ones to Hòa An.
import { writeFileSync } from 'node:fs';
import type { Db } from '../src/lib/server/db/index';
import * as units from '../src/lib/server/units';
import * as users from '../src/lib/server/users';

export const ACCESS_USERS = {
	viewerOwn: { username: 'e2e.viewer.own', role: 'viewer', unit: 'CT-TANBINH' },
	managerOwn: { username: 'e2e.manager.own', role: 'manager', unit: 'CT-TANBINH' },
	viewerOther: { username: 'e2e.viewer.other', role: 'viewer', unit: 'CT-HOAAN' },
	managerOther: { username: 'e2e.manager.other', role: 'manager', unit: 'CT-HOAAN' }
} as const;

export async function writeAccessFixtures(db: Db, password: string, path: string): Promise<void> {
	const own = await units.byCode(db, 'CT-TANBINH');
	const other = await units.byCode(db, 'CT-HOAAN');
	if (!own || !other) throw new Error('demo units CT-TANBINH and CT-HOAAN are missing');
	for (const u of Object.values(ACCESS_USERS)) {
		const unit = u.unit === 'CT-TANBINH' ? own : other;
		await users.create(db, { username: u.username, role: u.role, unitId: unit.id, password });
	}
	const ownCounter = await db
		.selectFrom('counters')
		.select('id')
		.where('unitId', '=', own.id)
		.orderBy('number')
		.executeTakeFirstOrThrow();
	const ownKiosk = await db
		.selectFrom('kiosks')
		.select('id')
		.where('unitId', '=', own.id)
		.executeTakeFirstOrThrow();
	const ownOfficer = await db
		.selectFrom('officers')
		.select('id')
		.where('unitId', '=', own.id)
		.executeTakeFirstOrThrow();
	const ownCase = await db
		.selectFrom('followUpCases')
		.select('id')
		.where('unitId', 'in', await units.lineageIds(db, own.id))
		.executeTakeFirst();
	writeFileSync(
		path,
		JSON.stringify(
			{
				users: ACCESS_USERS,
				own: {
					unitId: own.id,
					counterId: ownCounter.id,
					kioskId: ownKiosk.id,
					officerId: ownOfficer.id,
					caseId: ownCase?.id ?? null
				},
				other: { unitId: other.id }
			},
			null,
			'\t'
		)
	);
}
