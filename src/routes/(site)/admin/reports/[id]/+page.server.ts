import { error } from '@sveltejs/kit';
import { requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as reports from '$lib/server/reports';
import { reasonLabels } from '../../stats/options.server';
import type { PageServerLoad } from './$types';

// An archived report as it was made, its files with their SHA-256, and whether today's figures
// for the same unit and period still match the ones it was made with.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const id = event.params.id.slice(0, 64);
	const found = await reports.archive.byId(db, id);
	if (!found) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, found.unitId);
	const opened = await reports.reopen(db, id, await reasonLabels(db));
	if (!opened) error(404, { message: 'not_found' });
	const { report } = opened;
	return {
		report: {
			id: report.id,
			number: report.texts.number,
			unitName: report.unitName,
			period: report.period,
			createdAt: report.createdAt,
			createdByName: report.createdByName,
			files: report.files
		},
		document: opened.document,
		differs: opened.differs,
		done: event.url.searchParams.get('done') === '1'
	};
};
