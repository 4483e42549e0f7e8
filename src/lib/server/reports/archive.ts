import { createHash } from 'node:crypto';
import type { ReportPeriod } from '../../domain/report-periods';
import * as audit from '../audit';
import type { Db, DbOrTx } from '../db';
import type { ReportsTable } from '../db/schema';
import { newId, nowIso } from '../ids';
import * as units from '../units';
import type { ReportTexts, TemplateId } from './document';
import type { ReportFigures } from './figures';

/**
 * The archive: a report made is kept with the figures it used and its files, never changed
 * afterwards. Reading it back gives exactly what was generated (the files byte for byte, their
 * SHA-256 recorded at the time).
 */

export type FileKind = 'pdf' | 'docx' | 'signed';

export interface ReportFile {
	kind: FileKind;
	name: string;
	mime: string;
	content: Uint8Array;
}

export interface Actor {
	id: string;
	username: string;
	displayName: string;
}

export interface NewReport {
	template: TemplateId;
	period: ReportPeriod;
	texts: ReportTexts;
	commentIds: string[];
	figures: ReportFigures;
	files: ReportFile[];
}

export function sha256(content: Uint8Array): string {
	return createHash('sha256').update(content).digest('hex');
}

export async function save(
	db: Db,
	report: NewReport,
	actor: Actor,
	context: audit.RequestOrigin = {},
	now = new Date()
): Promise<string> {
	const id = newId();
	const at = nowIso(now);
	await db.transaction().execute(async (tx) => {
		await tx
			.insertInto('reports')
			.values({
				id,
				template: report.template,
				unitId: report.figures.unit.id,
				basis: report.period.basis,
				kind: report.period.kind,
				year: report.period.year,
				periodIndex: report.period.index,
				periodFrom: report.period.from,
				periodTo: report.period.to,
				texts: JSON.stringify(report.texts),
				commentIds: JSON.stringify(report.commentIds),
				figures: JSON.stringify(report.figures),
				createdBy: actor.id,
				createdByName: actor.displayName || actor.username,
				createdAt: at
			})
			.execute();
		for (const f of report.files) {
			await tx
				.insertInto('reportFiles')
				.values({
					reportId: id,
					kind: f.kind,
					name: f.name,
					mime: f.mime,
					size: f.content.byteLength,
					sha256: sha256(f.content),
					content: f.content,
					createdAt: at
				})
				.execute();
		}
		await audit.record(
			tx,
			{
				action: 'report.generate',
				actor,
				targetType: 'report',
				targetId: id,
				detail: {
					template: report.template,
					unitId: report.figures.unit.id,
					unitCode: report.figures.unit.code,
					basis: report.period.basis,
					kind: report.period.kind,
					from: report.period.from,
					to: report.period.to,
					number: report.texts.number,
					files: report.files.map((f) => ({ kind: f.kind, sha256: sha256(f.content) }))
				},
				...audit.origin(context)
			},
			now
		);
	});
	return id;
}

/**
 * Keeps the signed copy of an archived report. A report has one signed copy: a second one is
 * refused (false), so what was filed never changes under anyone's feet.
 */
export async function attachSigned(
	db: Db,
	id: string,
	file: { name: string; content: Uint8Array },
	actor: Actor,
	context: audit.RequestOrigin = {},
	now = new Date()
): Promise<boolean> {
	const at = nowIso(now);
	return db.transaction().execute(async (tx) => {
		const existing = await tx
			.selectFrom('reportFiles')
			.select('kind')
			.where('reportId', '=', id)
			.where('kind', '=', 'signed')
			.executeTakeFirst();
		if (existing) return false;
		const hash = sha256(file.content);
		await tx
			.insertInto('reportFiles')
			.values({
				reportId: id,
				kind: 'signed',
				// The name shown is ours (ASCII); the uploaded one goes to the audit log.
				name: `ban-ky-${id.slice(0, 8)}.pdf`,
				mime: 'application/pdf',
				size: file.content.byteLength,
				sha256: hash,
				content: file.content,
				createdAt: at
			})
			.execute();
		await audit.record(
			tx,
			{
				action: 'report.attach_signed',
				actor,
				targetType: 'report',
				targetId: id,
				detail: {
					uploadedName: file.name.slice(0, 200),
					size: file.content.byteLength,
					sha256: hash
				},
				...audit.origin(context)
			},
			now
		);
		return true;
	});
}

