// Over 300 lines: one renderer of the report's blocks (header, headings, tables that repeat their
// header, vector charts, signature) onto A4 after Decree 30; its page layout state is shared.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Block, ChartBlock, Column, ReportDocument } from './document';

/**
 * The report as a PDF, laid out after Decree 30/2020/NĐ-CP: A4, margins 20 mm top and bottom,
 * 30 mm left, 15 mm right; Tinos (metric-compatible with Times New Roman, full Vietnamese
 * coverage) from @expo-google-fonts/tinos, embedded from the installed package, nothing fetched;
 * body 13 pt; page numbers centred in the top margin from page 2. Tables take the full text width
 * with fixed column shares, so no column is ever cut, and repeat their header row on every page.
 */

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const BODY = 13;
const TABLE = 11;
const PAD = 3;

const require = createRequire(import.meta.url);
const FONTS = {
	regular: require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
	bold: require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf'),
	italic: require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'),
	boldItalic: require.resolve('@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf')
};

type Doc = PDFKit.PDFDocument;

function bottom(doc: Doc): number {
	return doc.page.height - MARGINS.bottom;
}

function width(doc: Doc): number {
	return doc.page.width - MARGINS.left - MARGINS.right;
}

function header(doc: Doc, d: ReportDocument): void {
	const left = MARGINS.left;
	const leftW = 68 * MM;
	const rightX = left + leftW - 6 * MM;
	const rightW = width(doc) - leftW + 6 * MM;
	const top = MARGINS.top;

	doc.font('regular').fontSize(BODY);
	let y = top;
	if (d.header.issuer) {
		doc.text(d.header.issuer, left, y, { width: leftW, align: 'center' });
		y = doc.y;
	}
	doc.font('bold').text(d.header.unit, left, y, { width: leftW, align: 'center' });
	y = doc.y + 2;
	doc
		.moveTo(left + leftW / 2 - 12 * MM, y)
		.lineTo(left + leftW / 2 + 12 * MM, y)
		.lineWidth(0.6)
		.stroke();
	doc
		.font('regular')
		.fontSize(BODY)
		.text(d.header.number, left, y + 6, { width: leftW, align: 'center' });
	const leftEnd = doc.y;

	doc.font('bold').fontSize(12).text(d.header.national, rightX, top, {
		width: rightW,
		align: 'center'
	});
	doc.fontSize(BODY).text(d.header.motto, rightX, doc.y, { width: rightW, align: 'center' });
	const mottoW = doc.widthOfString(d.header.motto);
	y = doc.y + 2;
	doc
		.moveTo(rightX + (rightW - mottoW) / 2, y)
		.lineTo(rightX + (rightW + mottoW) / 2, y)
		.lineWidth(0.6)
		.stroke();
	doc
		.font('italic')
		.fontSize(BODY)
		.text(d.header.placeDate, rightX, y + 6, { width: rightW, align: 'center' });
	doc.y = Math.max(leftEnd, doc.y) + 18;
	doc.x = left;

	doc
		.font('bold')
		.fontSize(14)
		.text(d.title, left, doc.y, { width: width(doc), align: 'center' });
	doc.fontSize(BODY).text(d.subtitle, { width: width(doc), align: 'center' });
	doc.font('italic').text(d.period, { width: width(doc), align: 'center' });
	const y2 = doc.y + 3;
	const mid = left + width(doc) / 2;
	doc
		.moveTo(mid - 20 * MM, y2)
		.lineTo(mid + 20 * MM, y2)
		.lineWidth(0.6)
		.stroke();
	doc.y = y2 + 12;
}

function paragraph(doc: Doc, text: string, font: string, opts: { indent?: boolean } = {}): void {
	doc
		.font(font)
		.fontSize(BODY)
		.text(text, MARGINS.left, doc.y, {
			width: width(doc),
			align: 'justify',
			indent: opts.indent === false ? 0 : 10 * MM,
			lineGap: 2,
			paragraphGap: 6
		});
}

function cellHeight(doc: Doc, text: string, w: number): number {
	return doc.heightOfString(text, { width: w - 2 * PAD }) + 2 * PAD;
}

function row(doc: Doc, cells: string[], columns: Column[], font: string, fill?: string): void {
	const total = width(doc);
	doc.font(font).fontSize(TABLE);
	const widths = columns.map((c) => c.width * total);
	const h = Math.max(...cells.map((c, i) => cellHeight(doc, c, widths[i])));
	const y = doc.y;
	let x = MARGINS.left;
	cells.forEach((text, i) => {
		if (fill) doc.rect(x, y, widths[i], h).fill(fill).fillColor('black');
		doc.rect(x, y, widths[i], h).lineWidth(0.5).stroke();
		doc.font(font).text(text, x + PAD, y + PAD, {
			width: widths[i] - 2 * PAD,
			align: fill ? 'center' : columns[i].align
		});
		x += widths[i];
	});
	doc.y = y + h;
	doc.x = MARGINS.left;
}

