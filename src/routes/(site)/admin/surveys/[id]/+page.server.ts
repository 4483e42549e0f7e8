import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { TEMPLATE_IDS, TEMPLATE_NAMES, type TemplateId } from '$lib/domain/templates';
import { addDays, vietnamToday } from '$lib/domain/time';
import { contextOf } from '$lib/server/audit';
import {
	canAccessUnit,
	canEditSurvey,
	canSeeSurvey,
	requireUser,
	scopeRoot
} from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import * as surveyAdmin from '$lib/server/survey-admin';
import * as assignments from '$lib/server/survey-assignments';
import * as surveyCommands from '$lib/server/survey-commands';
import { unitChoices } from '$lib/server/unit-choices';
import * as units from '$lib/server/units';
import {
	doneParam,
	optionalDate,
	parse,
	requiredDate,
	texts,
	type FieldErrors
} from '$lib/server/forms';
import { assignmentMessage } from '../survey-forms.server';
import type { Actions, PageServerLoad } from './$types';

const isTemplateId = (value: string): value is TemplateId =>
	(TEMPLATE_IDS as string[]).includes(value);

const DONE = ['created', 'imported', 'assigned', 'ended', 'deleted'] as const;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const withinId = scopeRoot(user);
	const today = vietnamToday();
	const found = await surveyAdmin.detail(db, event.params.id, { withinId, today });
	if (!found) error(404, { message: 'not_found' });
	if (!(await canSeeSurvey(db, user, found.survey))) error(403, { message: 'forbidden' });
	const { survey } = found;
	// Managers assign surveys they can see (shared ones too) to units of their subtree.
	const canAssign = user.role !== 'viewer';
	return {
		done: doneParam(event.url, DONE),
		today,
		survey: {
			id: survey.id,
			code: survey.code,
			name: survey.name,
			templateName:
				survey.template && isTemplateId(survey.template)
					? (TEMPLATE_NAMES[survey.template][event.locals.locale] ??
						TEMPLATE_NAMES[survey.template].vi)
					: null,
			ownerUnitName: found.ownerUnitName,
			archived: survey.archivedAt !== null,
			createdAt: survey.createdAt
		},
		versions: found.versions,
		draftQuestions: found.draftQuestions,
		canEdit: await canEditSurvey(db, user, survey),
		assignments: found.assignments.map((a) => ({
			id: a.id,
			unitId: a.unitId,
			unitName: a.unitName,
			unitCode: a.unitCode,
			channel: a.channel,
			validFrom: a.validFrom,
			validTo: a.validTo,
			state: a.state,
			manageable: canAssign && a.inScope
		})),
		assign: canAssign
			? { units: await unitChoices(db, { withinId, on: today }), channels: assignments.CHANNELS }
			: null
	};
};

/** The survey of the URL for an action: managers and admins who may see it, or 403/404. */
async function surveyFor(event: RequestEvent<{ id: string }>) {
	const user = requireUser(event, { role: 'manager' });
	const db = getDb();
	const survey = await surveyAdmin.byId(db, event.params.id);
	if (!survey) error(404, { message: 'not_found' });
	if (!(await canSeeSurvey(db, user, survey))) error(403, { message: 'forbidden' });
	return { user, db, survey };
}

/** The kit's refusal shape ($lib/server/forms), plus parameters for messages that need them. */
function refuse(
	action: string,
	errors: FieldErrors,
	values: Record<string, string>,
	params: Record<string, Record<string, string>> = {},
	status = 400
) {
	return fail(status, { action, errors, values, params });
}

const AssignSchema = v.object({
	unitId: v.pipe(v.string(), v.minLength(1, 'admin.survey_admin.error.unit_required')),
	channel: v.picklist(assignments.CHANNELS, 'admin.survey_admin.error.channel_required'),
	validFrom: requiredDate(
		'admin.survey_admin.error.date_required',
		'admin.survey_admin.error.date_invalid'
	),
	validTo: optionalDate('admin.survey_admin.error.date_invalid')
});

const EndSchema = v.object({
	assignmentId: v.pipe(v.string(), v.minLength(1, 'admin.survey_admin.error.not_found')),
	validTo: requiredDate(
		'admin.survey_admin.error.date_required',
		'admin.survey_admin.error.date_invalid'
	)
});

