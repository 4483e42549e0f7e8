import { error } from '@sveltejs/kit';
import { canSeeSurvey, requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as surveyAdmin from '$lib/server/survey-admin';
import type { RequestHandler } from './$types';

// A survey definition as a JSON file in the exchange envelope (docs/survey-format.md):
// ?version=N for a published version, no parameter for the draft. Whoever may see the survey
// may export it; exporting changes nothing, so it is not audited.
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const survey = await surveyAdmin.byId(db, event.params.id);
	if (!survey) error(404, { message: 'not_found' });
	if (!(await canSeeSurvey(db, user, survey))) error(403, { message: 'forbidden' });
	const raw = event.url.searchParams.get('version');
	let version: number | null = null;
	if (raw !== null) {
		if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) error(404, { message: 'not_found' });
		version = Number(raw);
	}
	const file = await surveyAdmin.exportSurvey(db, survey, version);
	if (!file) error(404, { message: 'not_found' });
	const body = JSON.stringify(file.envelope, null, '\t') + '\n';
	return new Response(body, {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="${file.filename}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
