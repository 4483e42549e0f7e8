import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Localized } from '../../domain/survey';
import { openDatabase } from '../db';
import type { ReportFile } from './archive';
import type { ReportDocument } from './document';
import type { ReportFigures } from './figures';
import type { ReportInput } from './index';

/**
 * A report's thread: reads its figures on its own connection to the database file and renders
 * its PDF and DOCX, so "Lập và lưu báo cáo" no longer holds the server's event loop while it
 * works (about 1.5 to 2.5 s of synchronous SQLite reads, pdfkit and docx; `npm run
 * bench:report`). The server's thread then only keeps the result in the archive.
 *
 * Loaded as exports/worker.ts is: a worker imports this module by its own URL (the source under
 * Vite or tsx, the bundled chunk in a build); the flag in the worker's data runs serve() below.
 */

export const REPORT_WORKER_MODULE = import.meta.url;
const FLAG = 'ykienReportWorker';
/** A report's figures and files are a few megabytes; the cap keeps a runaway one contained. */
const HEAP_MB = 256;

interface ReportWorkerData {
	[FLAG]: true;
	path: string;
	input: ReportInput;
	asOf: string;
	reasonLabels: Record<string, Localized>;
}

export interface Made {
	figures: ReportFigures;
	document: ReportDocument;
	files: ReportFile[];
}

type FromReportWorker = { type: 'done'; made: Made } | { type: 'failed'; message: string };

async function serve(data: ReportWorkerData): Promise<void> {
	const post = (msg: FromReportWorker) => parentPort!.postMessage(msg);
	const db = openDatabase(data.path);
	try {
		// Imported here, not at the top: index.ts imports this module for its URL.
		const reports = await import('./index');
		const { figures, document } = await reports.compose(db, data.input, {
			asOf: data.asOf,
			reasonLabels: data.reasonLabels
		});
		const files = await reports.renderFiles(
			figures,
			document,
			data.input.period,
			data.input.template
		);
		post({ type: 'done', made: { figures, document, files } });
	} catch (e) {
		console.error('reports: worker failed', e);
		post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
	} finally {
		await db.destroy();
	}
}

/** Makes a report's figures and files on a worker thread over the database file at `path`. */
export function makeInWorker(
	path: string,
	input: ReportInput,
	opts: { asOf: string; reasonLabels: Record<string, Localized> }
): Promise<Made> {
	const data: ReportWorkerData = { [FLAG]: true, path, input, ...opts };
	const typescript = /\.ts($|\?)/.test(REPORT_WORKER_MODULE);
	const load = typescript
		? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(REPORT_WORKER_MODULE)}); })`
		: `import(${JSON.stringify(REPORT_WORKER_MODULE)})`;
	const worker = new Worker(`${load}.catch((e) => { console.error(e); process.exit(1); });`, {
		eval: true,
		workerData: data,
		resourceLimits: { maxOldGenerationSizeMb: HEAP_MB }
	});
	return new Promise((resolve, reject) => {
		let settled = false;
		const settle = (outcome: { made: Made } | { error: Error }) => {
			if (settled) return;
			settled = true;
			void worker.terminate();
			if ('made' in outcome) resolve(outcome.made);
			else reject(outcome.error);
		};
		worker.on('message', (msg: FromReportWorker) => {
			if (msg.type === 'done') {
				// Structured clone turns the files' Buffers into plain Uint8Arrays, as archived.
				settle({ made: msg.made });
			} else settle({ error: new Error(`report thread: ${msg.message}`) });
		});
		worker.on('error', (e) => settle({ error: e instanceof Error ? e : new Error(String(e)) }));
		worker.on('exit', (code) =>
			settle({ error: new Error(`the report thread exited with ${code}`) })
		);
	});
}

if (!isMainThread && (workerData as ReportWorkerData | null)?.[FLAG]) {
	void serve(workerData as ReportWorkerData);
}
