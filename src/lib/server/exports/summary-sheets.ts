import type { Localized } from '../../domain/survey';
import type { DashboardFigures, Scored } from '../stats';
import type { Cell, Column } from './columns';
import { scopeLines, viDate, type Scope } from './describe';
import { vietnamWallClock } from './time';
import { addRow, plainSheet, tableSheet, type Workbook } from './xlsx';

// The figure sheets of an XLSX export, written from the very DashboardFigures that
// /api/v1/stats returns and the dashboard shows (stats.dashboard): no figure is computed here.
// Shares are numbers 0..1 in a percent format; "chưa đủ dữ liệu" marks a rate over fewer rated
// answers than the minimum, as the dashboard does.

export const TOO_FEW = 'chưa đủ dữ liệu';
const WEEKDAYS = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const KINDS: Record<string, string> = {
	province: 'Tỉnh',
	city: 'Thành phố',
	district: 'Huyện',
	commune: 'Xã',
	ward: 'Phường',
	town: 'Thị trấn',
	agency: 'Cơ quan'
};

const SCORED_COLUMNS: Column[] = [
	{ header: 'Số phản hồi', kind: 'int', width: 12 },
	{ header: 'Số có đánh giá (n)', kind: 'int', width: 14 },
	{ header: 'Số hài lòng', kind: 'int', width: 12 },
	{ header: 'Tỷ lệ hài lòng', kind: 'percent', width: 14 },
	{ header: 'KTC 95% thấp', kind: 'percent', width: 13 },
	{ header: 'KTC 95% cao', kind: 'percent', width: 13 },
	{ header: 'Chỉ số hài lòng (0–100)', kind: 'number', width: 16 },
	{ header: 'Ghi chú', kind: 'text', width: 16 }
];

function scoredCells(s: Scored): Cell[] {
	const r = s.satisfaction;
	return [
		s.responses,
		r.n,
		r.satisfied,
		r.rate,
		r.low,
		r.high,
		s.happyIndex.value,
		r.tooFew && r.n > 0 ? TOO_FEW : null
	];
}

function overview(wb: Workbook, figures: DashboardFigures, scope: Scope, now: Date): void {
	const sheet = plainSheet(wb, 'Tổng hợp', [30, 16, 12, 13, 13, 16, 14, 18]);
	addRow(sheet, ['Số liệu ý kiến người dân'], { bold: true });
	addRow(sheet, ['Xuất lúc (giờ Việt Nam)', vietnamWallClock(now.toISOString())], {
		formats: [null, 'datetime']
	});
	addRow(sheet, []);
	for (const [label, value] of scopeLines(scope)) addRow(sheet, [label, value]);
	addRow(sheet, [
		'Mức tối thiểu để đánh giá',
		`${figures.minimumN} ý kiến có đánh giá (dưới mức này ghi “${TOO_FEW}”)`
	]);
	addRow(sheet, []);
	const h = figures.headline;
	const c = h.comparison;
	const change = h.change;
	addRow(
		sheet,
		[
			'Chỉ tiêu',
			'Giá trị',
			'n',
			'KTC 95% thấp',
			'KTC 95% cao',
			'Kỳ so sánh',
			'Thay đổi',
			'Ghi chú'
		],
		{ bold: true }
	);
	addRow(
		sheet,
		[
			'Số phản hồi',
			h.responses,
			null,
			null,
			null,
			c?.responses ?? null,
			change?.responses.delta ?? null,
			null
		],
		{ formats: [null, 'int', null, null, null, 'int', 'int'] }
	);
	// A rated figure's row: its value, n and interval, the comparison period's value and the change.
	const figureRow = (
		label: string,
		value: number | null,
		f: { n: number; low: number | null; high: number | null; tooFew: boolean },
		compared: number | null | undefined,
		delta: number | null | undefined,
		kind: 'percent' | 'number'
	) =>
		addRow(
			sheet,
			[
				label,
				value,
				f.n,
				f.low,
				f.high,
				compared ?? null,
				delta ?? null,
				f.tooFew ? TOO_FEW : null
			],
			{ formats: [null, kind, 'int', kind, kind, kind, kind] }
		);
	const rate = h.satisfaction;
	figureRow(
		'Tỷ lệ hài lòng',
		rate.rate,
		rate,
		c?.satisfaction.rate,
		change?.satisfaction.delta,
		'percent'
	);
	const happy = h.happyIndex;
	figureRow(
		'Chỉ số hài lòng (0–100)',
		happy.value,
		happy,
		c?.happyIndex.value,
		change?.happyIndex.delta,
		'number'
	);
	if (c) addRow(sheet, ['Kỳ so sánh', `Từ ngày ${viDate(c.from)} đến ngày ${viDate(c.to)}`]);
	addRow(sheet, []);
	addRow(sheet, ['Phân bố mức đánh giá', 'Mức', 'Số ý kiến', 'Tỷ lệ'], { bold: true });
	for (const d of figures.distribution) {
		d.counts.forEach((count, i) =>
			addRow(sheet, [`Thang ${d.levels} mức`, i + 1, count, d.shares[i]], {
				formats: [null, 'int', 'int', 'percent']
			})
		);
	}
	addRow(sheet, []);
	addRow(sheet, ['Ý kiến bị đánh dấu', 'Số ý kiến'], { bold: true });
	addRow(sheet, ['Tổng số bị đánh dấu', figures.flags.flagged]);
	addRow(sheet, ['Gửi dồn dập', figures.flags.burst]);
	addRow(sheet, ['Ngoài giờ làm việc', figures.flags.outOfHours]);
	sheet.commit();
}

