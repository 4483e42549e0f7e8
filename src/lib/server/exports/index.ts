/**
 * Exports of figures, answers and comments: `import * as exports from '$lib/server/exports'`.
 *
 *   const parsed = await exports.parseExport(db, asker, url.searchParams, vietnamToday());
 *   const rows = await exports.countRows(db, parsed.request);
 *   // ≤ SYNC_MAX_ROWS: streamed now; above: jobs.create(…) and the runner writes the file
 *   await exports.produce(db, parsed.request, scope, writable);
 *
 * The endpoints (endpoints.ts) do exactly that; the runner (runner.ts) runs the jobs.
 */
export { callerOf, parseExport, type Caller, type ExportRequest } from './request';
export { countRows, produce } from './produce';
export { describeScope, scopeLines, type Scope } from './describe';
export { exportDirOf, startExportRunner, wakeExportRunner, ExportRunner } from './runner';
export {
	CONTENT_TYPES,
	SYNC_MAX_ROWS,
	downloadName,
	exportResponse,
	jobFileResponse,
	jobJson,
	jobResponse
} from './endpoints';
export * as jobs from './jobs';