export interface ArchivedReport {
	id: string;
	template: TemplateId;
	unitId: string;
	unitName: string;
	period: ReportPeriod;
	texts: ReportTexts;
	commentIds: string[];
	figures: ReportFigures;
	createdBy: string | null;
	createdByName: string;
	createdAt: string;
	files: { kind: FileKind; name: string; mime: string; size: number; sha256: string }[];
}

export async function byId(db: DbOrTx, id: string): Promise<ArchivedReport | null> {
	const r = await db
		.selectFrom('reports')
		.innerJoin('units', 'units.id', 'reports.unitId')
		.selectAll('reports')
		.select('units.name as unitName')
		.where('reports.id', '=', id)
		.executeTakeFirst();
	if (!r) return null;
	const files = await db
		.selectFrom('reportFiles')
		.select(['kind', 'name', 'mime', 'size', 'sha256'])
		.where('reportId', '=', id)
		.orderBy('kind')
		.execute();
	return {
		id: r.id,
		template: r.template as TemplateId,
		unitId: r.unitId,
		unitName: r.unitName,
		period: {
			basis: r.basis as ReportPeriod['basis'],
			kind: r.kind as ReportPeriod['kind'],
			year: r.year,
			index: r.periodIndex,
			from: r.periodFrom,
			to: r.periodTo
		},
		texts: JSON.parse(r.texts) as ReportTexts,
		commentIds: JSON.parse(r.commentIds) as string[],
		figures: JSON.parse(r.figures) as ReportFigures,
		createdBy: r.createdBy,
		createdByName: r.createdByName,
		createdAt: r.createdAt,
		files: files.map((f) => ({ ...f, kind: f.kind as FileKind, size: Number(f.size) }))
	};
}

export async function file(
	db: DbOrTx,
	id: string,
	kind: FileKind
): Promise<{ name: string; mime: string; content: Uint8Array } | null> {
	const f = await db
		.selectFrom('reportFiles')
		.select(['name', 'mime', 'content'])
		.where('reportId', '=', id)
		.where('kind', '=', kind)
		.executeTakeFirst();
	return f ?? null;
}

export type ReportListItem = Pick<
	ReportsTable,
	| 'id'
	| 'basis'
	| 'kind'
	| 'year'
	| 'periodIndex'
	| 'periodFrom'
	| 'periodTo'
	| 'createdByName'
	| 'createdAt'
> & { unitName: string; number: string };

/** Reports of units within `root`'s subtree (null: all), newest first. */
export async function list(db: DbOrTx, root: string | null, limit = 50): Promise<ReportListItem[]> {
	let q = db
		.selectFrom('reports')
		.innerJoin('units', 'units.id', 'reports.unitId')
		.select([
			'reports.id',
			'units.name as unitName',
			'reports.basis',
			'reports.kind',
			'reports.year',
			'reports.periodIndex',
			'reports.periodFrom',
			'reports.periodTo',
			'reports.texts',
			'reports.createdByName',
			'reports.createdAt'
		]);
	if (root !== null) {
		const ids = await units.subtreeIds(db, root);
		q = q.where('reports.unitId', 'in', ids.length ? ids : ['']);
	}
	const rows = await q
		.orderBy('reports.createdAt', 'desc')
		.orderBy('reports.id')
		.limit(limit)
		.execute();
	return rows.map(({ texts, ...r }) => ({
		...r,
		number: (JSON.parse(texts) as ReportTexts).number
	}));
}
