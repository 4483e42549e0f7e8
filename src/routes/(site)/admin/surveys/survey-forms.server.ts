import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import { formatDate } from '$lib/components/format';
import { isPlainText, MAX_SURVEY_NAME_LENGTH } from '$lib/domain/survey-envelope';
import { canAccessUnit } from '$lib/server/auth/guard';
import type { DbOrTx } from '$lib/server/db';
import type { AssignmentProblem } from '$lib/server/survey-assignments';
import * as units from '$lib/server/units';
import { requiredText } from '$lib/server/forms';

// Form pieces shared by the survey list (create, import) and a survey's page (assignments).

/** The owner select's value for a shared survey (no owner unit); only admins may choose it. */
export const SHARED_OWNER = 'shared';

export const NameSchema = v.pipe(
	requiredText(
		MAX_SURVEY_NAME_LENGTH,
		'admin.survey_admin.error.name_required',
		'admin.survey_admin.error.name_too_long'
	),
	v.check(isPlainText, 'admin.survey_admin.error.name_unsafe')
);

/**
 * The owner unit picked in a form: admins may leave a survey shared; managers must pick a unit
 * of their subtree. A unit outside the scope is refused with a message, as the select never
 * offers one (the value was edited by hand).
 */
export async function ownerFrom(
	db: DbOrTx,
	user: SessionUser,
	raw: string
): Promise<{ ok: true; ownerUnitId: string | null } | { ok: false; error: MessageKey }> {
	if (raw === '') return { ok: false, error: 'admin.survey_admin.error.owner_required' };
	if (raw === SHARED_OWNER) {
		return user.role === 'admin'
			? { ok: true, ownerUnitId: null }
			: { ok: false, error: 'admin.survey_admin.error.owner_invalid' };
	}
	if (!(await units.byId(db, raw)) || !(await canAccessUnit(db, user, raw))) {
		return { ok: false, error: 'admin.survey_admin.error.owner_invalid' };
	}
	return { ok: true, ownerUnitId: raw };
}

/** A refusal of the assignment module as a message key with its parameters, dates as dd/mm/yyyy. */
export function assignmentMessage(
	problem: AssignmentProblem,
	ctx: { today: string; yesterday: string; validFrom?: string; validTo?: string | null }
): { key: MessageKey; params: Record<string, string> } {
	switch (problem.code) {
		case 'conflict': {
			const c = problem.conflict;
			const params = {
				name: c.surveyName,
				code: c.surveyCode,
				from: formatDate(c.validFrom),
				to: c.validTo ? formatDate(c.validTo) : ''
			};
			return {
				key: c.validTo
					? 'admin.survey_admin.error.conflict'
					: 'admin.survey_admin.error.conflict_open',
				params
			};
		}
		case 'starts_in_past':
			return {
				key: 'admin.survey_admin.error.starts_in_past',
				params: { today: formatDate(ctx.today) }
			};
		case 'end_in_past':
			return {
				key: 'admin.survey_admin.error.end_in_past',
				params: { date: formatDate(ctx.yesterday) }
			};
		case 'end_before_start':
			return {
				key: 'admin.survey_admin.error.end_before_start',
				params: { from: ctx.validFrom ? formatDate(ctx.validFrom) : '' }
			};
		case 'end_after_end':
			return {
				key: 'admin.survey_admin.error.end_after_end',
				params: { to: ctx.validTo ? formatDate(ctx.validTo) : '' }
			};
		default:
			return { key: `admin.survey_admin.error.${problem.code}`, params: {} };
	}
}
