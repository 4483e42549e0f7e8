import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { vietnamToday } from '$lib/domain/time';
import { canAccessUnit, requireUnitAccess, requireUser, scopeRoot } from '$lib/server/auth/guard';
import type { DbOrTx } from '$lib/server/db';
import { getDb } from '$lib/server/db/instance';
import * as reports from '$lib/server/reports';
import * as stats from '$lib/server/stats';
import {
	defaultValues,
	parse,
	parsePeriod,
	readValues,
	type ReportErrors,
	type ReportValues
} from '$lib/server/reports/form';
import { unitChoices } from '$lib/server/unit-choices';
import * as units from '$lib/server/units';
import type { Actions, PageServerLoad } from './$types';

// Official reports (issue 13): a form (unit, period, texts, chosen comments), an HTML preview,
// and "generate", which keeps the report and its PDF and DOCX in the archive. Admins, managers
// and viewers, each within their unit subtree: the guard checks the unit in every load and action.

async function issuerOf(db: DbOrTx, unitId: string): Promise<string> {
	const unit = unitId ? await units.byId(db, unitId) : undefined;
	const parent = unit?.parentId ? await units.byId(db, unit.parentId) : undefined;
	return parent?.name ?? '';
}

/** The period's comments the user may pick from, or none while the unit or period is not valid. */
async function offeredFor(db: DbOrTx, user: SessionUser, values: ReportValues) {
	const errors: ReportErrors = {};
	const period = parsePeriod(values, errors);
	if (!period || !values.unit || !(await canAccessUnit(db, user, values.unit))) {
		return { rows: [], total: 0 };
	}
	const { rows, total } = await reports.offered(
		db,
		await units.lineageIds(db, values.unit),
		period
	);
	return {
		rows: rows.map((r) => ({
			id: r.responseId,
			date: r.localDate,
			unitName: r.unitName,
			comment: r.comment
		})),
		total
	};
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const root = scopeRoot(user);
	const today = vietnamToday();
	const choices = await unitChoices(db, { withinId: root, on: today, include: [root] });
	const unitId = root ?? choices[0]?.id ?? '';
	const values = defaultValues(unitId, await issuerOf(db, unitId), today);
	return {
		units: choices,
		values,
		offered: await offeredFor(db, user, values),
		archive: await reports.archive.list(db, root),
		maxComments: reports.MAX_SELECTED_COMMENTS,
		canSchedule: user.role !== 'viewer'
	};
};

/**
 * Reads and checks the form. The unit comes by id (the select) or by code; one outside the user's
 * subtree is forbidden (403) through the guard, not a mistake to correct.
 */
async function checked(event: RequestEvent, user: SessionUser) {
	const db = getDb();
	const values = readValues(await event.request.formData());
	const unit = values.unit
		? ((await units.byId(db, values.unit)) ?? (await units.byCode(db, values.unit)))
		: undefined;
	if (unit) {
		await requireUnitAccess(db, user, unit.id);
		values.unit = unit.id;
	}
	const parsed = parse(values);
	const errors: ReportErrors = parsed.ok ? {} : { ...parsed.errors };
	if (values.unit && !unit) errors.unit = { key: 'admin.reports.err.unit' };
	const offered = await offeredFor(db, user, values);
	if (!parsed.ok || Object.keys(errors).length > 0) {
		return { ok: false as const, values, errors, offered };
	}
	return { ok: true as const, values, input: parsed.input, offered };
}

export const actions: Actions = {
	preview: async (event) => {
		const user = requireUser(event);
		const form = await checked(event, user);
		if (!form.ok) {
			return fail(400, { values: form.values, errors: form.errors, offered: form.offered });
		}
		const db = getDb();
		const { document } = await reports.compose(db, form.input, {
			asOf: vietnamToday(),
			reasonLabels: await stats.reasonLabels(db)
		});
		return { values: form.values, errors: {}, offered: form.offered, preview: document };
	},

	generate: async (event) => {
		const user = requireUser(event);
		const form = await checked(event, user);
		if (!form.ok) {
			return fail(400, { values: form.values, errors: form.errors, offered: form.offered });
		}
		const db = getDb();
		const id = await reports.generate(db, form.input, user, {
			asOf: vietnamToday(),
			reasonLabels: await stats.reasonLabels(db),
			ip: event.getClientAddress(),
			requestId: event.locals.requestId
		});
		redirect(303, `/admin/reports/${id}?done=1`);
	}
};
