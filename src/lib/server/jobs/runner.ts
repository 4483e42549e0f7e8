import type { Localized } from '../../domain/survey';
import type { Db } from '../db';
import { newId } from '../ids';
import type { Mailer } from '../mail';
import { ALERT_CHECK_JOB, ALERT_MAIL_JOB, checkAlerts, runAlertMailJob } from './alerts';
import * as queue from './queue';
import { runReportJob } from './report-job';
import { enqueueDue, REPORT_JOB } from './schedules';

/**
 * The ticker of work sent without asking, one per server process: every TICK_MS it
 * - enqueues the scheduled reports that are due (schedules.ts),
 * - enqueues this minute's alert check (`alerts:<minute>`: whichever instance claims it checks),
 * - runs the due jobs it can claim (queue.ts), one at a time.
 * A job that throws is retried later (queue.retry); one whose process died is claimed again
 * once its lease runs out.
 */

export const TICK_MS = 60_000;
/** Finished alert checks are kept a day, for the operator to see they run. */
const KEEP_CHECKS_MS = 24 * 3_600_000;

export interface TickerDeps {
	mailer: Mailer | null;
	reasonLabels: (db: Db) => Promise<Record<string, Localized>>;
	origin?: string | null;
}

export interface TickOutcome {
	enqueued: number;
	ran: { key: string; kind: string; ok: boolean }[];
}

export class Ticker {
	readonly id = `ticker-${newId().slice(0, 8)}`;
	private timer: NodeJS.Timeout | null = null;
	private busy: Promise<TickOutcome> | null = null;

	constructor(
		private readonly db: Db,
		private readonly deps: TickerDeps
	) {}

	start(): void {
		const run = () => {
			void this.tick().catch((e) => console.error('jobs: tick failed', e));
		};
		run();
		this.timer = setInterval(run, TICK_MS);
		this.timer.unref();
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		await this.busy;
	}

	/** One tick; a tick still running when the next comes is not doubled. */
	tick(now = new Date()): Promise<TickOutcome> {
		this.busy ??= this.work(now).finally(() => {
			this.busy = null;
		});
		return this.busy;
	}

	private async work(now: Date): Promise<TickOutcome> {
		const db = this.db;
		let enqueued = await enqueueDue(db, now);
		const minute = now.toISOString().slice(0, 16);
		if (
			await queue.enqueue(db, { key: `alerts:${minute}`, kind: ALERT_CHECK_JOB, payload: {} }, now)
		) {
			enqueued++;
		}
		await queue.failExhausted(db, now);
		await queue.prune(db, ALERT_CHECK_JOB, new Date(now.getTime() - KEEP_CHECKS_MS));
		const ran: TickOutcome['ran'] = [];
		for (;;) {
			const job = await queue.claim(db, this.id, {}, now);
			if (!job) break;
			const ok = await this.run(job, now);
			ran.push({ key: job.key, kind: job.kind, ok });
		}
		return { enqueued, ran };
	}

	private async run(job: queue.Job, now: Date): Promise<boolean> {
		const db = this.db;
		try {
			let result: unknown = null;
			let failedMails = 0;
			if (job.kind === REPORT_JOB) {
				const r = await runReportJob(db, job, { ...this.deps, now });
				failedMails = r.failed;
				result = r;
			} else if (job.kind === ALERT_CHECK_JOB) {
				result = { raised: (await checkAlerts(db, now)).length };
			} else if (job.kind === ALERT_MAIL_JOB) {
				const { alertId } = JSON.parse(job.payload) as { alertId: string };
				const r = await runAlertMailJob(db, job.key, alertId, this.deps.mailer, this.deps.origin);
				failedMails = r.failed;
				result = r;
			} else {
				throw new Error(`unknown job kind ${job.kind}`);
			}
			// A message the server refused is tried again with the job (the others are recorded
			// as sent and skipped).
			if (failedMails > 0) {
				await queue.retry(db, job, this.id, `${failedMails} e-mail(s) refused by the server`, now);
				return false;
			}
			await queue.finish(db, job, this.id, result, now);
			return true;
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			console.error(`jobs: ${job.kind} ${job.key} failed: ${message}`);
			await queue.retry(db, job, this.id, message, now);
			return false;
		}
	}
}
