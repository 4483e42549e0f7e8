import { fail, redirect } from '@sveltejs/kit';
import { loadPage } from '$lib/components/paging';
import { contextOf } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as exports from '$lib/server/exports';
import { field } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

// The user's exports of the last 30 days (background jobs; small exports download at once and
// are only in the audit log), with progress, download and "Thử lại" for a failed one.

const PER_PAGE = 20;
const DAYS = 30;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const since = new Date(Date.now() - DAYS * 86_400_000).toISOString();
	const { page, pages, total, rows } = await loadPage(event.url, PER_PAGE, (range) =>
		exports.jobs.listForUser(db, user.id, { since, ...range })
	);
	return {
		page,
		pages,
		total,
		done: event.url.searchParams.get('done') === 'retried',
		jobs: rows.map((job) => ({
			...exports.jobJson(job),
			scope: exports.jobs.storedScope(job).scope
		}))
	};
};

export const actions: Actions = {
	retry: async (event) => {
		const user = requireUser(event);
		const db = getDb();
		const id = field(await event.request.formData(), 'id').slice(0, 60);
		const job = id ? await exports.jobs.byId(db, id) : undefined;
		const mine = job && job.userId === user.id && job.tokenId === null;
		if (!mine || !(await exports.jobs.retryRecorded(db, job, contextOf(event, user)))) {
			return fail(400, { message: 'exports.err_retry' as const });
		}
		exports.wakeExportRunner();
		redirect(303, '/admin/exports?done=retried');
	}
};
