// Over 300 lines: the three templates' blocks and the cell formatting they share; a template is
// a list of blocks, rendered alike to HTML, PDF and DOCX. Design debt: one file per template.
import { formatPercent } from '../../domain/metrics';
import { documentDateWords, formatVietnameseDate } from '../../domain/report-periods';
import { REPORT_TEMPLATES } from '../../domain/report-templates';
import { translate, type MessageKey } from '../../i18n';
import type { PersonRow, Rated, ReportFigures, Share, TrendFigure, UnitRow } from './figures';

type ReasonRow = ReportFigures['reasons'][number];

/**
 * One report as a document model: header, title, numbered sections, tables, recipients and the
 * signature block. The HTML preview, the PDF and the DOCX all render this one model, so the
 * three never disagree. The text is Vietnamese whatever the screen's language: it is an
 * official document (Decree 30/2020/NĐ-CP).
 */

export type TemplateId = (typeof REPORT_TEMPLATES)[number];

export interface ReportTexts {
	/** The issuing body above the unit's name (usually the unit's parent). */
	issuer: string;
	/** "Số: 12/BC-UBND" */
	number: string;
	place: string;
	/** 'YYYY-MM-DD', the date of issue. */
	date: string;
	assessment: string;
	proposals: string;
	/** One recipient per line. */
	recipients: string;
	/** One line per line of the title ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"). */
	signerTitle: string;
	signerName: string;
}

export interface Column {
	header: string;
	/** Share of the table's width; the widths of a table add up to 1. */
	width: number;
	align: 'left' | 'right' | 'center';
}

export interface TableBlock {
	kind: 'table';
	caption: string;
	columns: Column[];
	rows: string[][];
	lastIsTotal?: boolean;
}

export interface ChartPoint {
	label: string;
	/** null: nothing to draw (no rated answer). */
	value: number | null;
	/** Under the minimum n: drawn hollow, never read as a result. */
	faint?: boolean;
}

/**
 * A chart drawn by the renderer itself (vector in the PDF, an image in the DOCX), with its
 * figures as a table for the HTML preview and for readers who cannot see the image.
 */
export interface ChartBlock {
	kind: 'chart';
	caption: string;
	type: 'line' | 'bars';
	xTitle: string;
	yTitle: string;
	/** The value axis runs from 0 to yMax; a percentage chart's values are 0..1. */
	yMax: number;
	percent: boolean;
	points: ChartPoint[];
	note?: string;
	table: TableBlock;
}

export type Block =
	| { kind: 'heading'; text: string }
	| { kind: 'subheading'; text: string }
	| { kind: 'paragraph'; text: string; italic?: boolean }
	| TableBlock
	| ChartBlock;

export interface ReportDocument {
	header: {
		issuer: string;
		unit: string;
		national: string;
		motto: string;
		number: string;
		placeDate: string;
	};
	title: string;
	subtitle: string;
	period: string;
	blocks: Block[];
	/** An annex after the signature, on a page of its own ("PHỤ LỤC"). */
	annex?: { title: string; subtitle: string; blocks: Block[] };
	recipientsLabel: string;
	recipients: string[];
	signer: { title: string[]; name: string };
}

export const t = (key: MessageKey, params?: Record<string, string | number>) =>
	translate('vi', key, params);

const pct = (share: number | null) => (share === null ? '—' : formatPercent(share, 'vi'));

function interval(r: Rated): string {
	if (r.low === null || r.high === null) return '—';
	return `${pct(r.low).replace('%', '')}–${pct(r.high)}`;
}

/** A change in percentage points with one decimal and its sign: "+3,2". */
export function signedPoints(delta: number | null): string {
	if (delta === null) return '—';
	const tenths = Math.round(Number((delta * 1000).toPrecision(12)));
	const sign = tenths > 0 ? '+' : tenths < 0 ? '−' : '';
	return `${sign}${(Math.abs(tenths) / 10).toFixed(1).replace('.', ',')}`;
}

/** The same in words for a sentence: "+3,2 điểm %". */
export function points(delta: number | null): string {
	const value = signedPoints(delta);
	return delta === null ? value : t('report.doc.points', { value });
}

function share(s: Share): string {
	return s.share === null ? String(s.count) : `${s.count} (${pct(s.share)})`;
}

