import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text of a PDF's pages with Debian's poppler-utils (pdftotext), one string per page. */
export function pdfPages(pdf: Uint8Array): string[] {
	const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
	const file = join(dir, 'r.pdf');
	writeFileSync(file, pdf);
	const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
	const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
	const out: string[] = [];
	for (let i = 1; i <= pages; i++) {
		// -raw keeps the content stream's order: a table cell's wrapped lines stay together.
		const text = execFileSync('pdftotext', ['-raw', '-f', `${i}`, '-l', `${i}`, file, '-'], {
			encoding: 'utf8'
		});
		out.push(squash(text));
	}
	return out;
}

/** Text in the top margin (the first 20 mm) of each page: where the page numbers go. */
export function pdfTopMargins(pdf: Uint8Array): string[] {
	const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
	const file = join(dir, 'r.pdf');
	writeFileSync(file, pdf);
	const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
	const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
	const out: string[] = [];
	for (let i = 1; i <= pages; i++) {
		// At 72 dpi a pixel is a point: an A4 page is 595 wide; 20 mm is 56.7 points.
		const args = ['-f', `${i}`, '-l', `${i}`, '-x', '0', '-y', '0', '-W', '595', '-H', '56'];
		out.push(squash(execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' })));
	}
	return out;
}

/** The text of a DOCX's body: word/document.xml, one paragraph per line, tags removed. */
export function docxText(docx: Uint8Array): string {
	const dir = mkdtempSync(join(tmpdir(), 'report-docx-'));
	const file = join(dir, 'r.docx');
	writeFileSync(file, docx);
	const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
	return squash(
		xml
			.replace(/<\/w:p>/g, '\n')
			.replace(/<w:tab\/>/g, ' ')
			.replace(/<[^>]+>/g, '')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&apos;/g, "'")
			.replace(/&amp;/g, '&')
	);
}

export function docxXml(docx: Uint8Array, part = 'word/document.xml'): string {
	const dir = mkdtempSync(join(tmpdir(), 'report-docx-'));
	const file = join(dir, 'r.docx');
	writeFileSync(file, docx);
	return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' });
}

/** Whitespace and line breaks as single spaces, Unicode in NFC. */
export function squash(text: string): string {
	return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
