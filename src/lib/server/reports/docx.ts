// Over 300 lines: one renderer of the report's blocks (header, headings, tables, charts, signature)
// into Word; splitting it would split one layout across files.
import {
	AlignmentType,
	Document,
	Header,
	Packer,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableBorders,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { Block, ChartBlock, Column, ReportDocument } from './document';

/**
 * The report as DOCX for offices that edit before signing: the same document model and layout as
 * the PDF (A4, margins 20/20/30/15 mm, Times New Roman 13 pt, as Decree 30/2020/NĐ-CP asks;
 * Word substitutes Tinos where Times New Roman is missing). Table header rows repeat on every
 * page and rows are not split; the page number sits centred in the header from page 2.
 */

/** Millimetres to twips, rounded (docx's own helper truncates 20 mm to 1133). */
function convertMillimetersToTwip(mm: number): number {
	return Math.round((mm * 1440) / 25.4);
}

const BODY = 26; // half-points: 13 pt
const TABLE = 22; // 11 pt
const MARGIN = {
	top: convertMillimetersToTwip(20),
	bottom: convertMillimetersToTwip(20),
	left: convertMillimetersToTwip(30),
	right: convertMillimetersToTwip(15)
};
const TEXT_WIDTH = convertMillimetersToTwip(210 - 30 - 15);

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const ALIGN: Record<Column['align'], Align> = {
	left: AlignmentType.LEFT,
	right: AlignmentType.RIGHT,
	center: AlignmentType.CENTER
};

function run(text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) {
	return new TextRun({ text, bold: opts.bold, italics: opts.italics, size: opts.size ?? BODY });
}

function centred(
	text: string,
	opts: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}
) {
	return new Paragraph({
		alignment: AlignmentType.CENTER,
		children: [
			new TextRun({
				text,
				bold: opts.bold,
				italics: opts.italics,
				size: opts.size ?? BODY,
				underline: opts.underline ? {} : undefined
			})
		]
	});
}

function headerTable(d: ReportDocument): Table {
	const leftW = convertMillimetersToTwip(68);
	const rightW = TEXT_WIDTH - leftW;
	const left = [
		...(d.header.issuer ? [centred(d.header.issuer)] : []),
		centred(d.header.unit, { bold: true }),
		centred('———', { size: 16 }),
		centred(d.header.number)
	];
	const right = [
		centred(d.header.national, { bold: true, size: 24 }),
		centred(d.header.motto, { bold: true, underline: true }),
		centred(''),
		centred(d.header.placeDate, { italics: true })
	];
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: [leftW, rightW],
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE,
		rows: [
			new TableRow({
				children: [
					new TableCell({ children: left, width: { size: leftW, type: WidthType.DXA } }),
					new TableCell({ children: right, width: { size: rightW, type: WidthType.DXA } })
				]
			})
		]
	});
}

function cell(text: string, w: number, align: Column['align'], bold: boolean, shade: boolean) {
	return new TableCell({
		width: { size: w, type: WidthType.DXA },
		shading: shade ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' } : undefined,
		margins: { top: 40, bottom: 40, left: 60, right: 60 },
		children: [
			new Paragraph({
				alignment: ALIGN[align],
				children: [run(text, { bold, size: TABLE })]
			})
		]
	});
}

function table(b: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
	const widths = b.columns.map((c) => Math.round(c.width * TEXT_WIDTH));
	const head = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: b.columns.map((c, i) => cell(c.header, widths[i], 'center', true, true))
	});
	const rows = b.rows.map(
		(cells, r) =>
			new TableRow({
				cantSplit: true,
				children: cells.map((text, i) =>
					cell(
						text,
						widths[i],
						b.columns[i].align,
						Boolean(b.lastIsTotal && r === b.rows.length - 1),
						false
					)
				)
			})
	);
	return [
		new Paragraph({
			alignment: AlignmentType.CENTER,
			keepNext: true,
			spacing: { before: 120, after: 60 },
			children: [run(b.caption, { bold: true, size: TABLE })]
		}),
		new Table({
			width: { size: TEXT_WIDTH, type: WidthType.DXA },
			columnWidths: widths,
			layout: TableLayoutType.FIXED,
			rows: [head, ...rows]
		}),
		new Paragraph({ children: [] })
	];
}

