import type { RequestEvent } from '@sveltejs/kit';
import { isIsoDate } from '../../domain/time';
import { translate } from '../../i18n';
import { apiError, bearerToken } from '../api';
import * as apiTokens from '../api-tokens';
import { requireUser } from '../auth/guard';
import { STATUS_FILTERS, type StatusFilter } from '../cases';
import { RATING_FILTERS, type RatingFilter } from '../comments';
import type { DbOrTx } from '../db';
import { resolveQuery, type Asker, type QueryResult } from '../stats/query';

// What an export is asked for: the /api/v1/stats parameters (read by the same resolveQuery, so
// the file counts what the dashboard counts and the same scope check applies), plus format,
// content, labels, and the comments page's own filters.

export const FORMATS = ['xlsx', 'csv'] as const;
export const CONTENTS = ['summary', 'responses', 'comments', 'cases'] as const;
export const LABELS = ['text', 'codes'] as const;
export type Format = (typeof FORMATS)[number];
export type Content = (typeof CONTENTS)[number];
export type Labels = (typeof LABELS)[number];

/** Who asks, as the export endpoints and the job table know them. */
export interface Caller {
	asker: Asker;
	/** The signed-in user; null for an API token. */
	user: { id: string; username: string } | null;
	tokenId: string | null;
	/** For the audit log and the job list: the username, or "api-token:<name>". */
	name: string;
}

/**
 * The caller of an API endpoint: an API token (Authorization: Bearer) or a session, as
 * /api/v1/stats reads them; a JSON error response when neither will do.
 */
export async function callerOf(
	db: DbOrTx,
	event: Pick<RequestEvent, 'locals' | 'url' | 'request'>
): Promise<Caller | Response> {
	if (event.request.headers.get('authorization')) {
		const token = bearerToken(event.request);
		const info = token ? await apiTokens.verify(db, token) : null;
		if (!info) return apiError(401, 'invalid_token', 'The API token is unknown or revoked');
		return {
			asker: { role: info.role, unitId: info.unitId },
			user: null,
			tokenId: info.id,
			name: `api-token:${info.name}`
		};
	}
	if (!event.locals.user) return apiError(401, 'unauthenticated', 'Sign in or send an API token');
	const user = requireUser(event);
	if (user.role !== 'admin' && !user.unitId) {
		return apiError(403, 'forbidden', 'This account has no unit to report on');
	}
	return {
		asker: { role: user.role, unitId: user.unitId },
		user: { id: user.id, username: user.username },
		tokenId: null,
		name: user.username
	};
}

export type ResolvedQuery = Extract<QueryResult, { ok: true }>;

export interface ExportRequest {
	format: Format;
	content: Content;
	labels: Labels;
	query: ResolvedQuery;
	/** Comments only: the comments page's rating filter. */
	rating: RatingFilter;
	/** Comments and cases: their pages' search (diacritics ignored). */
	q: string | null;
	/** Cases only: the cases page's status and overdue filters. */
	status: StatusFilter;
	overdueOnly: boolean;
	/** The parameters as asked, for a job to resolve again when it runs. */
	params: string;
}

export type Parsed =
	| { ok: true; request: ExportRequest }
	| {
			ok: false;
			status: 400 | 403;
			code: string;
			message: string;
			details?: Record<string, string>;
	  };

function pick<T extends string>(list: readonly T[], value: string | null, fallback: T): T | null {
	if (value === null || value === '') return fallback;
	return (list as readonly string[]).includes(value) ? (value as T) : null;
}

/**
 * Reads and checks an export's parameters for `asker`. The comments and cases pages show every
 * date when none is chosen; asked from there (content=comments or cases without a period),
 * missing dates mean "no limit" rather than the dashboard's default month.
 */
export async function parseExport(
	db: DbOrTx,
	asker: Asker,
	params: URLSearchParams,
	today: string
): Promise<Parsed> {
	const details: Record<string, string> = {};
	const format = pick(FORMATS, params.get('format'), 'xlsx');
	const content = pick(CONTENTS, params.get('content'), 'summary');
	const labels = pick(LABELS, params.get('labels'), 'text');
	const rating = pick(RATING_FILTERS, params.get('rating'), 'all');
	if (!format) details.format = 'Use xlsx or csv';
	if (!content) details.content = 'Use summary, responses, comments or cases';
	if (!labels) details.labels = 'Use text or codes';
	if (!rating) details.rating = 'Use all, unsatisfied or satisfied';
	// As on the cases page, where these come from links: an unknown status means the default.
	const status = pick(STATUS_FILTERS, params.get('status'), 'open') ?? 'open';
	if (format === 'csv' && content === 'summary') {
		details.format = 'CSV holds answers or comments; the summary is XLSX only';
	}

	const from = (params.get('from') ?? '').trim();
	const to = (params.get('to') ?? '').trim();
	const openDates =
		(content === 'comments' || content === 'cases') && !params.get('period') && !(from && to);
	let asked = params;
	if (openDates) {
		for (const [field, value] of [
			['from', from],
			['to', to]
		] as const) {
			if (value && !isIsoDate(value)) details[field] = 'Not a valid date (YYYY-MM-DD)';
		}
		asked = new URLSearchParams(params);
		asked.set('period', 'custom');
		asked.set('from', today);
		asked.set('to', today);
	}
	const query = await resolveQuery(db, asker, asked, today);
	if (!query.ok) {
		if (query.forbidden) {
			return {
				ok: false,
				status: 403,
				code: 'forbidden',
				message: 'This unit is outside your scope'
			};
		}
		for (const [field, key] of Object.entries(query.errors)) details[field] = translate('en', key);
	}
	if (!query.ok || Object.keys(details).length > 0) {
		return {
			ok: false,
			status: 400,
			code: 'invalid_parameters',
			message: 'Some parameters are not valid',
			details
		};
	}
	if (openDates) {
		query.filters = { ...query.filters, from: from || '0000-01-01', to: to || '9999-12-31' };
		query.comparison = null;
	}
	const kept = new URLSearchParams(params);
	kept.delete('page');
	return {
		ok: true,
		request: {
			format: format!,
			content: content!,
			labels: labels!,
			query,
			rating: rating!,
			q: (params.get('q') ?? '').trim().slice(0, 100) || null,
			status,
			overdueOnly: params.get('overdue') === '1',
			params: kept.toString()
		}
	};
}
