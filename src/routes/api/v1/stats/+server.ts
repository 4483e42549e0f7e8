import { json } from '@sveltejs/kit';
import { vietnamToday } from '$lib/domain/time';
import { translate } from '$lib/i18n';
import { apiError, bearerToken } from '$lib/server/api';
import * as apiTokens from '$lib/server/api-tokens';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as stats from '$lib/server/stats';
import { resolveQuery, type Asker } from '$lib/server/stats/query';
import type { RequestHandler } from './$types';

// The dashboard's figures as JSON, for a signed-in session or an API token (Authorization:
// Bearer). Parameters are those of /admin/stats; `unit` also takes a unit code.
export const GET: RequestHandler = async (event) => {
	const db = getDb();
	let asker: Asker;
	const header = event.request.headers.get('authorization');
	if (header) {
		const token = bearerToken(event.request);
		const info = token ? await apiTokens.verify(db, token) : null;
		if (!info) return apiError(401, 'invalid_token', 'The API token is unknown or revoked');
		asker = { role: info.role, unitId: info.unitId };
	} else {
		if (!event.locals.user) {
			return apiError(401, 'unauthenticated', 'Sign in or send an API token');
		}
		asker = requireUser(event);
	}
	if (asker.role !== 'admin' && !asker.unitId) {
		return apiError(403, 'forbidden', 'This account has no unit to report on');
	}

	const query = await resolveQuery(db, asker, event.url.searchParams, vietnamToday());
	if (!query.ok) {
		if (query.forbidden) return apiError(403, 'forbidden', 'This unit is outside your scope');
		const details = Object.fromEntries(
			Object.entries(query.errors).map(([field, key]) => [field, translate('en', key)])
		);
		return apiError(400, 'invalid_parameters', 'Some parameters are not valid', { details });
	}
	const figures = await stats.dashboard(db, query.filters, { comparison: query.comparison });
	return json({
		unit: query.unit ? { id: query.unit.id, code: query.unit.code, name: query.unit.name } : null,
		period: query.period,
		comparison: query.comparison,
		filters: query.filters,
		figures
	});
};
