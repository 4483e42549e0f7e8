import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { json, type RequestEvent } from '@sveltejs/kit';
import { vietnamToday } from '../../domain/time';
import { apiError } from '../api';
import * as audit from '../audit';
import type { Db } from '../db';
import { describeScope } from './describe';
import * as jobs from './jobs';
import { OutputClosed, countRows, produce } from './produce';
import { callerOf, parseExport } from './request';
import { exportDirOf, wakeExportRunner } from './runner';

// The export endpoints' work, kept out of the routes so the tests drive exactly what the
// server runs (routes/api/v1/export*, thin wrappers).

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'getClientAddress'>;

/** Up to this many answer rows an export is streamed at once; above, it becomes a job. */
export const SYNC_MAX_ROWS = 50_000;

export const CONTENT_TYPES: Record<string, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
};

/** The file name offered for download: y-kien-phan-hoi-2026-01-01-2026-03-31.xlsx */
export function downloadName(content: string, from: string, to: string, format: string): string {
	const what =
		{ summary: 'tong-hop', responses: 'phan-hoi', comments: 'y-kien', cases: 'theo-doi' }[
			content
		] ?? content;
	const range = `${from === '0000-01-01' ? 'x' : from}-${to === '9999-12-31' ? 'x' : to}`;
	return `y-kien-${what}-${range}.${format}`;
}

function who(
	event: Event,
	caller: { user: { id: string; username: string } | null; name: string }
) {
	return {
		actor: caller.user,
		username: caller.name,
		ip: event.getClientAddress(),
		requestId: event.locals.requestId
	};
}

/** GET /api/v1/export */
export async function exportResponse(db: Db, event: Event, syncMaxRows: number): Promise<Response> {
	const caller = await callerOf(db, event);
	if (caller instanceof Response) return caller;
	const parsed = await parseExport(db, caller.asker, event.url.searchParams, vietnamToday());
	if (!parsed.ok) {
		const extra = parsed.details ? { details: parsed.details } : {};
		return apiError(parsed.status, parsed.code, parsed.message, extra);
	}
	const req = parsed.request;
	const scope = await describeScope(db, req);
	const rows = await countRows(db, req);
	const detail = { format: req.format, content: req.content, scope, rows, tokenId: caller.tokenId };

	if (rows > syncMaxRows) {
		const job = await jobs.create(db, { caller, req, scope, rowsTotal: rows });
		await audit.record(db, {
			...who(event, caller),
			action: 'export.job_create',
			targetType: 'export_job',
			targetId: job.id,
			detail
		});
		wakeExportRunner();
		return json(
			{ job: { id: job.id, status: job.status, rowsDone: job.rowsDone, rowsTotal: job.rowsTotal } },
			{ status: 202, headers: { location: `/api/v1/export-jobs/${job.id}` } }
		);
	}

	await audit.record(db, { ...who(event, caller), action: 'export.download', detail });
	const out = new PassThrough();
	produce(db, req, scope, out).catch((e) => {
		if (e instanceof OutputClosed) return;
		console.error('exports: failed while streaming', e);
		out.destroy(e instanceof Error ? e : new Error(String(e)));
	});
	const { from, to } = req.query.filters;
	return new Response(Readable.toWeb(out) as ReadableStream, {
		headers: {
			'content-type': CONTENT_TYPES[req.format],
			'content-disposition': `attachment; filename="${downloadName(req.content, from, to, req.format)}"`,
			'cache-control': 'no-store',
			'x-export-rows': String(rows)
		}
	});
}

/** A job as the API shows it. */
export function jobJson(job: jobs.ExportJob) {
	const ready = job.status === 'done' && job.fileName !== null;
	return {
		id: job.id,
		status: job.status,
		format: job.format,
		content: job.content,
		rowsDone: job.rowsDone,
		rowsTotal: job.rowsTotal,
		bytes: job.bytes,
		createdAt: job.createdAt,
		finishedAt: job.finishedAt,
		error: job.error,
		purged: job.purgedAt !== null,
		...(ready ? { file: `/api/v1/export-jobs/${job.id}/file` } : {})
	};
}

/**
 * The job if `event`'s caller owns it, else the error response. Someone else's job is 404,
 * not 403, so ids cannot be probed.
 */
async function ownJob(db: Db, event: Event, id: string) {
	const caller = await callerOf(db, event);
	if (caller instanceof Response) return caller;
	const job = await jobs.byId(db, id.slice(0, 60));
	if (!job || !jobs.isOwner(job, caller)) return apiError(404, 'not_found', 'No such export job');
	return { caller, job };
}

/** GET /api/v1/export-jobs/<id> */
export async function jobResponse(db: Db, event: Event, id: string): Promise<Response> {
	const found = await ownJob(db, event, id);
	if (found instanceof Response) return found;
	return json({ job: jobJson(found.job) });
}

/** GET /api/v1/export-jobs/<id>/file */
export async function jobFileResponse(db: Db, event: Event, id: string): Promise<Response> {
	const found = await ownJob(db, event, id);
	if (found instanceof Response) return found;
	const { caller, job } = found;
	const dir = exportDirOf(db);
	if (job.status !== 'done' || !job.fileName || !dir) {
		const message = job.purgedAt ? 'The file was deleted after 7 days' : 'The file is not ready';
		return apiError(409, 'not_ready', message);
	}
	const { scope, filters } = jobs.storedScope(job);
	await audit.record(db, {
		...who(event, caller),
		action: 'export.job_download',
		targetType: 'export_job',
		targetId: job.id,
		detail: { format: job.format, content: job.content, scope, rows: job.rowsDone }
	});
	const name = downloadName(job.content, filters.from, filters.to, job.format);
	const stream = createReadStream(join(dir, job.fileName));
	return new Response(Readable.toWeb(stream) as ReadableStream, {
		headers: {
			'content-type': CONTENT_TYPES[job.format],
			'content-disposition': `attachment; filename="${name}"`,
			...(job.bytes !== null ? { 'content-length': String(job.bytes) } : {}),
			'cache-control': 'no-store'
		}
	});
}
