import { describe, expect, it } from 'vitest';
import { filterOptions } from '../../src/lib/server/stats/options';
import { resolveQuery } from '../../src/lib/server/stats/query';
import * as surveyAdmin from '../../src/lib/server/survey-admin';
import { smallTree, testDb } from './helpers';

// Issue 15 item 4: the dashboard's survey filter listed every survey, a sibling unit's too.
// A manager or viewer sees the shared surveys and those owned in their subtree, as on
// /admin/surveys, and a survey outside that is refused as unknown.

const TODAY = '2026-12-01';

async function world() {
	const db = await testDb();
	const tree = await smallTree(db);
	const make = (name: string, ownerUnitId: string | null) =>
		surveyAdmin.create(db, { name, start: 'desk3', ownerUnitId, createdBy: null });
	const shared = await make('Khảo sát chung', null);
	const ofC1 = await make('Khảo sát của Tân Bình', tree.c1.id);
	const ofC2 = await make('Khảo sát của Hòa An', tree.c2.id);
	const ofP2 = await make('Khảo sát của Cần Thơ', tree.p2.id);
	return { db, ...tree, shared, ofC1, ofC2, ofP2 };
}

describe('the dashboard survey filter', () => {
	it('offers a manager of one commune the shared surveys and their own, not a sibling’s', async () => {
		const w = await world();
		const options = await filterOptions(w.db, w.c1.id, w.c1.id);
		expect(options.surveys.map((s) => s.label)).toEqual([
			'Khảo sát chung',
			'Khảo sát của Tân Bình'
		]);
	});

	it('offers a district the surveys of its communes, and an admin every survey', async () => {
		const w = await world();
		const district = await filterOptions(w.db, w.d.id, w.d.id);
		expect(district.surveys.map((s) => s.label)).toEqual([
			'Khảo sát chung',
			'Khảo sát của Hòa An',
			'Khảo sát của Tân Bình'
		]);
		const admin = await filterOptions(w.db, null, null);
		expect(admin.surveys.map((s) => s.id).sort()).toEqual(
			[w.shared.id, w.ofC1.id, w.ofC2.id, w.ofP2.id].sort()
		);
	});

	it('refuses a sibling’s survey, by id or code, as unknown; accepts shared and own ones', async () => {
		const w = await world();
		const asker = { role: 'viewer' as const, unitId: w.c1.id };
		const read = (survey: string) =>
			resolveQuery(w.db, asker, new URLSearchParams({ survey }), TODAY);
		for (const survey of [w.ofC2.id, w.ofC2.code, w.ofP2.id]) {
			const r = await read(survey);
			expect(r.ok).toBe(false);
			expect(r.ok ? null : r.errors.survey).toBe('admin.stats.err.survey');
		}
		for (const s of [w.shared, w.ofC1]) {
			const r = await read(s.code);
			expect(r.ok ? r.values.survey : r.errors).toBe(s.id);
		}
		const admin = await resolveQuery(
			w.db,
			{ role: 'admin', unitId: null },
			new URLSearchParams({ survey: w.ofC2.id }),
			TODAY
		);
		expect(admin.ok ? admin.values.survey : admin.errors).toBe(w.ofC2.id);
	});
});