function rowHeight(doc: Doc, cells: string[], columns: Column[], font: string): number {
	doc.font(font).fontSize(TABLE);
	return Math.max(...cells.map((c, i) => cellHeight(doc, c, columns[i].width * width(doc))));
}

function table(doc: Doc, b: Extract<Block, { kind: 'table' }>): void {
	const headers = b.columns.map((c) => c.header);
	const headH = rowHeight(doc, headers, b.columns, 'bold');
	const firstH = b.rows.length > 0 ? rowHeight(doc, b.rows[0], b.columns, 'regular') : 0;
	// The caption, the header and a first row stay together.
	doc.font('bold').fontSize(TABLE);
	const captionH = doc.heightOfString(b.caption, { width: width(doc) }) + 4;
	if (doc.y + captionH + headH + firstH > bottom(doc)) doc.addPage();
	doc.text(b.caption, MARGINS.left, doc.y, { width: width(doc), align: 'center' });
	doc.y += 4;
	row(doc, headers, b.columns, 'bold', '#eeeeee');
	b.rows.forEach((cells, i) => {
		const font = b.lastIsTotal && i === b.rows.length - 1 ? 'bold' : 'regular';
		if (doc.y + rowHeight(doc, cells, b.columns, font) > bottom(doc)) {
			doc.addPage();
			row(doc, headers, b.columns, 'bold', '#eeeeee');
		}
		row(doc, cells, b.columns, font);
	});
	doc.y += 10;
}

function blocks(doc: Doc, list: Block[]): void {
	for (const b of list) {
		if (b.kind === 'heading') {
			if (doc.y + 60 > bottom(doc)) doc.addPage();
			paragraph(doc, b.text, 'bold', { indent: false });
		} else if (b.kind === 'subheading') {
			if (doc.y + 50 > bottom(doc)) doc.addPage();
			paragraph(doc, b.text, 'bold');
		} else if (b.kind === 'paragraph') {
			paragraph(doc, b.text, b.italic ? 'italic' : 'regular');
		} else if (b.kind === 'chart') chart(doc, b);
		else table(doc, b);
	}
}

const PLOT_H = 150;
const SMALL = 9;

function tickText(value: number, percent: boolean): string {
	return percent ? `${Math.round(value * 100)}%` : String(Math.round(value));
}

/**
 * A chart in vector drawing: the caption, the value axis's title above it, ticks and light
 * grid lines, the points (a line with dots, hollow under the minimum n) or bars with their
 * values, the category labels under the axis (every k-th when crowded) and the axis's title.
 */
