import { error, fail, redirect } from '@sveltejs/kit';
import { canEditSurvey, requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { field } from '$lib/server/forms';
import * as surveyAdmin from '$lib/server/survey-admin';
import * as drafts from '$lib/server/survey-drafts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The survey row after the guard: managers and admins who may edit this survey, or 403/404. */
async function editableSurvey(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const user = requireUser(event, { role: 'manager' });
	const db = getDb();
	const row = await surveyAdmin.byId(db, event.params.id);
	if (!row) error(404, { message: 'not found' });
	if (!(await canEditSurvey(db, user, row))) error(403, { message: 'forbidden' });
	return { user, db, row };
}

export const load: PageServerLoad = async (event) => {
	const { db, row } = await editableSurvey(event);
	const editable = await drafts.editable(db, row);
	if (!editable) error(404, { message: 'not found' });
	const published = Number(event.url.searchParams.get('published'));
	return {
		survey: editable.survey,
		archived: row.archivedAt !== null,
		definition: editable.definition,
		hasDraft: editable.hasDraft,
		versionCount: editable.versions.length,
		/** Keys of earlier versions: the builder marks them, since their scale must not change. */
		publishedKeys: [...new Set(editable.versions.flatMap((d) => d.questions.map((q) => q.key)))],
		updatedAt: editable.updatedAt,
		published: Number.isInteger(published) && published > 0 ? published : null
	};
};

type Kind = 'save' | 'publish';

async function submit(event: RequestEvent, kind: Kind) {
	const { user, db, row } = await editableSurvey(event);
	if (row.archivedAt) return fail(409, { kind, errors: [], stale: false, archived: true });
	const form = await event.request.formData();
	const json = field(form, 'definition');
	const updatedAt = field(form, 'updatedAt') || null;
	const actor = { id: user.id, username: user.username };
	const result =
		kind === 'save'
			? await drafts.saveDraft(db, actor, row.id, json, updatedAt)
			: await drafts.publish(db, actor, row.id, json, updatedAt);
	if (!result.ok) {
		return fail(result.stale ? 409 : 400, {
			kind,
			errors: result.errors,
			stale: result.stale === true,
			archived: false
		});
	}
	if (kind === 'publish')
		redirect(303, `/admin/surveys/${row.id}/draft?published=${result.version}`);
	return { kind, saved: true, updatedAt: 'updatedAt' in result ? result.updatedAt : null };
}

export const actions: Actions = {
	save: (event) => submit(event, 'save'),
	publish: (event) => submit(event, 'publish'),
	discard: async (event) => {
		const { user, db, row } = await editableSurvey(event);
		const done = await drafts.discardDraft(db, { id: user.id, username: user.username }, row.id);
		if (!done)
			return fail(400, { kind: 'discard' as const, errors: [], stale: false, archived: false });
		redirect(303, `/admin/surveys/${row.id}/draft`);
	}
};
