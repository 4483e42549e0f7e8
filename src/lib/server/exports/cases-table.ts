import { vietnamToday } from '../../domain/time';
import * as cases from '../cases';
import type { DbOrTx } from '../db';
import type { Cell, Column } from './columns';
import { STATUS_WORDS } from './describe';
import type { ExportRequest } from './request';
import { vietnamWallClock } from './time';

// The follow-up cases list as a table: what /admin/cases shows, with its filters, read through
// cases.list itself. The resident's phone number is never a column (Decree 13/2023: it serves
// the call back only, and is erased after its retention).

export const CASE_COLUMNS: Column[] = [
	{ header: 'Ngày nhận (giờ Việt Nam)', kind: 'datetime', width: 20 },
	{ header: 'Mã phản hồi', kind: 'text', width: 38 },
	{ header: 'Đơn vị', kind: 'text', width: 30 },
	{ header: 'Quầy', kind: 'text', width: 14 },
	{ header: 'Trạng thái', kind: 'text', width: 14 },
	{ header: 'Hạn xử lý', kind: 'text', width: 12 },
	{ header: 'Người phụ trách', kind: 'text', width: 22 },
	{ header: 'Mức đánh giá', kind: 'text', width: 18 },
	{ header: 'Lý do', kind: 'text', width: 30 },
	{ header: 'Ý kiến', kind: 'text', width: 60 }
];

const PAGE = 500;

function filterOf(req: ExportRequest): cases.CaseFilter {
	const f = req.query.filters;
	return {
		// A manager's or viewer's unit is always set by the query (stats/query.ts), so the unit's
		// lineage is the scope; an administrator without a unit sees every case.
		scope: null,
		unitId: req.query.unit?.id ?? null,
		status: req.status,
		overdueOnly: req.overdueOnly,
		from: f.from === '0000-01-01' ? null : f.from,
		to: f.to === '9999-12-31' ? null : f.to,
		q: req.q,
		today: vietnamToday()
	};
}

export async function countCases(db: DbOrTx, req: ExportRequest): Promise<number> {
	return (await cases.list(db, filterOf(req), { limit: 1, offset: 0 })).total;
}

/** The cases, PAGE at a time, in the list's own order. */
export async function* caseRows(db: DbOrTx, req: ExportRequest): AsyncGenerator<Cell[][]> {
	const filter = filterOf(req);
	for (let offset = 0; ; offset += PAGE) {
		const { rows } = await cases.list(db, filter, { limit: PAGE, offset });
		if (rows.length === 0) return;
		yield rows.map((c) => [
			vietnamWallClock(c.createdAt),
			c.id,
			c.unitName,
			c.counterName,
			STATUS_WORDS[c.status] ?? c.status,
			`${c.deadline.slice(8, 10)}/${c.deadline.slice(5, 7)}/${c.deadline.slice(0, 4)}`,
			c.assignedName,
			c.rating?.vi ?? null,
			c.reasons.map((r) => r.vi).join('; ') || null,
			c.comment
		]);
		if (rows.length < PAGE) return;
	}
}
