import { describe, expect, it } from 'vitest';
import * as counters from '../../src/lib/server/counters';
import { ensureDemoLinks } from '../../src/lib/server/demo/links';
import * as units from '../../src/lib/server/units';
import { smallTree, testDb } from './helpers';

describe('ensureDemoLinks', () => {
	it('makes one phone link per active counter of the units in force, once', async () => {
		const db = await testDb();
		const tree = await smallTree(db);
		const closed = await units.create(db, {
			code: 'OLD',
			name: 'Xã Tân Bình',
			kind: 'commune',
			parentId: tree.d.id,
			validTo: '2025-06-30'
		});
		const open1 = await counters.create(db, tree.c1.id, { number: 1, name: 'Quầy 1' });
		await counters.create(db, tree.c1.id, { number: 2, name: 'Quầy 2' });
		const idle = await counters.create(db, tree.c2.id, { number: 1, name: 'Quầy 1' });
		await counters.setActive(db, idle.id, false);
		await counters.create(db, closed.id, { number: 1, name: 'Quầy 1' });

		const first = await ensureDemoLinks(db, '2026-12-06');
		expect(first.map((l) => [l.unitCode, l.counterName])).toEqual([
			['C1', 'Quầy 1'],
			['C1', 'Quầy 2']
		]);
		expect(first[0].code).toMatch(/^[a-z2-7]{8}$/);
		const stored = await db
			.selectFrom('webLinks')
			.select(['code', 'counterId'])
			.where('counterId', '=', open1.id)
			.execute();
		expect(stored).toEqual([{ code: first[0].code, counterId: open1.id }]);

		// A second start of the demo keeps the links (posters already printed stay valid).
		const again = await ensureDemoLinks(db, '2026-12-06');
		expect(again.map((l) => l.code)).toEqual(first.map((l) => l.code));
		const all = await db.selectFrom('webLinks').select('code').execute();
		expect(all).toHaveLength(2);
		await db.destroy();
	});
});
