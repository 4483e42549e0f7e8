// npm run bench -- --cold: the first dashboards after a restart, with the database file out of
// the operating system's page cache, without and with the server's warm-up (stats/warm.ts).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { openDatabase } from '../../src/lib/server/db/index';
import * as stats from '../../src/lib/server/stats';
import { warmSummaries } from '../../src/lib/server/stats/warm';
import { percentile, type ViewCase } from './views';

/** Drops the file (and its WAL) from the page cache: `dd iflag=nocache count=0` does it. */
export function evict(path: string): void {
	for (const file of [path, `${path}-wal`]) {
		if (existsSync(file)) {
			execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
		}
	}
}

async function p95Of(path: string, views: ViewCase[]): Promise<number> {
	const db = openDatabase(path);
	try {
		const ms: number[] = [];
		for (const v of views) {
			const t = performance.now();
			await stats.dashboard(db, v.filters, v.opts);
			ms.push(performance.now() - t);
		}
		return percentile(
			ms.sort((a, b) => a - b),
			95
		);
	} finally {
		await db.destroy();
	}
}

export interface ColdTimings {
	/** Evicted, no warm-up: the first views read from disk. */
	coldP95: number;
	/** Evicted, views starting at once while the warm-up runs beside them (a restart by day). */
	duringWarmP95: number;
	/** Evicted, then warmed before the first view (a restart at night). */
	warmedP95: number;
	warmMs: number;
}

export async function timeCold(
	path: string,
	views: ViewCase[],
	log: (msg: string) => void
): Promise<ColdTimings> {
	evict(path);
	const coldP95 = await p95Of(path, views);
	log(`  cold, no warm-up: p95 ${coldP95.toFixed(1)} ms`);
	evict(path);
	const warming = warmSummaries(path);
	const duringWarmP95 = await p95Of(path, views);
	await warming;
	log(`  cold, views during the warm-up: p95 ${duringWarmP95.toFixed(1)} ms`);
	evict(path);
	const t = performance.now();
	const warmed = await warmSummaries(path);
	const warmMs = performance.now() - t;
	log(
		`  warm-up read ${warmed?.pages ?? 0} pages of ${warmed?.tables ?? 0} tables in ${warmMs.toFixed(0)} ms`
	);
	const warmedP95 = await p95Of(path, views);
	log(`  cold, after the warm-up: p95 ${warmedP95.toFixed(1)} ms`);
	return { coldP95, duringWarmP95, warmedP95, warmMs };
}