function body(b: Block): (Paragraph | Table)[] {
	switch (b.kind) {
		case 'heading':
			return [
				new Paragraph({
					keepNext: true,
					spacing: { before: 120, after: 60 },
					children: [run(b.text, { bold: true })]
				})
			];
		case 'subheading':
			return [
				new Paragraph({
					keepNext: true,
					indent: { firstLine: convertMillimetersToTwip(10) },
					spacing: { before: 60, after: 60 },
					children: [run(b.text, { bold: true })]
				})
			];
		case 'paragraph':
			return [
				new Paragraph({
					alignment: AlignmentType.JUSTIFIED,
					indent: { firstLine: convertMillimetersToTwip(10) },
					spacing: { after: 80 },
					children: [run(b.text, { italics: b.italic })]
				})
			];
		case 'table':
			return table(b);
		case 'chart':
			return chart(b);
	}
}

/**
 * A chart in Word: a native Word chart (docx's ChartRun, with its data in an embedded workbook,
 * so the office can restyle or correct it), then its figures as a table for readers who cannot
 * see it, and the note.
 */
function chart(b: ChartBlock): (Paragraph | Table)[] {
	const common = {
		title: { text: b.caption, font: { size: 11, bold: true } },
		legend: false as const,
		font: { name: 'Times New Roman' },
		categories: b.points.map((p) => p.label),
		categoryAxis: { title: b.xTitle },
		transformation: { width: 576, height: 300 },
		altText: { name: b.caption, description: b.table.rows.map((r) => r.join(' ')).join('; ') }
	};
	const valueAxis = {
		title: b.yTitle,
		minimum: 0,
		maximum: b.yMax,
		interval: b.yMax / 4,
		numberFormat: b.percent ? '0%' : '0'
	};
	const values = b.points.map((p) => p.value);
	const drawing =
		b.type === 'bars'
			? new ChartRun({
					...common,
					type: 'column',
					valueAxis,
					series: [
						{
							name: b.yTitle,
							values,
							color: '666666',
							dataLabels: { value: true, position: 'outsideEnd' }
						}
					]
				})
			: new ChartRun({
					...common,
					type: 'line',
					valueAxis,
					markers: true,
					emptyValues: 'gap',
					series: [{ name: b.yTitle, values, color: '000000' }]
				});
	return [
		new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [drawing] }),
		...table(b.table),
		...(b.note
			? [
					new Paragraph({
						spacing: { after: 80 },
						children: [run(b.note, { italics: true, size: TABLE })]
					})
				]
			: [])
	];
}

function signature(d: ReportDocument): Table {
	const half = Math.round(TEXT_WIDTH / 2);
	const left = [
		new Paragraph({ children: [run(d.recipientsLabel, { bold: true, italics: true, size: 24 })] }),
		...d.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 22 })] }))
	];
	const right = [
		...d.signer.title.map((line) => centred(line, { bold: true })),
		...Array.from({ length: 4 }, () => centred('')),
		centred(d.signer.name, { bold: true })
	];
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: [half, TEXT_WIDTH - half],
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE,
		rows: [
			new TableRow({
				cantSplit: true,
				children: [
					new TableCell({ children: left, width: { size: half, type: WidthType.DXA } }),
					new TableCell({
						children: right,
						width: { size: TEXT_WIDTH - half, type: WidthType.DXA }
					})
				]
			})
		]
	});
}

/** The annex on a page of its own, under its centred title. */
function annex(d: ReportDocument): (Paragraph | Table)[] {
	if (!d.annex) return [];
	return [
		new Paragraph({
			pageBreakBefore: true,
			alignment: AlignmentType.CENTER,
			children: [run(d.annex.title, { bold: true, size: 28 })]
		}),
		centred(d.annex.subtitle, { bold: true }),
		centred(d.period, { italics: true }),
		new Paragraph({ children: [] }),
		...d.annex.blocks.flatMap(body)
	];
}

export function renderDocx(d: ReportDocument, title: string): Promise<Buffer> {
	const doc = new Document({
		title,
		creator: 'Ý Kiến',
		styles: {
			default: { document: { run: { font: 'Times New Roman', size: BODY } } }
		},
		sections: [
			{
				properties: {
					titlePage: true,
					page: {
						size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
						margin: MARGIN
					}
				},
				headers: {
					first: new Header({ children: [] }),
					default: new Header({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [new TextRun({ children: [PageNumber.CURRENT], size: BODY })]
							})
						]
					})
				},
				children: [
					headerTable(d),
					new Paragraph({ children: [] }),
					centred(d.title, { bold: true, size: 28 }),
					centred(d.subtitle, { bold: true }),
					centred(d.period, { italics: true }),
					centred('———', { size: 16 }),
					...d.blocks.flatMap(body),
					signature(d),
					...annex(d)
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}
