import { error } from '@sveltejs/kit';
import { contextOf } from '$lib/server/audit';
import { requireUnitAccess, requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as reports from '$lib/server/reports';
import type { RequestHandler } from './$types';

// The archived files, byte for byte as kept: /admin/reports/<id>/pdf, …/docx and …/signed.
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const kind = event.params.kind;
	if (kind !== 'pdf' && kind !== 'docx' && kind !== 'signed') error(404, { message: 'not_found' });
	const db = getDb();
	const id = event.params.id.slice(0, 64);
	const report = await reports.archive.byId(db, id);
	if (!report) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, report.unitId);
	const file = await reports.download(db, id, kind, contextOf(event, user));
	if (!file) error(404, { message: 'not_found' });
	return new Response(Buffer.from(file.content), {
		headers: {
			'content-type': file.mime,
			'content-length': String(file.content.byteLength),
			// ASCII file names (fileBase): no encoding needed.
			'content-disposition': `attachment; filename="${file.name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
