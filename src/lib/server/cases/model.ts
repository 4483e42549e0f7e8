import type { CaseStatus } from '../db/schema';

// The words of follow-up cases shared by the list, the case page and the commands.

export const CASE_STATUSES: CaseStatus[] = ['new', 'contacted', 'resolved'];
export const STATUS_FILTERS = ['open', 'all', 'new', 'contacted', 'resolved'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
/** What a manager can do to the status; reopening takes a resolved case back to 'contacted'. */
export type StatusMove = 'contacted' | 'resolved' | 'reopen';
export const MAX_NOTE_LENGTH = 2000;
/** Expired numbers are looked for at most this often (the list load triggers it). */
export const ERASE_INTERVAL_MS = 60 * 60 * 1000;
export const ERASE_META_KEY = 'follow_up_phones_erased_at';
/** Bound parameters per `in` list, as overview.ts: well under SQLite's and PostgreSQL's limits. */
export const CHUNK = 500;

export type { AuditContext } from '../audit';
