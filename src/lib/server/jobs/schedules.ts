import {
	lastClosedReportPeriod,
	type ReportBasis,
	type ReportKind,
	type ReportPeriod
} from '../../domain/report-periods';
import { vietnamToday } from '../../domain/time';
import type { WorkCalendar } from '../../domain/work-calendar';
import type { DbOrTx } from '../db';
import { nowIso } from '../ids';
import type { TemplateId } from '../reports/document';
import { readCalendar } from '../work-calendar';
import * as queue from './queue';

/**
 * Report schedules (issue 13, "sent without asking"): a user subscribed to a template, a unit
 * and a period kind. Subscriptions with the same template, unit, basis and kind form one
 * schedule (scheduleKey): one report a period, e-mailed to each of its subscribers.
 *
 * A period's report is due on the first working day after it closes (by the working calendar,
 * so Tết or a Saturday worked count), at 07:00 Vietnam time (00:00 UTC). The ticker enqueues
 * it then as the job `report:<schedule>:<year>-<index>`; the key makes it once, whatever the
 * number of ticks or instances. Only periods due after the schedule's first subscription are
 * made: subscribing does not back-fill the past.
 */

export const REPORT_JOB = 'report';

export interface Schedule {
	template: TemplateId;
	unitId: string;
	basis: ReportBasis;
	kind: ReportKind;
}

export function scheduleKey(s: Schedule): string {
	return `${s.template}:${s.unitId}:${s.basis}:${s.kind}`;
}

export function reportJobKey(s: Schedule, p: ReportPeriod): string {
	return `report:${scheduleKey(s)}:${p.year}-${p.index}`;
}

/** When the report of a closed period is due: 07:00 Vietnam time on the next working day. */
export function dueAt(period: ReportPeriod, calendar: WorkCalendar): Date {
	const day = calendar.add(period.to, 1);
	// 07:00 in Vietnam (UTC+7, no daylight saving) is midnight UTC.
	return new Date(`${day}T00:00:00.000Z`);
}

export interface ReportJobPayload extends Schedule {
	year: number;
	index: number;
}

/** Enqueues the report of every schedule whose latest closed period is due; the jobs made. */
export async function enqueueDue(db: DbOrTx, now = new Date()): Promise<number> {
	const groups = await db
		.selectFrom('reportSubscriptions')
		.select(['template', 'unitId', 'basis', 'kind'])
		.select((eb) => eb.fn.min<string>('createdAt').as('since'))
		.groupBy(['template', 'unitId', 'basis', 'kind'])
		.execute();
	if (groups.length === 0) return 0;
	const calendar = await readCalendar(db);
	const today = vietnamToday(now);
	let made = 0;
	for (const g of groups) {
		const schedule = g as Schedule;
		const period = lastClosedReportPeriod(schedule.basis, schedule.kind, today);
		const due = dueAt(period, calendar);
		if (due > now || due.toISOString() < g.since) continue;
		const payload: ReportJobPayload = { ...schedule, year: period.year, index: period.index };
		const key = reportJobKey(schedule, period);
		if (await queue.enqueue(db, { key, kind: REPORT_JOB, payload, runAfter: nowIso(due) }, now)) {
			made++;
		}
	}
	return made;
}

/** The subscribers of a schedule as they are now (one may have left since it was enqueued). */
export function subscribersOf(db: DbOrTx, s: Schedule) {
	return db
		.selectFrom('reportSubscriptions as s')
		.innerJoin('users', 'users.id', 's.userId')
		.select(['s.userId', 's.email', 's.createdBy', 'users.disabledAt'])
		.where('s.template', '=', s.template)
		.where('s.unitId', '=', s.unitId)
		.where('s.basis', '=', s.basis)
		.where('s.kind', '=', s.kind)
		.orderBy('s.createdAt')
		.execute();
}

// Subscriptions: the form, the list, add and remove.
export * from './subscriptions';
