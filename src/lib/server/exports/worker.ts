import { createWriteStream } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { vietnamToday } from '../../domain/time';
import { openDatabase } from '../db';
import type { StatsFilters } from '../stats';
import type { Scope } from './describe';
import { produce } from './produce';
import { parseExport } from './request';

/**
 * A background export's thread: its own connection to the database file, on which it reads
 * the job's rows in chunks (rows.ts) and writes the file, while the server's event loop keeps
 * reading kiosks' answers and the answer writer's thread keeps writing them. Building XLSX is
 * CPU work (about a core for a minute per million rows); on the server's thread it would hold
 * every request behind each chunk.
 *
 * Loaded as ingest/worker.ts is: the runner starts a worker that imports this module by its
 * own URL (the source under Vite or tsx, the bundled chunk in a build); the flag in the
 * worker's data runs serve() below.
 */

export const EXPORT_WORKER_MODULE = import.meta.url;
export const EXPORT_WORKER_FLAG = 'ykienExportWorker';

export interface ExportWorkerData {
	[EXPORT_WORKER_FLAG]: true;
	path: string;
	/** The job's caller and request, checked again here as when it was asked. */
	role: SessionUser['role'];
	unitId: string | null;
	params: string;
	filters: StatsFilters;
	scope: Scope;
	/** The .part file to write. */
	file: string;
}

export type FromExportWorker =
	| { type: 'progress'; rows: number }
	| { type: 'done'; rows: number }
	| { type: 'failed'; code: string; message: string };

async function serve(data: ExportWorkerData): Promise<void> {
	const post = (msg: FromExportWorker) => parentPort!.postMessage(msg);
	const db = openDatabase(data.path);
	try {
		const parsed = await parseExport(
			db,
			{ role: data.role, unitId: data.unitId },
			new URLSearchParams(data.params),
			vietnamToday()
		);
		if (!parsed.ok) return post({ type: 'failed', code: parsed.code, message: parsed.message });
		const req = parsed.request;
		req.query.filters = data.filters;
		const rows = await produce(db, req, data.scope, createWriteStream(data.file), (done) =>
			post({ type: 'progress', rows: done })
		);
		post({ type: 'done', rows });
	} catch (e) {
		console.error('exports: worker failed', e);
		post({ type: 'failed', code: 'error', message: e instanceof Error ? e.message : String(e) });
	} finally {
		await db.destroy();
	}
}

if (!isMainThread && (workerData as ExportWorkerData | null)?.[EXPORT_WORKER_FLAG]) {
	void serve(workerData as ExportWorkerData);
}