/** The rate, or "chưa đủ dữ liệu" under the minimum n. */
export function rateCell(r: Rated): string {
	if (r.n === 0) return '—';
	return r.tooFew ? t('report.doc.too_few') : pct(r.rate);
}

export function intervalCell(r: Rated): string {
	return r.tooFew ? '—' : interval(r);
}

function unitName(u: { name: string; own?: boolean }): string {
	return u.own ? t('report.doc.own_row', { name: u.name }) : u.name;
}

export function lines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l.length > 0);
}

/** A column of a table built from rows of R: with the cell it shows for each row. */
export interface ColumnOf<R> extends Column {
	cell: (row: R, index: number) => string;
}

export function column<R>(
	header: string,
	width: number,
	align: Column['align'],
	cell: (row: R, index: number) => string
): ColumnOf<R> {
	return { header, width, align, cell };
}

/** A table with a row per item of `rows`, and `total` as its last row when given. */
export function tableOf<R>(
	caption: string,
	columns: ColumnOf<R>[],
	rows: R[],
	total?: string[]
): TableBlock {
	const table: TableBlock = {
		kind: 'table',
		caption,
		columns: columns.map(({ header, width, align }) => ({ header, width, align })),
		rows: rows.map((row, i) => columns.map((c) => c.cell(row, i)))
	};
	if (total) {
		table.rows.push(total);
		table.lastIsTotal = true;
	}
	return table;
}

// The columns the tables share: the row's number, and a rated row's n, rate, interval and rank.
export const ordinalColumn = (width: number) =>
	column<unknown>(t('report.doc.col_no'), width, 'center', (_, i) => String(i + 1));
export const nColumn = (width: number) =>
	column<Rated>(t('report.doc.col_n'), width, 'right', (r) => String(r.n));
export const rateColumn = (width: number) =>
	column<Rated>(t('report.doc.col_rate'), width, 'right', rateCell);
export const intervalColumn = (width: number) =>
	column<Rated>(t('report.doc.col_interval'), width, 'center', intervalCell);
export const rankColumn = (width: number) =>
	column<{ rank: number | null }>(t('report.doc.col_rank'), width, 'center', (r) =>
		r.rank === null ? '—' : String(r.rank)
	);

/** The table, or a line saying there is nothing to list when it has no row. */
export function tableOrNone(table: TableBlock): Block {
	return table.rows.length > 0 ? table : { kind: 'paragraph', text: t('report.doc.none_rows') };
}

export function personTable(
	caption: string,
	nameHeader: string,
	rows: PersonRow[],
	unnamed: string
): TableBlock {
	return tableOf(
		caption,
		[
			ordinalColumn(0.07),
			column<PersonRow>(nameHeader, 0.35, 'left', (r) => r.label ?? unnamed),
			nColumn(0.1),
			rateColumn(0.16),
			intervalColumn(0.2),
			rankColumn(0.12)
		],
		rows
	);
}

/** A count axis's top: the largest value rounded up to a multiple of 4, so its 4 steps are whole. */
export function axisTop(value: number): number {
	return Math.max(4, 4 * Math.ceil(value / 4));
}

/** Chart 1: the satisfaction rate over the period, day by day, week by week or month by month. */
function trendChart(points: TrendFigure[], minimumN: number): ChartBlock {
	return {
		kind: 'chart',
		caption: t('report.doc.chart_trend'),
		type: 'line',
		xTitle: t('report.doc.chart_trend_x'),
		yTitle: t('report.doc.chart_trend_y'),
		yMax: 1,
		percent: true,
		points: points.map((p) => ({
			label: p.label,
			value: p.rate,
			faint: p.n < minimumN
		})),
		note: t('report.doc.chart_trend_note', { min: minimumN }),
		table: {
			kind: 'table',
			caption: t('report.doc.chart_trend'),
			columns: [
				{ header: t('report.doc.chart_trend_x'), width: 0.4, align: 'left' },
				{ header: t('report.doc.col_n'), width: 0.3, align: 'right' },
				{ header: t('report.doc.col_rate'), width: 0.3, align: 'right' }
			],
			rows: points.map((p) => [
				p.from === p.to
					? formatVietnameseDate(p.from)
					: `${p.label} (${formatVietnameseDate(p.from)}–${formatVietnameseDate(p.to)})`,
				String(p.n),
				p.n === 0 ? '—' : p.n < minimumN ? `${pct(p.rate)} (*)` : pct(p.rate)
			])
		}
	};
}

