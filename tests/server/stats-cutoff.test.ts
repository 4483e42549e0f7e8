import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addDays, vietnamMidnight, vietnamParts } from '../../src/lib/domain/time';
import type { Db } from '../../src/lib/server/db/index';
import * as exports from '../../src/lib/server/exports';
import { scopeLines } from '../../src/lib/server/exports/describe';
import * as stats from '../../src/lib/server/stats';
import { resolveQuery } from '../../src/lib/server/stats/query';
import { ADMIN, exportBytes, readXlsx } from './exports-world';
import { testDb } from './helpers';
import { addSurvey, mergedTree, writeBatch, type ResponseSpec } from './stats-world';

// basis=cutoff ("Kỳ báo cáo theo NĐ 09") as /api/v1/stats reads it (resolveQuery then
// stats.dashboard, the endpoint's two calls): answers are placed at instants on both sides of
// the cut-off midnights in Vietnam time, and each period's figures must equal what is counted
// from the instants alone.

const TODAY = '2026-12-20';
/** Instants (UTC) and the level given; a 3-level scale, satisfied from 2. */
const ANSWERS: [string, number][] = [
	['2025-12-14T16:59:59Z', 3], // 14/12/2025 23:59:59 +07: cut-off year 2025
	['2025-12-14T17:00:00Z', 1], // 15/12/2025 00:00 +07: cut-off Q1 and year 2026
	['2025-12-31T10:00:00Z', 2],
	['2026-01-10T03:00:00Z', 3],
	['2026-03-14T16:59:59Z', 1], // 14/3 23:59:59 +07: Q1
	['2026-03-14T17:00:00Z', 3], // 15/3 00:00 +07: Q2
	['2026-03-31T10:00:00Z', 2],
	['2026-06-14T16:59:59Z', 2], // 14/6 23:59:59 +07: Q2
	['2026-06-14T17:00:00Z', 1], // 15/6 00:00 +07: Q3
	['2026-12-14T16:59:59Z', 3], // 14/12/2026 23:59:59 +07: Q4 and year 2026
	['2026-12-14T17:00:00Z', 3] // 15/12/2026 00:00 +07: cut-off year 2027
];

async function world() {
	const db = await testDb();
	const tree = await mergedTree(db);
	const survey = await addSurvey(db, 'DESK3', 'desk3');
	const specs: ResponseSpec[] = ANSWERS.map(([instant, level], i) => {
		const local = vietnamParts(new Date(instant));
		return {
			id: `c${String(i).padStart(3, '0')}`,
			unitId: tree.ha.id,
			survey,
			date: local.date,
			hour: local.hour,
			level
		};
	});
	await writeBatch(db, specs);
	await stats.foldAll(db);
	return db;
}

/** Counted from the instants: local midnight of `from` up to local midnight after `to`. */
function counted(from: string, to: string) {
	const start = vietnamMidnight(from).getTime();
	const end = vietnamMidnight(addDays(to, 1)).getTime();
	const inside = ANSWERS.filter(([at]) => Date.parse(at) >= start && Date.parse(at) < end);
	return { responses: inside.length, satisfied: inside.filter(([, l]) => l >= 2).length };
}

async function figures(db: Db, params: Record<string, string>) {
	const q = await resolveQuery(db, ADMIN, new URLSearchParams({ unit: 'HA', ...params }), TODAY);
	if (!q.ok) throw new Error(`refused: ${JSON.stringify(q.errors)}`);
	const f = await stats.dashboard(db, q.filters, { comparison: q.comparison });
	const s = f.headline.satisfaction;
	return {
		period: q.period,
		responses: f.headline.responses,
		satisfied: Math.round((s.rate ?? 0) * s.n)
	};
}

