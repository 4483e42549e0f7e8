import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { pageCount, pageParam } from '$lib/components/paging';
import { MAX_IMPORT_BYTES, type ImportProblem } from '$lib/domain/survey-envelope';
import { TEMPLATE_NAMES } from '$lib/domain/templates';
import { vietnamToday } from '$lib/domain/time';
import type { MessageKey } from '$lib/i18n';
import { contextOf } from '$lib/server/audit';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as surveyAdmin from '$lib/server/survey-admin';
import * as surveyCommands from '$lib/server/survey-commands';
import { unitChoices } from '$lib/server/unit-choices';
import { parse, refuse, texts } from '$lib/server/forms';
import { NameSchema, ownerFrom } from './survey-forms.server';
import type { Actions, PageServerLoad } from './$types';

const PER_PAGE = 25;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const withinId = scopeRoot(user);
	const today = vietnamToday();
	const fetchPage = (page: number) =>
		surveyAdmin.list(db, { withinId, today, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	let page = pageParam(event.url);
	let found = await fetchPage(page);
	const pages = pageCount(found.total, PER_PAGE);
	if (page > pages) {
		page = pages;
		found = await fetchPage(page);
	}
	// Viewers read; managers create surveys owned inside their subtree, admins also shared ones.
	const canCreate = user.role !== 'viewer';
	const locale = event.locals.locale;
	return {
		page,
		pages,
		total: found.total,
		rows: found.rows,
		create: canCreate
			? {
					starts: surveyAdmin.SURVEY_STARTS.map((id) => ({
						id,
						name: id === 'blank' ? null : (TEMPLATE_NAMES[id][locale] ?? TEMPLATE_NAMES[id].vi)
					})),
					owners: await unitChoices(db, { withinId, on: today }),
					allowShared: user.role === 'admin'
				}
			: null
	};
};

const CreateSchema = v.object({
	name: NameSchema,
	start: v.picklist(surveyAdmin.SURVEY_STARTS, 'admin.survey_admin.error.start_required'),
	ownerUnitId: v.string()
});

const IMPORT_PROBLEM_KEYS: Record<Exclude<ImportProblem['code'], 'field'>, MessageKey> = {
	empty: 'admin.survey_admin.import.empty',
	too_large: 'admin.survey_admin.import.too_large',
	not_utf8: 'admin.survey_admin.import.not_utf8',
	not_json: 'admin.survey_admin.import.not_json',
	not_object: 'admin.survey_admin.import.not_object',
	wrong_format: 'admin.survey_admin.import.wrong_format',
	wrong_format_version: 'admin.survey_admin.import.wrong_format_version'
};

/** The multipart overhead around the file (boundaries, the owner field) stays well under this. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

/** One refusal shape for the import form: file-level errors by field, problems inside the file. */
function refuseImport(
	errors: Record<string, MessageKey>,
	values: { ownerUnitId: string },
	problems: { path: string; message: string }[] = [],
	status = 400
) {
	// A hostile file could hold thousands of problems; the first 50 say enough.
	return fail(status, {
		action: 'import' as const,
		errors,
		values,
		problems: problems.slice(0, 50),
		problemCount: problems.length
	});
}

const isFileProblem = (p: ImportProblem): p is Exclude<ImportProblem, { code: 'field' }> =>
	p.code !== 'field';

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		const values = texts(await event.request.formData(), ['name', 'start', 'ownerUnitId']);
		const parsed = parse(CreateSchema, values);
		const owner = await ownerFrom(db, user, values.ownerUnitId);
		if (!parsed.ok || !owner.ok) {
			const errors = parsed.ok ? {} : { ...parsed.errors };
			if (!owner.ok) errors.ownerUnitId = owner.error;
			return refuse('create', errors, values);
		}
		const survey = await surveyCommands.create(
			db,
			{ name: parsed.value.name, start: parsed.value.start, ownerUnitId: owner.ownerUnitId },
			contextOf(event, user)
		);
		redirect(303, `/admin/surveys/${survey.id}?done=created`);
	},

	import: async (event) => {
		const user = requireUser(event, { role: 'manager' });
		const db = getDb();
		// Refuse an oversized upload by its declared length, before the body is read or parsed.
		const declared = Number(event.request.headers.get('content-length') ?? '0');
		if (declared > MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES) {
			const errors = { file: 'admin.survey_admin.import.too_large' } as const;
			return refuseImport(errors, { ownerUnitId: '' }, [], 413);
		}
		const form = await event.request.formData();
		const ownerRaw = form.get('ownerUnitId');
		const values = { ownerUnitId: typeof ownerRaw === 'string' ? ownerRaw.slice(0, 100) : '' };
		const owner = await ownerFrom(db, user, values.ownerUnitId);
		const file = form.get('file');
		const errors: Record<string, MessageKey> = {};
		if (!owner.ok) errors.ownerUnitId = owner.error;
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
			errors.file = 'admin.survey_admin.import.file_required';
		} else if (file.size > MAX_IMPORT_BYTES) {
			errors.file = 'admin.survey_admin.import.too_large';
		}
		if (!owner.ok || !(file instanceof File) || errors.file) return refuseImport(errors, values);
		const bytes = new Uint8Array(await file.arrayBuffer());
		const outcome = await surveyCommands.importSurvey(
			db,
			{ name: file.name, bytes },
			owner.ownerUnitId,
			contextOf(event, user)
		);
		if (!outcome.ok) {
			const fields = outcome.problems.flatMap((p) =>
				p.code === 'field' ? [{ path: p.path, message: p.message }] : []
			);
			const first = outcome.problems.find(isFileProblem);
			const key = first ? IMPORT_PROBLEM_KEYS[first.code] : 'admin.survey_admin.import.invalid';
			return refuseImport({ file: key }, values, fields);
		}
		redirect(303, `/admin/surveys/${outcome.survey.id}?done=imported`);
	}
};
