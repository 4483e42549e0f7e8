import { getDb } from '$lib/server/db/instance';
import * as exports from '$lib/server/exports';
import type { RequestHandler } from './$types';

// GET /api/v1/export-jobs/<id>/file: the finished file, to the job's owner, while it is kept.
export const GET: RequestHandler = (event) =>
	exports.jobFileResponse(getDb(), event, event.params.id);