describe('/api/v1/stats basis=cutoff', () => {
	it('each cut-off quarter and year counts the answers of its instants in Vietnam time', async () => {
		const db = await world();
		const cases: [Record<string, string>, string, string][] = [
			[{ period: 'quarter', year: '2026', quarter: '1' }, '2025-12-15', '2026-03-14'],
			[{ period: 'quarter', year: '2026', quarter: '2' }, '2026-03-15', '2026-06-14'],
			[{ period: 'quarter', year: '2026', quarter: '3' }, '2026-06-15', '2026-09-14'],
			[{ period: 'quarter', year: '2026', quarter: '4' }, '2026-09-15', '2026-12-14'],
			[{ period: 'six_months', year: '2026' }, '2025-12-15', '2026-06-14'],
			[{ period: 'year', year: '2026' }, '2025-12-15', '2026-12-14'],
			[{ period: 'year', year: '2025' }, '2024-12-15', '2025-12-14']
		];
		for (const [params, from, to] of cases) {
			const got = await figures(db, { ...params, basis: 'cutoff', compare: 'none' });
			expect([got.period.from, got.period.to, got.period.basis]).toEqual([from, to, 'cutoff']);
			expect({ responses: got.responses, satisfied: got.satisfied }).toEqual(counted(from, to));
		}
		// Worked out by hand: Q1 holds 15/12 00:00, 31/12, 10/1 and 14/3 23:59:59; Q2 the next three.
		expect(counted('2025-12-15', '2026-03-14')).toEqual({ responses: 4, satisfied: 2 });
		expect(counted('2026-03-15', '2026-06-14')).toEqual({ responses: 3, satisfied: 3 });
		expect(counted('2025-12-15', '2026-12-14')).toEqual({ responses: 9, satisfied: 6 });
	});

	it('calendar stays the default, and this cut-off year is the one holding today', async () => {
		const db = await world();
		const calendar = await figures(db, { period: 'quarter', year: '2026', quarter: '1' });
		expect([calendar.period.from, calendar.period.to, calendar.period.basis]).toEqual([
			'2026-01-01',
			'2026-03-31',
			'calendar'
		]);
		expect(calendar.responses).toBe(counted('2026-01-01', '2026-03-31').responses);
		expect(calendar.responses).toBe(4);
		// On 20/12/2026 the cut-off year 2027 has begun (15/12/2026) and is still running.
		const running = await figures(db, { period: 'year', basis: 'cutoff', compare: 'none' });
		expect([running.period.from, running.period.to, running.period.through]).toEqual([
			'2026-12-15',
			'2027-12-14',
			TODAY
		]);
		expect(running.responses).toBe(1);
	});

	it('a basis other than calendar or cutoff is refused per field', async () => {
		const db = await world();
		for (const basis of ['ND09', 'Cutoff', 'calendar;drop']) {
			const q = await resolveQuery(
				db,
				ADMIN,
				new URLSearchParams({ unit: 'HA', period: 'quarter', basis }),
				TODAY
			);
			expect(q.ok).toBe(false);
			if (!q.ok) expect(q.errors).toEqual({ basis: 'admin.stats.err.basis' });
		}
	});

	it('an export asked with basis=cutoff counts the cut-off quarter and says so', async () => {
		const db = await world();
		const params = { unit: 'HA', period: 'quarter', year: '2026', quarter: '1', basis: 'cutoff' };
		const { bytes, request } = await exportBytes(db, ADMIN, { ...params, format: 'xlsx' });
		expect([request.query.filters.from, request.query.filters.to]).toEqual([
			'2025-12-15',
			'2026-03-14'
		]);
		const scope = await exports.describeScope(db, request);
		expect(scope.basis).toBe('cutoff');
		expect(scopeLines(scope)).toContainEqual(['Cách tính kỳ', 'Kỳ báo cáo theo NĐ 09/2019/NĐ-CP']);
		const wb = await readXlsx(bytes);
		let responses: ExcelJS.CellValue = null;
		wb.getWorksheet('Tổng hợp')!.eachRow((row) => {
			const v = row.values as ExcelJS.CellValue[];
			if (v[1] === 'Số phản hồi') responses = v[2];
		});
		expect(responses).toBe(4);
	});
});