function table(wb: Workbook, name: string, columns: Column[], rows: Cell[][]): void {
	const sheet = tableSheet(wb, name, columns);
	for (const row of rows) addRow(sheet, row);
	sheet.commit();
}

/** A sheet whose rows end with their satisfaction figures (SCORED_COLUMNS). */
function scoredTable<R extends Scored>(
	wb: Workbook,
	name: string,
	columns: Column[],
	rows: R[],
	cells: (row: R) => Cell[]
): void {
	const scored = rows.map((r) => [...cells(r), ...scoredCells(r)]);
	table(wb, name, [...columns, ...SCORED_COLUMNS], scored);
}

/** Tổng hợp, Đơn vị, Cán bộ, Lĩnh vực, Theo thời gian, Lý do, Khung giờ. */
export function writeSummarySheets(
	wb: Workbook,
	figures: DashboardFigures,
	scope: Scope,
	reasonLabels: Record<string, Localized>,
	labels: 'text' | 'codes',
	now = new Date()
): void {
	overview(wb, figures, scope, now);
	scoredTable(
		wb,
		'Đơn vị',
		[
			{ header: 'Mã đơn vị', kind: 'text', width: 16 },
			{ header: 'Tên đơn vị', kind: 'text', width: 32 },
			{ header: 'Loại', kind: 'text', width: 10 },
			{ header: 'Hiệu lực từ', kind: 'text', width: 12 },
			{ header: 'Hiệu lực đến', kind: 'text', width: 12 }
		],
		figures.ranking,
		(u) => [
			u.code,
			u.name,
			KINDS[u.kind] ?? u.kind,
			u.validFrom ? viDate(u.validFrom) : null,
			u.validTo ? viDate(u.validTo) : null
		]
	);
	scoredTable(
		wb,
		'Cán bộ',
		[{ header: 'Cán bộ', kind: 'text', width: 28 }],
		figures.officers,
		(o) => [o.officerId ? (o.name ?? o.officerId) : '(không chọn cán bộ)']
	);
	scoredTable(
		wb,
		'Lĩnh vực',
		[
			{ header: 'Mã lĩnh vực', kind: 'text', width: 14 },
			{ header: 'Lĩnh vực', kind: 'text', width: 28 }
		],
		figures.fields,
		(f) => [f.code, f.procedureFieldId ? (f.nameVi ?? f.procedureFieldId) : '(không chọn lĩnh vực)']
	);
	scoredTable(
		wb,
		'Theo thời gian',
		[
			{ header: 'Từ ngày', kind: 'text', width: 12 },
			{ header: 'Đến ngày', kind: 'text', width: 12 }
		],
		figures.trend.points,
		(p) => [viDate(p.from), viDate(p.to)]
	);
	table(
		wb,
		'Lý do',
		[
			{ header: 'Mã lý do', kind: 'text', width: 16 },
			{ header: 'Lý do', kind: 'text', width: 36 },
			{ header: 'Số lần chọn', kind: 'int', width: 12 }
		],
		figures.reasons.map((r) => [
			r.reason,
			labels === 'text' ? (reasonLabels[r.reason]?.vi ?? r.reason) : r.reason,
			r.count
		])
	);
	table(
		wb,
		'Khung giờ',
		[
			{ header: 'Thứ', kind: 'text', width: 12 },
			{ header: 'Giờ', kind: 'int', width: 8 },
			{ header: 'Số phản hồi', kind: 'int', width: 12 },
			{ header: 'Số có đánh giá', kind: 'int', width: 14 },
			{ header: 'Số hài lòng', kind: 'int', width: 12 },
			{ header: 'Tỷ lệ hài lòng', kind: 'percent', width: 14 }
		],
		figures.heatmap.map((h) => [
			WEEKDAYS[h.weekday],
			h.hour,
			h.responses,
			h.rated,
			h.satisfied,
			h.rate
		])
	);
}
