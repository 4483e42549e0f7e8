import { describe, expect, it } from 'vitest';
import * as units from '../../src/lib/server/units';
import { smallTree, testDb } from './helpers';

describe('unit tree', () => {
	it('answers subtree queries at any depth', async () => {
		const db = await testDb();
		const { p, d, c1, c2, p2 } = await smallTree(db);
		expect(new Set(await units.subtreeIds(db, p.id))).toEqual(new Set([p.id, d.id, c1.id, c2.id]));
		expect(new Set(await units.subtreeIds(db, d.id))).toEqual(new Set([d.id, c1.id, c2.id]));
		expect(await units.subtreeIds(db, c1.id)).toEqual([c1.id]);
		expect(await units.isWithin(db, p.id, c2.id)).toBe(true);
		expect(await units.isWithin(db, c2.id, p.id)).toBe(false);
		expect(await units.isWithin(db, p2.id, c1.id)).toBe(false);
		expect((await units.ancestors(db, c1.id)).map((u) => u.code)).toEqual(['P', 'D', 'C1']);
	});

	it('moves a subtree and refuses a cycle', async () => {
		const db = await testDb();
		const { p, d, c1, p2 } = await smallTree(db);
		await units.move(db, d.id, p2.id);
		expect(await units.isWithin(db, p.id, c1.id)).toBe(false);
		expect(await units.isWithin(db, p2.id, c1.id)).toBe(true);
		expect((await units.ancestors(db, c1.id)).map((u) => u.code)).toEqual(['P2', 'D', 'C1']);
		await expect(units.move(db, p2.id, c1.id)).rejects.toThrow(/under itself/);
	});

	it('counts merged units for their successor, through chains of merges', async () => {
		const db = await testDb();
		const { d, c1, c2, p2 } = await smallTree(db);
		const ward = await units.create(db, {
			code: 'W',
			name: 'Xã Tân Bình (mới)',
			kind: 'commune',
			parentId: p2.id,
			validFrom: '2025-07-01'
		});
		await units.mergeInto(db, c1.id, ward.id, '2025-07-01');
		const merged = await units.byId(db, c1.id);
		expect(merged?.validTo).toBe('2025-06-30');
		expect(merged?.successorId).toBe(ward.id);
		expect(new Set(await units.lineageIds(db, ward.id))).toEqual(new Set([ward.id, c1.id]));
		// the city's figures include the ward and what was merged into it, not the other commune
		expect(new Set(await units.lineageIds(db, p2.id))).toEqual(new Set([p2.id, ward.id, c1.id]));
		// a chain: the old district merged into c2, which merges later into the ward
		await units.mergeInto(db, c2.id, ward.id, '2026-01-01');
		expect(new Set(await units.lineageIds(db, ward.id))).toEqual(new Set([ward.id, c1.id, c2.id]));
		expect((await units.finalSuccessor(db, c2.id))?.code).toBe('W');
		await expect(units.mergeInto(db, ward.id, c1.id, '2027-01-01')).rejects.toThrow(/predecessor/);
		expect(d.id).toBeTruthy();
	});

	it('searches ignoring diacritics within a scope, paged', async () => {
		const db = await testDb();
		const { p, p2 } = await smallTree(db);
		const found = await units.search(db, { query: 'phung hiep', limit: 10, offset: 0 });
		expect(found.rows.map((u) => u.name)).toEqual(['Huyện Phụng Hiệp']);
		const inCity = await units.search(db, { query: 'xa', withinId: p2.id, limit: 10, offset: 0 });
		expect(inCity.total).toBe(0);
		const page = await units.search(db, { withinId: p.id, limit: 2, offset: 2 });
		expect(page.total).toBe(4);
		expect(page.rows.length).toBe(2);
	});

	it('answers a subtree of 2,101 units from the closure table', async () => {
		const db = await testDb();
		const root = await units.create(db, { code: 'R', name: 'Root', kind: 'province' });
		for (let i = 0; i < 30; i++) {
			const mid = await units.create(db, {
				code: `M${i}`,
				name: `Mid ${i}`,
				kind: 'district',
				parentId: root.id
			});
			for (let j = 0; j < 70; j++) {
				await units.create(db, {
					code: `L${i}-${j}`,
					name: `Leaf ${i} ${j}`,
					kind: 'commune',
					parentId: mid.id
				});
			}
		}
		expect((await units.subtreeIds(db, root.id)).length).toBe(1 + 30 + 30 * 70);
	});
});
