import type { Db } from '../../src/lib/server/db/index';
import * as units from '../../src/lib/server/units';
import { addCounter, addOfficer, addSurvey, writeBatch, type ResponseSpec } from './stats-world';

/**
 * A district with three communes for the report tests, over the Decree 09 first quarter of 2026
 * (15/12/2025–14/03/2026), the quarter before and the same quarter a year earlier:
 * - Xã Tân Bình: 32 answers naming Trần Thị Lan (20 very satisfied, 8 satisfied, 4 not), and one
 *   answer for each of 45 other officers (enough rows for the officers table to run over a page);
 * - Xã Hòa An: 10 answers (under the minimum of 30: never ranked);
 * - Xã Long Thạnh: no answer in the quarter.
 * Lan's answers were given at Tân Bình's "Quầy 1", Hòa An's at Hòa An's own "Quầy 1".
 */
export async function reportWorld(db: Db) {
	const p = await units.create(db, { code: 'HG', name: 'Tỉnh Hậu Giang', kind: 'province' });
	const d = await units.create(db, {
		code: 'PH',
		name: 'Huyện Phụng Hiệp',
		kind: 'district',
		parentId: p.id
	});
	const tb = await units.create(db, {
		code: 'TB',
		name: 'Xã Tân Bình',
		kind: 'commune',
		parentId: d.id
	});
	const ha = await units.create(db, {
		code: 'HA',
		name: 'Xã Hòa An',
		kind: 'commune',
		parentId: d.id
	});
	const lt = await units.create(db, {
		code: 'LT',
		name: 'Xã Long Thạnh',
		kind: 'commune',
		parentId: d.id
	});
	const desk = await addSurvey(db, 'DESK3', 'desk3');
	const lan = await addOfficer(db, tb.id, 'Trần Thị Lan');
	const tbCounter = await addCounter(db, tb.id, 1);
	const haCounter = await addCounter(db, ha.id, 1);
	const others: string[] = [];
	for (let i = 1; i <= 45; i++) {
		others.push(await addOfficer(db, tb.id, `Cán bộ số ${String(i).padStart(2, '0')}`));
	}
	const specs: ResponseSpec[] = [];
	let seq = 0;
	const add = (s: Omit<ResponseSpec, 'id' | 'survey'>) =>
		specs.push({ id: `rw-${++seq}`, survey: desk, ...s });
	// Lan: 20 × level 3, 8 × level 2, 4 × level 1 (with a reason), spread over the quarter.
	const lanLevels = [...Array(20).fill(3), ...Array(8).fill(2), ...Array(4).fill(1)] as number[];
	lanLevels.forEach((level, i) =>
		add({
			unitId: tb.id,
			officerId: lan,
			counterId: tbCounter,
			level,
			date: i % 2 ? '2025-12-15' : '2026-03-14',
			reasons: level === 1 ? ['wait'] : undefined,
			channel: i < 30 ? 'kiosk' : 'web'
		})
	);
	// The 45 others: levels 3, 2, 1 in turn.
	others.forEach((officerId, i) =>
		add({ unitId: tb.id, officerId, level: 3 - (i % 3), date: '2026-02-02' })
	);
	// Hòa An: 6 × level 3, 2 × level 2, 2 × level 1.
	[3, 3, 3, 3, 3, 3, 2, 2, 1, 1].forEach((level) =>
		add({ unitId: ha.id, level, date: '2026-01-20', counterId: haCounter })
	);
	// Outside the quarter, on both sides of its edges: never counted in it.
	add({ unitId: tb.id, level: 1, date: '2025-12-14' });
	add({ unitId: tb.id, level: 1, date: '2026-03-15' });
	// The quarter before (15/09–14/12/2025): Tân Bình 40 answers, 30 satisfied.
	for (let i = 0; i < 40; i++) add({ unitId: tb.id, level: i < 30 ? 2 : 1, date: '2025-11-03' });
	// The same quarter a year earlier (15/12/2024–14/03/2025): Tân Bình 30 answers, all satisfied.
	for (let i = 0; i < 30; i++) add({ unitId: tb.id, level: 3, date: '2025-02-10' });
	await writeBatch(db, specs);
	return { p, d, tb, ha, lt, desk, lan, others, tbCounter, haCounter };
}
