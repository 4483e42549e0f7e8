import { describe, expect, it } from 'vitest';
import * as units from '../../src/lib/server/units';
import { smallTree, testDb } from './helpers';

const person = (role: SessionUser['role'], unitId: string | null) => ({ role, unitId });

describe('unit administration', () => {
	it('lists the tree depth first, siblings by name, paged, within a scope', async () => {
		const db = await testDb();
		const { p, d, c1, c2, p2 } = await smallTree(db);
		const all = await units.outline(db);
		expect(all.map((n) => [n.code, n.depth, n.childCount])).toEqual([
			['P2', 0, 0],
			['P', 0, 1],
			['D', 1, 2],
			['C2', 2, 0],
			['C1', 2, 0]
		]);
		// Thành phố < Tỉnh; under D, "Xã Hòa An" < "Xã Tân Bình" in Vietnamese order.
		expect(all[3].id).toBe(c2.id);

		const scoped = await units.outline(db, d.id);
		expect(scoped.map((n) => [n.code, n.depth])).toEqual([
			['D', 0],
			['C2', 1],
			['C1', 1]
		]);

		const page = await units.treePage(db, { limit: 2, offset: 2 });
		expect(page.total).toBe(5);
		expect(page.rows.map((r) => [r.unit.id, r.depth])).toEqual([
			[d.id, 1],
			[c2.id, 2]
		]);
		const past = await units.treePage(db, { withinId: c1.id, limit: 10, offset: 10 });
		expect(past).toEqual({ rows: [], total: 1 });
		expect((await units.namesByIds(db, [p.id, p2.id, p.id])).get(p2.id)).toBe('Thành phố Cần Thơ');
	});

	it('pages the children of a unit', async () => {
		const db = await testDb();
		const { d } = await smallTree(db);
		const first = await units.childrenPage(db, d.id, { limit: 1, offset: 0 });
		expect(first.total).toBe(2);
		expect(first.rows.map((u) => u.code)).toEqual(['C2']);
		const second = await units.childrenPage(db, d.id, { limit: 1, offset: 1 });
		expect(second.rows.map((u) => u.code)).toEqual(['C1']);
		const found = await units.childrenPage(db, d.id, { query: 'hoa an', limit: 5, offset: 0 });
		expect(found).toMatchObject({ total: 1, rows: [{ code: 'C2' }] });
	});

	it('renames a unit and finds it by the new name without diacritics', async () => {
		const db = await testDb();
		const { c1 } = await smallTree(db);
		await units.rename(db, c1.id, '  Phường Tân Bình  ');
		const row = await units.byId(db, c1.id);
		expect(row?.name).toBe('Phường Tân Bình');
		expect(row?.code).toBe('C1');
		expect(row?.searchText).toBe('c1 phuong tan binh');
		const found = await units.search(db, { query: 'phuong tan binh', limit: 5, offset: 0 });
		expect(found.rows.map((u) => u.id)).toEqual([c1.id]);
	});

	it('closes a unit on a date, not before it starts, not with open units under it', async () => {
		const db = await testDb();
		const { d, c1, c2 } = await smallTree(db);
		await units.close(db, c1.id, '2025-06-30');
		expect((await units.byId(db, c1.id))?.validTo).toBe('2025-06-30');

		await expect(units.close(db, d.id, '2025-06-30')).rejects.toMatchObject({
			code: 'open_children'
		});
		await units.close(db, c2.id, '2025-06-30');
		await units.close(db, d.id, '2025-06-30');
		expect((await units.byId(db, d.id))?.validTo).toBe('2025-06-30');

		const late = await units.create(db, {
			code: 'N',
			name: 'Xã mới',
			kind: 'commune',
			validFrom: '2025-07-01'
		});
		await expect(units.close(db, late.id, '2025-06-01')).rejects.toMatchObject({
			code: 'before_start'
		});
		expect((await units.byId(db, late.id))?.validTo).toBeNull();
	});

	it('merges with checks and lists predecessors through chains', async () => {
		const db = await testDb();
		const { d, c1, c2, p2 } = await smallTree(db);
		const ward = await units.create(db, {
			code: 'W',
			name: 'Phường Mới',
			kind: 'ward',
			parentId: p2.id,
			validFrom: '2025-07-01'
		});
		await expect(units.merge(db, d.id, ward.id, '2025-07-01')).rejects.toMatchObject({
			code: 'open_children'
		});
		await units.merge(db, c1.id, c2.id, '2025-01-01');
		await units.merge(db, c2.id, ward.id, '2025-07-01');
		await expect(units.merge(db, c1.id, ward.id, '2025-08-01')).rejects.toMatchObject({
			code: 'already_merged'
		});
		// A merged unit takes no successor of its own.
		const e = await units.create(db, { code: 'E', name: 'Xã Khác', kind: 'commune' });
		await expect(units.merge(db, e.id, c2.id, '2025-09-01')).rejects.toMatchObject({
			code: 'successor_closed'
		});
		await expect(units.merge(db, ward.id, ward.id, '2026-01-01')).rejects.toMatchObject({
			code: 'self'
		});
		await expect(units.merge(db, p2.id, ward.id, '2026-01-01')).rejects.toMatchObject({
			code: 'cycle'
		});

		const preds = await units.predecessors(db, ward.id);
		expect(preds.map((u) => u.code)).toEqual(['C2', 'C1']);
		expect((await units.byId(db, c2.id))?.validTo).toBe('2025-06-30');
		expect((await units.byId(db, c1.id))?.successorId).toBe(c2.id);
		expect(new Set(await units.lineageIds(db, ward.id))).toEqual(new Set([ward.id, c1.id, c2.id]));
		expect(await units.predecessors(db, c1.id)).toEqual([]);
	});

	it('refuses to merge before the unit starts', async () => {
		const db = await testDb();
		const { p2 } = await smallTree(db);
		const a = await units.create(db, {
			code: 'A',
			name: 'A',
			kind: 'ward',
			validFrom: '2025-07-01'
		});
		await expect(units.merge(db, a.id, p2.id, '2025-07-01')).rejects.toMatchObject({
			code: 'before_start'
		});
		expect((await units.byId(db, a.id))?.successorId).toBeNull();
	});

	it('says which parents can take a new unit', () => {
		expect(units.parentProblem({ validTo: null, successorId: null }, '2026-01-01')).toBeNull();
		expect(units.parentProblem({ validTo: '2025-06-30', successorId: null }, '2025-06-30')).toBe(
			null
		);
		expect(units.parentProblem({ validTo: '2025-06-30', successorId: null }, '2026-01-01')).toBe(
			'parent_closed'
		);
		expect(units.parentProblem({ validTo: '2025-06-30', successorId: 'x' }, '2025-01-01')).toBe(
			'parent_merged'
		);
		expect(
			units.isOpenOn({ validFrom: null, validTo: null, successorId: null }, '2026-01-01')
		).toBe(true);
		expect(
			units.isOpenOn({ validFrom: '2026-02-01', validTo: null, successorId: null }, '2026-01-01')
		).toBe(false);
		expect(
			units.isOpenOn({ validFrom: null, validTo: '2025-12-31', successorId: null }, '2026-01-01')
		).toBe(false);
	});

	it('lets managers edit strictly inside their subtree and admins everywhere', async () => {
		const db = await testDb();
		const { p, d, c1, p2 } = await smallTree(db);
		const manager = person('manager', d.id);
		expect(await units.mayEditUnit(db, manager, c1.id)).toBe(true);
		expect(await units.mayEditUnit(db, manager, d.id)).toBe(false);
		expect(await units.mayEditUnit(db, manager, p.id)).toBe(false);
		expect(await units.mayEditUnit(db, manager, p2.id)).toBe(false);
		expect(await units.mayEditUnit(db, person('viewer', d.id), c1.id)).toBe(false);
		expect(await units.mayEditUnit(db, person('admin', null), p.id)).toBe(true);

		expect(await units.mayCreateUnder(db, manager, d.id)).toBe(true);
		expect(await units.mayCreateUnder(db, manager, c1.id)).toBe(true);
		expect(await units.mayCreateUnder(db, manager, p.id)).toBe(false);
		expect(await units.mayCreateUnder(db, manager, null)).toBe(false);
		expect(await units.mayCreateUnder(db, person('viewer', d.id), d.id)).toBe(false);
		expect(await units.mayCreateUnder(db, person('admin', null), null)).toBe(true);
	});
});
