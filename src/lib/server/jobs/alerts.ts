import { vietnamToday } from '../../domain/time';
import * as audit from '../audit';
import type { Db, DbOrTx } from '../db';
import { newId, nowIso } from '../ids';
import { sendOnce, type Mailer } from '../mail';
import * as units from '../units';
import {
	DEFAULT_THRESHOLD,
	emailsOf,
	MAX_WINDOW_MINUTES,
	thresholdOf,
	type Threshold
} from './alert-thresholds';
import * as queue from './queue';

/**
 * Alerts for unit leaders (issue 13): when, at a unit, at least `unhappyPercent` % of at least
 * `minAnswers` answers given within the last `windowMinutes` minutes are "not satisfied", an
 * alert is raised: shown on the overview of the managers over that unit and, when SMTP_URL is
 * set and the unit has addresses, e-mailed. At most one alert per unit per hour.
 *
 * Detected by a periodic check over the answers table (the ticker, once a minute, as one job per
 * minute so that only one instance checks), never in the answer writer's path. The query seeks
 * the (unit_id, local_date) index once per unit and reads only today's answers.
 */

export const ALERT_CHECK_JOB = 'alert_check';
export const ALERT_MAIL_JOB = 'alert_mail';
export const ALERT_EVERY_MS = 60 * 60 * 1000;

// The per-unit thresholds and their form.
export * from './alert-thresholds';

/** True when `unhappy` of `answers` crosses the threshold. */
export function crosses(
	t: Pick<Threshold, 'minAnswers' | 'unhappyPercent'>,
	answers: number,
	unhappy: number
): boolean {
	return answers >= t.minAnswers && unhappy * 100 >= t.unhappyPercent * answers;
}

export interface RaisedAlert {
	id: string;
	unitId: string;
	answers: number;
	unhappy: number;
}

/** Looks at the recent answers of every unit and raises the alerts due; those raised. */
export async function checkAlerts(db: Db, now = new Date()): Promise<RaisedAlert[]> {
	const custom = await db.selectFrom('alertThresholds').selectAll().execute();
	const byUnit = new Map(custom.map((c) => [c.unitId, c]));
	const longest = Math.min(
		MAX_WINDOW_MINUTES,
		Math.max(DEFAULT_THRESHOLD.windowMinutes, ...custom.map((c) => c.windowMinutes))
	);
	const since = new Date(now.getTime() - longest * 60_000);
	const rows = await db
		.selectFrom('responses')
		.select(['unitId', 'submittedAt', 'satisfied'])
		// `unit_id in (all units)` lets SQLite seek (unit_id, local_date) per unit instead of
		// scanning the table; local_date bounds it to the day (or two) the window touches.
		.where('unitId', 'in', (eb) => eb.selectFrom('units').select('id'))
		.where('localDate', '>=', vietnamToday(since))
		.where('submittedAt', '>', nowIso(since))
		.where('submittedAt', '<=', nowIso(now))
		.where('satisfied', 'is not', null)
		.execute();
	const counts = new Map<
		string,
		{ answers: number; unhappy: number; first: string; last: string }
	>();
	for (const r of rows) {
		const t = byUnit.get(r.unitId) ?? DEFAULT_THRESHOLD;
		if (r.submittedAt <= nowIso(new Date(now.getTime() - t.windowMinutes * 60_000))) continue;
		const c = counts.get(r.unitId) ?? {
			answers: 0,
			unhappy: 0,
			first: r.submittedAt,
			last: r.submittedAt
		};
		c.answers++;
		if (Number(r.satisfied) === 0) c.unhappy++;
		if (r.submittedAt < c.first) c.first = r.submittedAt;
		if (r.submittedAt > c.last) c.last = r.submittedAt;
		counts.set(r.unitId, c);
	}
	const raised: RaisedAlert[] = [];
	for (const [unitId, c] of counts) {
		const t = byUnit.get(unitId) ?? DEFAULT_THRESHOLD;
		if (!crosses(t, c.answers, c.unhappy)) continue;
		const id = await db.transaction().execute(async (tx) => {
			const recent = await tx
				.selectFrom('unitAlerts')
				.select('id')
				.where('unitId', '=', unitId)
				.where('createdAt', '>', nowIso(new Date(now.getTime() - ALERT_EVERY_MS)))
				.executeTakeFirst();
			if (recent) return null;
			const alertId = newId();
			await tx
				.insertInto('unitAlerts')
				.values({
					id: alertId,
					unitId,
					windowFrom: c.first,
					windowTo: c.last,
					answers: c.answers,
					unhappy: c.unhappy,
					createdAt: nowIso(now)
				})
				.execute();
			await audit.record(
				tx,
				{
					action: 'alert.raised',
					targetType: 'unit',
					targetId: unitId,
					detail: { alertId, answers: c.answers, unhappy: c.unhappy }
				},
				now
			);
			// The e-mail is its own job, queued with the alert: a crash after this commit still
			// sends it, and a second check within the hour raises nothing to send twice.
			if (emailsOf(byUnit.get(unitId)?.emails ?? '').length > 0) {
				await queue.enqueue(
					tx,
					{ key: `alert:${alertId}`, kind: ALERT_MAIL_JOB, payload: { alertId } },
					now
				);
			}
			return alertId;
		});
		if (id) raised.push({ id, unitId, answers: c.answers, unhappy: c.unhappy });
	}
	return raised;
}

