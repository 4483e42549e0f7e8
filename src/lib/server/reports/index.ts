import { reportPeriod, type ReportPeriodInput } from '../../domain/report-periods';
import type { Localized } from '../../domain/survey';
import * as audit from '../audit';
import type { AuditContext } from '../audit';
import { urlOf, type Db, type DbOrTx } from '../db';
import * as archive from './archive';
import { rankingAnnex } from './annex';
import { danVanReport } from './dan-van';
import {
	resultsDocument,
	type ReportDocument,
	type ReportTexts,
	type TemplateId
} from './document';
import { renderDocx } from './docx';
import { buildFigures, figuresDiffer, type ReportFigures } from './figures';
import { renderPdf } from './pdf';
import { makeInWorker } from './worker';

/**
 * Official reports (issue 13): `import * as reports from '$lib/server/reports'`.
 *
 *   const made = await reports.compose(db, input, { asOf: vietnamToday(), reasonLabels });
 *   const id = await reports.generate(db, input, user, { asOf, reasonLabels });
 *
 * Figures come from the statistics module only (figures.ts); the document model (document.ts)
 * is rendered as HTML by the page, as PDF (pdf.ts) and as DOCX (docx.ts).
 */

/** The document of a template from its figures and texts. */
export function buildDocument(
	figures: ReportFigures,
	texts: ReportTexts,
	template: TemplateId
): ReportDocument {
	if (template === 'ranking') return rankingAnnex(figures, texts);
	if (template === 'dan_van') return danVanReport(figures, texts);
	return resultsDocument(figures, texts);
}

export interface ReportInput {
	template: TemplateId;
	unitId: string;
	period: ReportPeriodInput;
	texts: ReportTexts;
	commentIds: string[];
}

export interface ComposeOptions {
	/** The Vietnam date the figures are read as of (the overdue cases depend on it). */
	asOf: string;
	reasonLabels: Record<string, Localized>;
}

export async function compose(
	db: DbOrTx,
	input: ReportInput,
	opts: ComposeOptions
): Promise<{ figures: ReportFigures; document: ReportDocument }> {
	const figures = await buildFigures(db, {
		unitId: input.unitId,
		period: reportPeriod(input.period),
		commentIds: input.commentIds,
		reasonLabels: opts.reasonLabels,
		asOf: opts.asOf,
		yearRows: input.template === 'dan_van',
		trend: input.template === 'results'
	});
	return { figures, document: buildDocument(figures, input.texts, input.template) };
}

/** "bao-cao-TB-2026-Q1-ND09": a file name without spaces or diacritics. */
export function fileBase(
	figures: ReportFigures,
	period: ReportPeriodInput,
	template: TemplateId = 'results'
): string {
	const code = figures.unit.code.replace(/[^A-Za-z0-9_-]/g, '');
	const part =
		period.kind === 'month'
			? `T${String(period.index).padStart(2, '0')}`
			: period.kind === 'quarter'
				? `Q${period.index}`
				: { six_months: '6T', nine_months: '9T', year: 'Nam' }[period.kind];
	const kind = { results: 'bao-cao', dan_van: 'bao-cao-dan-van-kheo', ranking: 'phu-luc-xep-hang' }[
		template
	];
	return `${kind}-${code}-${period.year}-${part}${period.basis === 'cutoff' ? '-ND09' : ''}`;
}

export async function renderFiles(
	figures: ReportFigures,
	document: ReportDocument,
	period: ReportPeriodInput,
	template: TemplateId = 'results'
): Promise<archive.ReportFile[]> {
	const title = `${document.title} ${document.subtitle} ${document.period}`;
	const base = fileBase(figures, period, template);
	const [pdf, docx] = await Promise.all([renderPdf(document, title), renderDocx(document, title)]);
	return [
		{ kind: 'pdf', name: `${base}.pdf`, mime: 'application/pdf', content: pdf },
		{
			kind: 'docx',
			name: `${base}.docx`,
			mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			content: docx
		}
	];
}

/**
 * Makes the report, keeps it in the archive with its files, and writes the audit line. The
 * figures and files are made on a worker thread (worker.ts) over the database file, so the
 * server keeps answering meanwhile; on the server's thread only for an in-memory database (the
 * tests) or when `inline` is asked (the benchmark's "before").
 */
export async function generate(
	db: Db,
	input: ReportInput,
	actor: archive.Actor,
	opts: ComposeOptions & { ip?: string | null; requestId?: string | null; inline?: boolean }
): Promise<string> {
	// The SQLite file or the PostgreSQL URL: the thread opens its own connection on it.
	const path = urlOf(db);
	const { figures, files } =
		opts.inline || path === ':memory:'
			? await makeHere(db, input, opts)
			: await makeInWorker(path, input, { asOf: opts.asOf, reasonLabels: opts.reasonLabels });
	// Rendering is slow work: done before, never inside, the archive's transaction.
	return archive.save(
		db,
		{
			template: input.template,
			period: reportPeriod(input.period),
			texts: input.texts,
			commentIds: input.commentIds,
			figures,
			files
		},
		actor,
		{ ip: opts.ip, requestId: opts.requestId }
	);
}

async function makeHere(db: DbOrTx, input: ReportInput, opts: ComposeOptions) {
	const { figures, document } = await compose(db, input, opts);
	const files = await renderFiles(figures, document, input.period, input.template);
	return { figures, files };
}

/**
 * An archived report as it was made, and whether today's figures for the same unit, period,
 * comments and "as of" date differ from the ones it was made with.
 */
export async function reopen(
	db: DbOrTx,
	id: string,
	reasonLabels: Record<string, Localized>
): Promise<{ report: archive.ArchivedReport; document: ReportDocument; differs: boolean } | null> {
	const report = await archive.byId(db, id);
	if (!report) return null;
	const today = await buildFigures(db, {
		unitId: report.unitId,
		period: report.period,
		commentIds: report.commentIds,
		reasonLabels,
		asOf: report.figures.asOf,
		yearRows: report.template === 'dan_van',
		trend: report.template === 'results'
	});
	return {
		report,
		document: buildDocument(report.figures, report.texts, report.template),
		differs: figuresDiffer(report.figures, today)
	};
}

export { archive };

/** An archived file as kept (pdf, docx or the signed scan), with its audit line; null if none. */
export async function download(
	db: DbOrTx,
	id: string,
	kind: archive.FileKind,
	ctx: AuditContext
): Promise<{ name: string; mime: string; content: Uint8Array } | null> {
	const file = await archive.file(db, id, kind);
	if (!file) return null;
	await audit.record(db, {
		...ctx,
		action: 'report.download',
		targetType: 'report',
		targetId: id,
		detail: { kind }
	});
	return file;
}
export type { Block, Column, ReportDocument, ReportTexts, TemplateId } from './document';
export type { ReportFigures } from './figures';
export { MAX_SIGNED_BYTES, checkSignedPdf } from './signed';
export { OFFERED_COMMENTS, MAX_SELECTED_COMMENTS, offered } from './comments';
