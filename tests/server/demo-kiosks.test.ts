import { describe, expect, it } from 'vitest';
import { liveDemoKiosks } from '../../src/lib/server/demo/kiosks';
import * as kiosks from '../../src/lib/server/kiosks';
import * as units from '../../src/lib/server/units';
import { smallTree, testDb } from './helpers';

describe('liveDemoKiosks', () => {
	it('pairs the kiosks in force, one queueing and one silent; revokes the closed ones', async () => {
		const db = await testDb();
		const tree = await smallTree(db);
		const closed = await units.create(db, {
			code: 'OLD',
			name: 'Xã cũ',
			kind: 'commune',
			parentId: tree.d.id,
			validTo: '2025-06-30'
		});
		const at = new Date('2026-12-01T01:00:00Z');
		const made = [];
		for (const name of ['Kiosk 1', 'Kiosk 2', 'Kiosk 3', 'Kiosk 4']) {
			made.push((await kiosks.create(db, { unitId: tree.c1.id, name }, at)).kiosk);
		}
		const old = (await kiosks.create(db, { unitId: closed.id, name: 'Kiosk cũ' }, at)).kiosk;

		// Thursday 3/12/2026, 09:00 in Vietnam; Kiosk 1 keeps its pairing code for a real tablet.
		const now = new Date('2026-12-03T02:00:00Z');
		const result = await liveDemoKiosks(db, now, {
			keepId: made[0].id,
			appVersion: '0.1.0+20261203.0100'
		});
		expect(result.paired).toBe(3);
		const rows = (await kiosks.list(db, { limit: 10, offset: 0 }, now)).rows;
		const byName = new Map(rows.map((r) => [r.name, r]));
		expect(byName.get('Kiosk 1')!.status).toBe('pending');
		expect(byName.get('Kiosk 2')!.status).toBe('active');
		expect(byName.get('Kiosk 3')!.status).toBe('active');
		expect(byName.get('Kiosk 3')!.queueLength).toBe(4);
		expect(byName.get('Kiosk 4')!.status).toBe('silent');
		expect(byName.get('Kiosk cũ')!.status).toBe('revoked');
		expect(byName.get('Kiosk 2')!.appVersion).toBe('0.1.0+20261203.0100');
		// Seen within the last two minutes.
		const seen = Date.parse(byName.get('Kiosk 2')!.lastSeenAt!);
		expect(now.getTime() - seen).toBeLessThanOrEqual(120_000);
		expect(old.id).toBe(byName.get('Kiosk cũ')!.id);
		await db.destroy();
	});
});
