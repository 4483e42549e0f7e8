import { env } from '$env/dynamic/private';
import { getDb } from '$lib/server/db/instance';
import * as exports from '$lib/server/exports';
import type { RequestHandler } from './$types';

// GET /api/v1/export?format=xlsx|csv&content=summary|responses|comments&<the /api/v1/stats
// parameters>, for a session or an API token (exports/endpoints.ts). Up to EXPORT_SYNC_MAX_ROWS
// answer rows (default 50,000) the file is streamed now; above, 202 and a background job.

function syncMaxRows(): number {
	const n = Number(env.EXPORT_SYNC_MAX_ROWS || NaN);
	return Number.isInteger(n) && n >= 0 ? n : exports.SYNC_MAX_ROWS;
}

export const GET: RequestHandler = (event) => exports.exportResponse(getDb(), event, syncMaxRows());