/** Chart 2: the rated answers by level group, as table 1's total row counts them. */
function levelsChart(f: ReportFigures, notHeader: string): ChartBlock {
	const groups: [string, Share][] = [
		[t('report.doc.col_very'), f.total.levels.verySatisfied],
		[t('report.doc.col_satisfied'), f.total.levels.satisfied],
		[notHeader, f.total.levels.notSatisfied]
	];
	return {
		kind: 'chart',
		caption: t('report.doc.chart_levels'),
		type: 'bars',
		xTitle: t('report.doc.chart_levels_x'),
		yTitle: t('report.doc.chart_levels_y'),
		yMax: axisTop(Math.max(...groups.map(([, g]) => g.count))),
		percent: false,
		points: groups.map(([label, g]) => ({ label, value: g.count })),
		table: {
			kind: 'table',
			caption: t('report.doc.chart_levels'),
			columns: [
				{ header: t('report.doc.chart_levels_x'), width: 0.5, align: 'left' },
				{ header: t('report.doc.chart_levels_y'), width: 0.5, align: 'right' }
			],
			rows: groups.map(([label, g]) => [label, share(g)])
		}
	};
}

/** Template 1: Báo cáo kết quả lấy ý kiến người dân. */
export function resultsDocument(figures: ReportFigures, texts: ReportTexts): ReportDocument {
	const f = figures;
	const blocks: Block[] = [];
	const add = (b: Block) => blocks.push(b);
	const notHeader = f.hasNeutral ? t('report.doc.col_not_mixed') : t('report.doc.col_not');

	// I. General situation
	add({ kind: 'heading', text: t('report.doc.s1') });
	add({
		kind: 'paragraph',
		text: t('report.doc.s1_text', {
			unit: f.unit.name,
			responses: f.total.responses,
			kiosk: f.channels.kiosk,
			web: f.channels.web
		})
	});
	add({ kind: 'paragraph', text: t('report.doc.s1_devices', { n: f.unitsWithDevices }) });
	if (f.units.length > 0) {
		add({
			kind: 'paragraph',
			text:
				f.silentUnits.length > 0
					? t('report.doc.s1_silent', { list: f.silentUnits.map((u) => u.name).join(', ') })
					: t('report.doc.s1_silent_none')
		});
	}

	// II. Results
	add({ kind: 'heading', text: t('report.doc.s2') });
	add({ kind: 'subheading', text: t('report.doc.s2_1') });
	add({
		kind: 'paragraph',
		text: f.total.tooFew
			? t('report.doc.s2_rate_few', { n: f.total.n, min: f.minimumN })
			: t('report.doc.s2_rate', {
					rate: pct(f.total.rate),
					n: f.total.n,
					interval: interval(f.total),
					previous: points(f.total.change.previous),
					last_year: points(f.total.change.lastYear)
				})
	});
	if (f.trend && f.trend.length > 0) add(trendChart(f.trend, f.minimumN));
	if (f.total.n > 0) add(levelsChart(f, notHeader));
	if (f.units.length > 0) {
		add({ kind: 'subheading', text: t('report.doc.s2_2') });
		add(
			tableOf(
				t('report.doc.table_levels'),
				[
					ordinalColumn(0.07),
					column<UnitRow>(t('report.doc.col_unit'), 0.3, 'left', unitName),
					nColumn(0.09),
					column<UnitRow>(t('report.doc.col_very'), 0.18, 'right', (u) =>
						share(u.levels.verySatisfied)
					),
					column<UnitRow>(t('report.doc.col_satisfied'), 0.18, 'right', (u) =>
						share(u.levels.satisfied)
					),
					column<UnitRow>(notHeader, 0.18, 'right', (u) => share(u.levels.notSatisfied))
				],
				f.units,
				[
					'',
					t('report.doc.total'),
					String(f.total.n),
					share(f.total.levels.verySatisfied),
					share(f.total.levels.satisfied),
					share(f.total.levels.notSatisfied)
				]
			)
		);
		add(
			tableOf(
				t('report.doc.table_ranking'),
				[
					ordinalColumn(0.06),
					column<UnitRow>(t('report.doc.col_unit'), 0.24, 'left', unitName),
					nColumn(0.07),
					rateColumn(0.12),
					intervalColumn(0.14),
					rankColumn(0.09),
					column<UnitRow>(t('report.doc.col_previous'), 0.14, 'right', (u) =>
						signedPoints(u.change.previous)
					),
					column<UnitRow>(t('report.doc.col_last_year'), 0.14, 'right', (u) =>
						signedPoints(u.change.lastYear)
					)
				],
				f.units
			)
		);
	}
	add({
		kind: 'paragraph',
		italic: true,
		text: t('report.doc.note_min', { min: f.minimumN })
	});
	add({ kind: 'subheading', text: t('report.doc.s2_3') });
	add(
		tableOrNone(
			personTable(
				t('report.doc.table_officers'),
				t('report.doc.col_officer'),
				f.officers,
				t('report.doc.no_officer')
			)
		)
	);
	add({ kind: 'subheading', text: t('report.doc.s2_4') });
	add(
		tableOrNone(
			personTable(
				t('report.doc.table_fields'),
				t('report.doc.col_field'),
				f.fields,
				t('report.doc.no_field')
			)
		)
	);
	add({ kind: 'subheading', text: t('report.doc.s2_5') });
	add(
		tableOrNone(
			tableOf(
				t('report.doc.table_reasons'),
				[
					ordinalColumn(0.08),
					column<ReasonRow>(t('report.doc.col_reason'), 0.72, 'left', (r) => r.label.vi),
					column<ReasonRow>(t('report.doc.col_count'), 0.2, 'right', (r) => String(r.count))
				],
				f.reasons
			)
		)
	);

	// III. Follow-up
	add({ kind: 'heading', text: t('report.doc.s3') });
	add({
		kind: 'paragraph',
		text: t('report.doc.s3_text', {
			received: f.cases.received,
			on_time: f.cases.resolvedOnTime,
			late: f.cases.resolvedLate,
			open: f.cases.open,
			overdue: f.cases.overdue,
			as_of: formatVietnameseDate(f.asOf)
		})
	});

	// IV. Selected comments
	add({ kind: 'heading', text: t('report.doc.s4') });
	if (f.comments.length === 0) add({ kind: 'paragraph', text: t('report.doc.s4_none') });
	f.comments.forEach((c, i) =>
		add({
			kind: 'paragraph',
			text: `${i + 1}. ${t('report.doc.s4_item', {
				comment: c.comment.replace(/\s+/g, ' '),
				unit: c.counterName ? `${c.unitName}, ${c.counterName}` : c.unitName,
				date: formatVietnameseDate(c.date),
				rating: c.rating ? `, ${c.rating.vi.toLowerCase()}` : ''
			})}`
		})
	);

	// V. Assessment and proposals
	add({ kind: 'heading', text: t('report.doc.s5') });
	add({ kind: 'subheading', text: t('report.doc.s5_assessment') });
	for (const l of lines(texts.assessment)) add({ kind: 'paragraph', text: l });
	add({ kind: 'subheading', text: t('report.doc.s5_proposals') });
	for (const l of lines(texts.proposals)) add({ kind: 'paragraph', text: l });

	return frame(f, texts, t('report.doc.title'), t('report.doc.title_results'), blocks);
}

/** The header, title, period, recipients and signature every template shares. */
export function frame(
	f: ReportFigures,
	texts: ReportTexts,
	title: string,
	subtitle: string,
	blocks: Block[]
): ReportDocument {
	return {
		header: {
			issuer: texts.issuer.toLocaleUpperCase('vi'),
			unit: f.unit.name.toLocaleUpperCase('vi'),
			national: t('report.doc.national'),
			motto: t('report.doc.motto'),
			number: texts.number,
			placeDate: t('report.doc.place_date', {
				place: texts.place,
				date: documentDateWords(texts.date)
			})
		},
		title,
		subtitle,
		period: t('report.doc.period', {
			from: formatVietnameseDate(f.range.from),
			to: formatVietnameseDate(f.range.to)
		}),
		blocks,
		recipientsLabel: t('report.doc.recipients'),
		recipients: lines(texts.recipients),
		signer: { title: lines(texts.signerTitle.toLocaleUpperCase('vi')), name: texts.signerName }
	};
}