function chart(doc: Doc, b: ChartBlock): void {
	doc.font('bold').fontSize(TABLE);
	const captionH = doc.heightOfString(b.caption, { width: width(doc) }) + 4;
	const total = captionH + 16 + PLOT_H + 40 + (b.note ? 30 : 0);
	if (doc.y + total > bottom(doc)) doc.addPage();
	doc.text(b.caption, MARGINS.left, doc.y, { width: width(doc), align: 'center' });
	doc.y += 4;
	doc.font('italic').fontSize(SMALL).text(b.yTitle, MARGINS.left, doc.y, { lineBreak: false });
	const top = doc.y + 14;
	const left = MARGINS.left + 34;
	const plotW = width(doc) - 44;
	const base = top + PLOT_H;
	const yOf = (v: number) => base - (Math.min(v, b.yMax) / b.yMax) * PLOT_H;

	doc.font('regular').fontSize(SMALL);
	for (let i = 0; i <= 4; i++) {
		const v = (b.yMax * i) / 4;
		const y = yOf(v);
		doc
			.moveTo(left, y)
			.lineTo(left + plotW, y)
			.lineWidth(0.3)
			.strokeColor('#bbbbbb')
			.stroke();
		doc.fillColor('black').text(tickText(v, b.percent), MARGINS.left, y - 4, {
			width: 30,
			align: 'right',
			lineBreak: false
		});
	}
	doc.strokeColor('black');
	doc
		.moveTo(left, top)
		.lineTo(left, base)
		.lineTo(left + plotW, base)
		.lineWidth(0.8)
		.stroke();

	const n = b.points.length;
	const slot = plotW / Math.max(n, 1);
	const xOf = (i: number) => left + slot * (i + 0.5);
	if (b.type === 'bars') {
		b.points.forEach((p, i) => {
			if (p.value === null) return;
			const w = Math.min(slot * 0.6, 60);
			const y = yOf(p.value);
			doc.rect(xOf(i) - w / 2, y, w, base - y).fill('#666666');
			doc.fillColor('black').text(tickText(p.value, b.percent), xOf(i) - slot / 2, y - 11, {
				width: slot,
				align: 'center',
				lineBreak: false
			});
		});
	} else {
		let drawing = false;
		b.points.forEach((p, i) => {
			if (p.value === null) {
				drawing = false;
				return;
			}
			if (drawing) doc.lineTo(xOf(i), yOf(p.value));
			else doc.moveTo(xOf(i), yOf(p.value));
			drawing = true;
		});
		doc.lineWidth(1.2).stroke();
		b.points.forEach((p, i) => {
			if (p.value === null) return;
			doc.circle(xOf(i), yOf(p.value), 2.6).lineWidth(0.8);
			if (p.faint) doc.fillAndStroke('white', 'black');
			else doc.fillAndStroke('black', 'black');
		});
		doc.fillColor('black');
	}
	// Category labels: every k-th so that they never run into each other.
	const every = Math.max(1, Math.ceil((n * 30) / plotW));
	b.points.forEach((p, i) => {
		if (i % every !== 0) return;
		doc.text(p.label, xOf(i) - Math.max(slot, 30) / 2, base + 4, {
			width: Math.max(slot, 30),
			align: 'center',
			lineBreak: false
		});
	});
	doc.font('italic').text(b.xTitle, left, base + 18, {
		width: plotW,
		align: 'center',
		lineBreak: false
	});
	doc.y = base + 34;
	if (b.note) {
		doc
			.font('italic')
			.fontSize(SMALL)
			.text(b.note, MARGINS.left, doc.y, { width: width(doc) });
	}
	doc.x = MARGINS.left;
	doc.y += 8;
}

function signature(doc: Doc, d: ReportDocument): void {
	const left = MARGINS.left;
	const leftW = width(doc) * 0.48;
	const rightX = left + leftW;
	const rightW = width(doc) - leftW;
	doc.font('regular').fontSize(11);
	const listH = d.recipients.reduce(
		(s, r) => s + doc.heightOfString(`- ${r}`, { width: leftW }),
		20
	);
	const needed = Math.max(listH, 40 * MM + d.signer.title.length * 16);
	if (doc.y + needed > bottom(doc)) doc.addPage();
	const top = doc.y + 6;
	doc.font('boldItalic').fontSize(12).text(d.recipientsLabel, left, top, { width: leftW });
	doc.font('regular').fontSize(11);
	for (const r of d.recipients) doc.text(`- ${r}`, left, doc.y, { width: leftW });
	const leftEnd = doc.y;
	doc.font('bold').fontSize(BODY);
	let y = top;
	for (const line of d.signer.title) {
		doc.text(line, rightX, y, { width: rightW, align: 'center' });
		y = doc.y;
	}
	doc.text(d.signer.name, rightX, y + 28 * MM, { width: rightW, align: 'center' });
	doc.y = Math.max(leftEnd, doc.y);
}

function pageNumbers(doc: Doc): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start + 1; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		// Write inside the top margin without pdfkit starting a new page.
		const saved = doc.page.margins.top;
		doc.page.margins.top = 0;
		doc
			.font('regular')
			.fontSize(BODY)
			.text(String(i + 1), MARGINS.left, 10 * MM, {
				width: width(doc),
				align: 'center',
				lineBreak: false
			});
		doc.page.margins.top = saved;
	}
}

export function renderPdf(d: ReportDocument, title: string): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: MARGINS,
		bufferPages: true,
		info: { Title: title, Producer: 'Ý Kiến', Creator: 'Ý Kiến' },
		lang: 'vi-VN'
	});
	doc.registerFont('regular', FONTS.regular);
	doc.registerFont('bold', FONTS.bold);
	doc.registerFont('italic', FONTS.italic);
	doc.registerFont('boldItalic', FONTS.boldItalic);
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	header(doc, d);
	blocks(doc, d.blocks);
	signature(doc, d);
	if (d.annex) {
		// The annex starts a page of its own, under its centred title.
		doc.addPage();
		doc
			.font('bold')
			.fontSize(14)
			.text(d.annex.title, MARGINS.left, doc.y, { width: width(doc), align: 'center' });
		doc.fontSize(BODY).text(d.annex.subtitle, { width: width(doc), align: 'center' });
		doc.font('italic').text(d.period, { width: width(doc), align: 'center' });
		doc.y += 12;
		blocks(doc, d.annex.blocks);
	}
	pageNumbers(doc);
	doc.end();
	return done;
}