export interface AlertView {
	id: string;
	unitId: string;
	unitName: string;
	answers: number;
	unhappy: number;
	windowFrom: string;
	windowTo: string;
	createdAt: string;
	/** The answers and follow-up cases behind it: the comments and cases pages, filtered. */
	commentsHref: string;
	casesHref: string;
}

function linksOf(a: { unitId: string; windowFrom: string; windowTo: string }) {
	const from = vietnamToday(new Date(a.windowFrom));
	const to = vietnamToday(new Date(a.windowTo));
	const q = (extra: Record<string, string>) =>
		new URLSearchParams({ unit: a.unitId, from, to, ...extra }).toString();
	return {
		commentsHref: `/admin/comments?${q({ rating: 'unsatisfied' })}`,
		casesHref: `/admin/cases?${q({})}`
	};
}

/** Alerts of the last `hours` on units of `root`'s subtree (null: all), newest first. */
export async function recent(
	db: DbOrTx,
	root: string | null,
	now = new Date(),
	hours = 24,
	limit = 10
): Promise<AlertView[]> {
	const ids = root === null ? null : await units.subtreeIds(db, root);
	let q = db
		.selectFrom('unitAlerts')
		.innerJoin('units', 'units.id', 'unitAlerts.unitId')
		.selectAll('unitAlerts')
		.select('units.name as unitName')
		.where('unitAlerts.createdAt', '>', nowIso(new Date(now.getTime() - hours * 3_600_000)));
	if (ids !== null) q = q.where('unitAlerts.unitId', 'in', ids.length ? ids : ['']);
	const rows = await q.orderBy('unitAlerts.createdAt', 'desc').limit(limit).execute();
	return rows.map((r) => ({
		id: r.id,
		unitId: r.unitId,
		unitName: r.unitName,
		answers: Number(r.answers),
		unhappy: Number(r.unhappy),
		windowFrom: r.windowFrom,
		windowTo: r.windowTo,
		createdAt: r.createdAt,
		...linksOf(r)
	}));
}

/** Sends an alert's e-mails (the alert_mail job); the number sent now. */
export async function runAlertMailJob(
	db: Db,
	key: string,
	alertId: string,
	mailer: Mailer | null,
	origin?: string | null
): Promise<{ sent: number; failed: number }> {
	if (!mailer) return { sent: 0, failed: 0 };
	const row = await db
		.selectFrom('unitAlerts')
		.innerJoin('units', 'units.id', 'unitAlerts.unitId')
		.selectAll('unitAlerts')
		.select('units.name as unitName')
		.where('unitAlerts.id', '=', alertId)
		.executeTakeFirst();
	if (!row) return { sent: 0, failed: 0 };
	const alert = { ...row, ...linksOf(row) };
	const t = await thresholdOf(db, alert.unitId);
	const base = origin ? origin.replace(/\/$/, '') : '';
	const subject = `Cảnh báo: người dân chưa hài lòng tại ${alert.unitName}`;
	const text = [
		`${alert.unhappy}/${alert.answers} lượt đánh giá trong ${t.windowMinutes} phút gần nhất tại ${alert.unitName} là chưa hài lòng.`,
		`Xem ý kiến: ${base}${alert.commentsHref}`,
		`Xem hồ sơ phản hồi: ${base}${alert.casesHref}`,
		``,
		`${alert.unhappy} of ${alert.answers} ratings in the last ${t.windowMinutes} minutes at ${alert.unitName} were not satisfied.`
	].join('\n');
	let sent = 0;
	let failed = 0;
	for (const to of t.emails) {
		const outcome = await sendOnce(db, mailer, key, { to, subject, text });
		if (outcome === 'sent') sent++;
		if (outcome === 'failed') failed++;
	}
	return { sent, failed };
}
