import { getDb } from '$lib/server/db/instance';
import * as exports from '$lib/server/exports';
import type { RequestHandler } from './$types';

// GET /api/v1/export-jobs/<id>: a background export's state and progress, to its owner.
export const GET: RequestHandler = (event) => exports.jobResponse(getDb(), event, event.params.id);
