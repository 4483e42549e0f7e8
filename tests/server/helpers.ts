import { openMigrated, type Db } from '../../src/lib/server/db/index';
import * as units from '../../src/lib/server/units';

/** A fresh in-memory database built by the real migrations. */
export function testDb(): Promise<Db> {
	return openMigrated(':memory:');
}

/** province P > district D > communes C1, C2; and P2 standing alone. */
export async function smallTree(db: Db) {
	const p = await units.create(db, { code: 'P', name: 'Tỉnh Hậu Giang', kind: 'province' });
	const d = await units.create(db, {
		code: 'D',
		name: 'Huyện Phụng Hiệp',
		kind: 'district',
		parentId: p.id
	});
	const c1 = await units.create(db, { code: 'C1', name: 'Xã Tân Bình', kind: 'commune', parentId: d.id });
	const c2 = await units.create(db, { code: 'C2', name: 'Xã Hòa An', kind: 'commune', parentId: d.id });
	const p2 = await units.create(db, { code: 'P2', name: 'Thành phố Cần Thơ', kind: 'city' });
	return { p, d, c1, c2, p2 };
}