/** Which field a refusal of the assignment module is shown next to. */
const PROBLEM_FIELD: Record<assignments.AssignmentProblem['code'], string> = {
	no_version: '_form',
	archived: '_form',
	not_found: '_form',
	conflict: 'validFrom',
	dates_reversed: 'validTo',
	starts_in_past: 'validFrom',
	end_before_start: 'validTo',
	end_in_past: 'validTo',
	end_after_end: 'validTo',
	already_started: '_form'
};

/**
 * The assignment named in an end or delete form, after the guard: it must belong to this survey
 * and lie on a unit the caller may manage. Returns null when the form names none.
 */
async function assignmentFor(
	db: ReturnType<typeof getDb>,
	user: SessionUser,
	surveyId: string,
	id: string
) {
	const found = id ? await assignments.byId(db, id) : undefined;
	if (!found || found.surveyId !== surveyId) return null;
	if (!(await canAccessUnit(db, user, found.unitId))) error(403, { message: 'forbidden' });
	return found;
}

export const actions: Actions = {
	assign: async (event) => {
		const { user, db, survey } = await surveyFor(event);
		const values = texts(await event.request.formData(), [
			'unitId',
			'channel',
			'validFrom',
			'validTo'
		]);
		const parsed = parse(AssignSchema, values);
		if (!parsed.ok) return refuse('assign', parsed.errors, values);
		const input = parsed.value;
		if (!(await units.byId(db, input.unitId)) || !(await canAccessUnit(db, user, input.unitId))) {
			return refuse('assign', { unitId: 'admin.survey_admin.error.unit_not_allowed' }, values);
		}
		const today = vietnamToday();
		try {
			await surveyCommands.assign(
				db,
				{ surveyId: survey.id, ...input },
				today,
				contextOf(event, user)
			);
		} catch (e) {
			if (!(e instanceof assignments.AssignmentError)) throw e;
			const message = assignmentMessage(e.problem, { today, yesterday: addDays(today, -1) });
			const field = PROBLEM_FIELD[e.problem.code];
			return refuse('assign', { [field]: message.key }, values, { [field]: message.params });
		}
		redirect(303, `/admin/surveys/${survey.id}?done=assigned`);
	},

	endAssignment: async (event) => {
		const { user, db, survey } = await surveyFor(event);
		const values = texts(await event.request.formData(), ['assignmentId', 'validTo']);
		const parsed = parse(EndSchema, values);
		if (!parsed.ok) return refuse('end', parsed.errors, values);
		const target = await assignmentFor(db, user, survey.id, parsed.value.assignmentId);
		if (!target) return refuse('end', { _form: 'admin.survey_admin.error.not_found' }, values);
		const today = vietnamToday();
		try {
			await surveyCommands.endAssignment(
				db,
				target,
				parsed.value.validTo,
				today,
				contextOf(event, user)
			);
		} catch (e) {
			if (!(e instanceof assignments.AssignmentError)) throw e;
			const message = assignmentMessage(e.problem, {
				today,
				yesterday: addDays(today, -1),
				validFrom: target.validFrom,
				validTo: target.validTo
			});
			return refuse('end', { validTo: message.key }, values, { validTo: message.params });
		}
		redirect(303, `/admin/surveys/${survey.id}?done=ended`);
	},

	deleteAssignment: async (event) => {
		const { user, db, survey } = await surveyFor(event);
		const values = texts(await event.request.formData(), ['assignmentId']);
		const target = await assignmentFor(db, user, survey.id, values.assignmentId);
		if (!target) return refuse('delete', { _form: 'admin.survey_admin.error.not_found' }, values);
		try {
			await surveyCommands.deleteAssignment(db, target, vietnamToday(), contextOf(event, user));
		} catch (e) {
			if (!(e instanceof assignments.AssignmentError)) throw e;
			const key =
				`admin.survey_admin.error.${e.problem.code === 'not_found' ? 'not_found' : 'already_started'}` as const;
			return refuse('delete', { _form: key }, values);
		}
		redirect(303, `/admin/surveys/${survey.id}?done=deleted`);
	}
};
