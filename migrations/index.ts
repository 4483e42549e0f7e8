import type { Migration } from 'kysely';
import * as initialSchema from './2026_11_28_2100_initial_schema';
import * as responsesKioskTime from './2026_11_29_0100_responses_kiosk_time';
import * as statsPending from './2026_11_29_0200_stats_pending';
import * as statsSummaries from './2026_11_28_2200_stats_summaries';
import * as webLinks from './2026_11_28_2130_web_links';
import * as webHeldRatings from './2026_11_29_0300_web_held_ratings';
import * as answerSearchText from './2026_11_29_0400_answer_search_text';
import * as statsPendingDays from './2026_11_29_0500_stats_pending_days';
import * as calendarDays from './2026_11_29_0600_calendar_days';
import * as noteDeadlines from './2026_11_29_0700_note_deadlines';
import * as exportJobs from './2026_12_06_0100_export_jobs';
import * as reports from './2026_12_06_0100_reports';
import * as webHeldAnswers from './2026_12_06_0100_web_held_answers';
import * as jobsSchedulesAlerts from './2026_12_06_0500_jobs_schedules_alerts';

// Every migration is listed here by hand so that the built server, the scripts and the tests
// all apply exactly the same set (adapter-node does not ship this folder). A test checks that
// no file in this folder is missing from the list.
export const migrations: Record<string, Migration> = {
	'2026_11_28_2100_initial_schema': initialSchema,
	'2026_11_28_2130_web_links': webLinks,
	'2026_11_28_2200_stats_summaries': statsSummaries,
	'2026_11_29_0100_responses_kiosk_time': responsesKioskTime,
	'2026_11_29_0200_stats_pending': statsPending,
	'2026_11_29_0300_web_held_ratings': webHeldRatings,
	'2026_11_29_0400_answer_search_text': answerSearchText,
	'2026_11_29_0500_stats_pending_days': statsPendingDays,
	'2026_11_29_0600_calendar_days': calendarDays,
	'2026_11_29_0700_note_deadlines': noteDeadlines,
	'2026_12_06_0100_export_jobs': exportJobs,
	'2026_12_06_0100_reports': reports,
	'2026_12_06_0100_web_held_answers': webHeldAnswers,
	'2026_12_06_0500_jobs_schedules_alerts': jobsSchedulesAlerts
};
