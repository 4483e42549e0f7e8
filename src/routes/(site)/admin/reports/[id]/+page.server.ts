import { error, fail, redirect } from '@sveltejs/kit';
import { requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as reports from '$lib/server/reports';
import * as stats from '$lib/server/stats';
import type { Actions, PageServerLoad } from './$types';

// An archived report as it was made, its files with their SHA-256, and whether today's figures
// for the same unit and period still match the ones it was made with. Managers and admins of the
// unit, and whoever made the report, may attach its signed copy (once).

const MB = reports.MAX_SIGNED_BYTES / (1024 * 1024);

function mayAttach(user: SessionUser, report: { createdBy: string | null }): boolean {
	return user.role !== 'viewer' || report.createdBy === user.id;
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const id = event.params.id.slice(0, 64);
	const found = await reports.archive.byId(db, id);
	if (!found) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, found.unitId);
	const opened = await reports.reopen(db, id, await stats.reasonLabels(db));
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
		canAttach: mayAttach(user, report) && !report.files.some((f) => f.kind === 'signed'),
		maxMb: MB,
		done: event.url.searchParams.get('done') === '1',
		attached: event.url.searchParams.get('attached') === '1'
	};
};

export const actions: Actions = {
	attach: async (event) => {
		const user = requireUser(event);
		const db = getDb();
		const id = event.params.id.slice(0, 64);
		const report = await reports.archive.byId(db, id);
		if (!report) error(404, { message: 'not_found' });
		await requireUnitAccess(db, user, report.unitId);
		if (!mayAttach(user, report)) error(403, { message: 'forbidden' });
		const checked = await reports.checkSignedPdf((await event.request.formData()).get('signed'));
		if (!checked.ok) return fail(400, { error: checked.key, mb: MB });
		const kept = await reports.archive.attachSigned(db, id, checked, user, {
			ip: event.getClientAddress(),
			requestId: event.locals.requestId
		});
		if (!kept) return fail(400, { error: 'admin.reports.err.signed_exists' as const, mb: MB });
		redirect(303, `/admin/reports/${id}?attached=1`);
	}
};
