import type { DbOrTx } from '../db';
import type { ExportRequest } from './request';

/** The scope and filters of an export as resolved when asked: for the summary sheet, the job
 * list and the audit log (names as they were, even if renamed later). */
export interface Scope {
	unit: { code: string; name: string } | null;
	/** '0000-01-01' / '9999-12-31' for the comments page's open ends. */
	from: string;
	to: string;
	/** 'cutoff' when the period was cut on Decree 09's basis; absent in jobs made before it. */
	basis?: 'calendar' | 'cutoff';
	comparison: { from: string; to: string } | null;
	channel: string | null;
	survey: string | null;
	counter: string | null;
	officer: string | null;
	field: string | null;
	excludeFlagged: boolean;
	rating: string;
	q: string | null;
	labels: string;
	/** Cases only. */
	status?: string;
	overdueOnly?: boolean;
}

export async function describeScope(db: DbOrTx, req: ExportRequest): Promise<Scope> {
	const f = req.query.filters;
	const name = async (
		table: 'surveys' | 'counters' | 'officers' | 'procedureFields',
		id: string | null | undefined
	): Promise<string | null> => {
		if (!id) return null;
		if (table === 'surveys') {
			const r = await db
				.selectFrom('surveys')
				.select('name')
				.where('id', '=', id)
				.executeTakeFirst();
			return r?.name ?? id;
		}
		if (table === 'counters') {
			const r = await db
				.selectFrom('counters')
				.innerJoin('units', 'units.id', 'counters.unitId')
				.select(['counters.name', 'units.name as unitName'])
				.where('counters.id', '=', id)
				.executeTakeFirst();
			return r ? `${r.name} – ${r.unitName}` : id;
		}
		if (table === 'officers') {
			const r = await db
				.selectFrom('officers')
				.select('fullName')
				.where('id', '=', id)
				.executeTakeFirst();
			return r?.fullName ?? id;
		}
		const r = await db
			.selectFrom('procedureFields')
			.select('nameVi')
			.where('id', '=', id)
			.executeTakeFirst();
		return r?.nameVi ?? id;
	};
	const unit = req.query.unit;
	return {
		unit: unit ? { code: unit.code, name: unit.name } : null,
		from: f.from,
		to: f.to,
		basis: req.query.period.basis,
		comparison: req.query.comparison,
		channel: f.channel ?? null,
		survey: await name('surveys', f.surveyId),
		counter: await name('counters', f.counterId),
		officer: await name('officers', f.officerId),
		field: await name('procedureFields', f.procedureFieldId),
		excludeFlagged: f.excludeFlagged ?? false,
		rating: req.rating,
		q: req.q,
		labels: req.labels,
		...(req.content === 'cases' ? { status: req.status, overdueOnly: req.overdueOnly } : {})
	};
}

/** "14/03/2026" from "2026-03-14". */
export function viDate(date: string): string {
	return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const CHANNEL_WORDS: Record<string, string> = { kiosk: 'Máy tại quầy', web: 'Điện thoại (mã QR)' };
export const STATUS_WORDS: Record<string, string> = {
	open: 'Đang mở (mới và đã liên hệ)',
	all: 'Tất cả',
	new: 'Mới',
	contacted: 'Đã liên hệ',
	resolved: 'Đã giải quyết'
};
const RATING_WORDS: Record<string, string> = {
	unsatisfied: 'Chỉ ý kiến chưa hài lòng',
	satisfied: 'Chỉ ý kiến hài lòng'
};

/** The scope in Vietnamese words, one (label, value) pair per line of the summary sheet. */
export function scopeLines(scope: Scope): [string, string][] {
	const lines: [string, string][] = [
		['Đơn vị', scope.unit ? `${scope.unit.name} (${scope.unit.code})` : 'Tất cả đơn vị'],
		[
			'Kỳ',
			scope.from === '0000-01-01' && scope.to === '9999-12-31'
				? 'Mọi thời gian'
				: `Từ ngày ${scope.from === '0000-01-01' ? '…' : viDate(scope.from)} đến ngày ${scope.to === '9999-12-31' ? '…' : viDate(scope.to)}`
		]
	];
	if (scope.basis === 'cutoff') lines.push(['Cách tính kỳ', 'Kỳ báo cáo theo NĐ 09/2019/NĐ-CP']);
	if (scope.comparison) {
		lines.push([
			'So sánh với',
			`Từ ngày ${viDate(scope.comparison.from)} đến ngày ${viDate(scope.comparison.to)}`
		]);
	}
	if (scope.channel) lines.push(['Kênh', CHANNEL_WORDS[scope.channel] ?? scope.channel]);
	if (scope.survey) lines.push(['Khảo sát', scope.survey]);
	if (scope.counter) lines.push(['Quầy', scope.counter]);
	if (scope.officer) lines.push(['Cán bộ', scope.officer]);
	if (scope.field) lines.push(['Lĩnh vực', scope.field]);
	lines.push([
		'Ý kiến bị đánh dấu',
		scope.excludeFlagged
			? 'Không tính (gửi dồn dập, ngoài giờ làm việc)'
			: 'Có tính (gửi dồn dập, ngoài giờ làm việc)'
	]);
	if (RATING_WORDS[scope.rating]) lines.push(['Mức đánh giá', RATING_WORDS[scope.rating]]);
	if (scope.status) lines.push(['Trạng thái', STATUS_WORDS[scope.status] ?? scope.status]);
	if (scope.overdueOnly) lines.push(['Hạn xử lý', 'Chỉ phản hồi quá hạn']);
	if (scope.q) lines.push(['Tìm', scope.q]);
	return lines;
}
