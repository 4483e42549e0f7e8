import type { Place, RecordResult } from '../responses/prepare';

// The messages between the server's thread (ingest/thread.ts) and the answer writer's thread
// (worker.ts), in one place both sides import.

export const WORKER_FLAG = 'ykienIngestWriter';

export interface WorkerSetup {
	[WORKER_FLAG]: true;
	path: string;
	/** False when a checkpointer thread runs the WAL checkpoints (db/checkpointer.ts). */
	autocheckpoint: boolean;
}

/** A submission as the server received it, with the place its device or link stands for. */
export interface Submission {
	place: Place;
	body: unknown;
	/** The server's time of receipt (ms). */
	now: number;
}

export type ToWorker =
	| { type: 'record'; id: number; submissions: Submission[] }
	/** The checkpointer thread was lost: this connection checkpoints for itself again. */
	| { type: 'autocheckpoint' }
	| { type: 'stop' };

export type FromWorker =
	| {
			type: 'recorded';
			id: number;
			results: (RecordResult | { failed: string })[];
	  }
	/** The writer can no longer acknowledge answers (wal-sync.ts): the server is unhealthy. */
	| { type: 'unhealthy'; reason: string };
