import { reportPeriod } from '../../domain/report-periods';
import type { Localized } from '../../domain/survey';
import { vietnamToday } from '../../domain/time';
import type { Db, DbOrTx } from '../db';
import { sendOnce, type Mailer } from '../mail';
import * as reports from '../reports';
import type { ReportTexts } from '../reports';
import * as units from '../units';
import type { Job } from './queue';
import { subscribersOf, type ReportJobPayload } from './schedules';

/**
 * Runs one scheduled report job: generates the report through the same function as the
 * /admin/reports "generate" button, keeps it in the archive, and e-mails the PDF to the
 * schedule's subscribers that have an address (when a mailer is configured).
 *
 * Run again after a crash (the lease ran out), it finds the report it already archived rather
 * than making a second one, and e-mails only those not sent yet (mail.ts sendOnce).
 */

/** The name a scheduled report is archived under ("created by"). */
export const SCHEDULED_BY = 'Lịch báo cáo tự động';

export interface ReportJobDeps {
	mailer: Mailer | null;
	reasonLabels: (db: Db) => Promise<Record<string, Localized>>;
	/** The address the server is reached at (ORIGIN), for the link in the e-mail. */
	origin?: string | null;
	now?: Date;
}

export interface ReportJobResult {
	/** null when every subscriber left before the report was due: nothing is made. */
	reportId: string | null;
	sent: number;
	failed: number;
}

async function textsFor(db: Db, unitId: string, today: string): Promise<ReportTexts> {
	const unit = await units.byId(db, unitId);
	const parent = unit?.parentId ? await units.byId(db, unit.parentId) : undefined;
	return {
		issuer: parent?.name ?? '',
		// Left for the office to fill in by hand or in the DOCX before signing.
		number: 'Số:        /BC',
		place: unit?.name ?? '',
		date: today,
		assessment: '',
		proposals: '',
		recipients: '',
		signerTitle: '',
		signerName: ''
	};
}

/** The report this job archived on an earlier attempt, if any. */
async function archivedBefore(db: Db, job: Job, p: ReportJobPayload): Promise<string | null> {
	const row = await db
		.selectFrom('reports')
		.select('id')
		.where('template', '=', p.template)
		.where('unitId', '=', p.unitId)
		.where('basis', '=', p.basis)
		.where('kind', '=', p.kind)
		.where('year', '=', p.year)
		.where('periodIndex', '=', p.index)
		.where('createdByName', '=', SCHEDULED_BY)
		.where('createdAt', '>=', job.createdAt)
		.orderBy('createdAt')
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function runReportJob(
	db: Db,
	job: Job,
	deps: ReportJobDeps
): Promise<ReportJobResult> {
	const p = JSON.parse(job.payload) as ReportJobPayload;
	const subscribers = (await subscribersOf(db, p)).filter((s) => !s.disabledAt);
	let reportId = await archivedBefore(db, job, p);
	if (!reportId && subscribers.length === 0) return { reportId: null, sent: 0, failed: 0 };
	if (!reportId) {
		const now = deps.now ?? new Date();
		const today = vietnamToday(now);
		const first = subscribers[0];
		// Archived as made by the schedule, on behalf of whoever set it up.
		const actor = {
			id: first.createdBy ?? first.userId,
			username: 'schedule',
			displayName: SCHEDULED_BY
		};
		reportId = await reports.generate(
			db,
			{
				template: p.template,
				unitId: p.unitId,
				period: { basis: p.basis, kind: p.kind, year: p.year, index: p.index },
				texts: await textsFor(db, p.unitId, today),
				commentIds: []
			},
			actor,
			{ asOf: today, reasonLabels: await deps.reasonLabels(db) }
		);
	}
	let sent = 0;
	let failed = 0;
	const recipients = [...new Set(subscribers.map((s) => s.email).filter((e): e is string => !!e))];
	if (deps.mailer && recipients.length > 0) {
		const report = await reports.archive.byId(db, reportId);
		const pdf = await reports.archive.file(db, reportId, 'pdf');
		if (report && pdf) {
			const document = reports.buildDocument(report.figures, report.texts, report.template);
			const period = reportPeriod(report.period);
			const subject = `Báo cáo định kỳ: ${document.subtitle || document.title} - ${report.unitName} (${period.from.split('-').reverse().join('/')} - ${period.to.split('-').reverse().join('/')})`;
			const link = deps.origin
				? `${deps.origin.replace(/\/$/, '')}/admin/reports/${reportId}`
				: null;
			const text = [
				`Kính gửi anh/chị,`,
				``,
				`Hệ thống Ý Kiến gửi kèm ${document.title.toLocaleLowerCase('vi')} ${document.subtitle.toLocaleLowerCase('vi')} của ${report.unitName}, ${document.period}.`,
				`Báo cáo đã được lưu trong kho báo cáo${link ? `: ${link}` : '.'}`,
				``,
				`The scheduled report of ${report.unitName} is attached (PDF).`
			].join('\n');
			for (const to of recipients) {
				const outcome = await sendOnce(db, deps.mailer, job.key, {
					to,
					subject,
					text,
					attachments: [{ filename: pdf.name, content: pdf.content, contentType: pdf.mime }]
				});
				if (outcome === 'sent') sent++;
				if (outcome === 'failed') failed++;
			}
		}
	}
	return { reportId, sent, failed };
}

export interface ScheduledReport {
	id: string;
	template: string;
	unitName: string;
	periodFrom: string;
	periodTo: string;
	createdAt: string;
}

/** The latest scheduled reports on units of `root`'s subtree (null: all), for the overview. */
export async function recentScheduled(
	db: DbOrTx,
	root: string | null,
	limit = 5
): Promise<ScheduledReport[]> {
	const ids = root === null ? null : await units.subtreeIds(db, root);
	let q = db
		.selectFrom('reports')
		.innerJoin('units', 'units.id', 'reports.unitId')
		.select([
			'reports.id',
			'reports.template',
			'units.name as unitName',
			'reports.periodFrom',
			'reports.periodTo',
			'reports.createdAt'
		])
		.where('reports.createdByName', '=', SCHEDULED_BY);
	if (ids !== null) q = q.where('reports.unitId', 'in', ids.length ? ids : ['']);
	return q.orderBy('reports.createdAt', 'desc').orderBy('reports.id').limit(limit).execute();
}
