import { env } from '$env/dynamic/private';
import type { Db } from '../db';
import { mailerFrom, type Mailer } from '../mail';
// The reason labels of the dashboard's options: a scheduled report names reasons as the
// dashboard and /admin/reports do.
import { reasonLabels } from '../stats/labels';
import { Ticker } from './runner';

/**
 * Work sent without asking (issue 13): `import * as jobs from '$lib/server/jobs'`.
 * queue.ts (the jobs table), schedules.ts (report subscriptions), report-job.ts, alerts.ts,
 * runner.ts (the ticker); e-mail in ../mail.ts.
 */

let ticker: Ticker | null = null;

/** The mailer for SMTP_URL, or null (no e-mail); a bad URL is reported without its password. */
export function configuredMailer(): Mailer | null {
	try {
		return mailerFrom(env.SMTP_URL, env.SMTP_FROM);
	} catch (e) {
		console.error(`jobs: SMTP_URL ignored, no e-mail will be sent: ${(e as Error).message}`);
		return null;
	}
}

/** Whether e-mail is configured (the admin page says so); the URL itself is never shown. */
export function mailConfigured(): boolean {
	return Boolean(env.SMTP_URL);
}

export * as schedules from './schedules';
export * as alerts from './alerts';
export { recentScheduled } from './report-job';

/** Starts this process's ticker (with the other background work at start-up). */
export function startJobs(db: Db): Ticker {
	if (ticker) return ticker;
	const mailer = configuredMailer();
	if (mailer) console.log(`jobs: e-mail through ${mailer.server}`);
	ticker = new Ticker(db, { mailer, reasonLabels, origin: env.ORIGIN || null });
	ticker.start();
	return ticker;
}
