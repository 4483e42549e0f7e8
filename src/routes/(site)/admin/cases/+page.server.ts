import { openFirst, repeatedNames, unitLabel } from '$lib/domain/unit-names';
import * as v from 'valibot';
import { isIsoDate, vietnamToday } from '$lib/domain/time';
import { pageCount, pageParam } from '$lib/components/paging';
import type { MessageKey } from '$lib/i18n';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import * as cases from '$lib/server/cases';
import { getDb } from '$lib/server/db/instance';
import { readCalendar } from '$lib/server/work-calendar';
import { excerpt, pick } from './labels';
import type { PageServerLoad } from './$types';

const PER_PAGE = 25;

// Filters come from links and bookmarks: an unknown value falls back to the default instead of
// failing the page. Dates are checked by hand below so that a bad one is shown next to its field.
const FilterSchema = v.object({
	status: v.fallback(v.picklist(cases.STATUS_FILTERS), 'open'),
	overdue: v.fallback(
		v.pipe(
			v.string(),
			v.transform((s) => s === '1')
		),
		false
	),
	unit: v.fallback(v.pipe(v.string(), v.maxLength(100)), ''),
	q: v.fallback(v.pipe(v.string(), v.trim(), v.maxLength(100)), '')
});

type DateField = 'from' | 'to';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	scopeRoot(user);
	const db = getDb();
	const now = new Date();
	const today = vietnamToday(now);
	const calendar = await readCalendar(db);
	await cases.eraseExpiredPhonesIfDue(db, now);

	const params = event.url.searchParams;
	const raw = {
		status: params.get('status') ?? undefined,
		overdue: params.get('overdue') ?? undefined,
		unit: params.get('unit') ?? undefined,
		from: params.get('from') ?? undefined,
		to: params.get('to') ?? undefined,
		q: (params.get('q') ?? '').slice(0, 100)
	};
	const errors: Partial<Record<DateField, MessageKey>> = {};
	// A bad date is reported next to its field and left out of the filter; the rest still applies.
	const dates: Record<DateField, string> = { from: '', to: '' };
	for (const field of ['from', 'to'] as const) {
		const value = raw[field] ?? '';
		if (value && !isIsoDate(value)) errors[field] = 'admin.cases.date_invalid';
		else dates[field] = value;
	}
	if (dates.from && dates.to && dates.from > dates.to) {
		errors.to = 'admin.cases.date_order';
		dates.to = '';
	}
	const parsed = { ...v.parse(FilterSchema, raw), ...dates };

	const scope = await cases.scopeUnitIds(db, user);
	const unitOptions = await cases.scopeUnits(db, scope);
	// A unit outside the scope (an old link, a forged one) is dropped rather than trusted.
	const unitId = unitOptions.some((u) => u.id === parsed.unit) ? parsed.unit : '';

	const filter: cases.CaseFilter = {
		scope,
		status: parsed.status,
		overdueOnly: parsed.overdue,
		unitId: unitId || null,
		from: parsed.from || null,
		to: parsed.to || null,
		q: parsed.q || null,
		today
	};
	let page = pageParam(event.url);
	let found = await cases.list(db, filter, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	const pages = pageCount(found.total, PER_PAGE);
	if (page > pages) {
		page = pages;
		found = await cases.list(db, filter, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
	}

	const locale = event.locals.locale;
	// After the 2025 merger names repeat ("Xã Tân Bình" old and new): the code tells them apart,
	// and the merged units come after the units in force.
	const repeated = repeatedNames(unitOptions.map((u) => u.name));
	const labels = new Map(unitOptions.map((u) => [u.id, unitLabel(u, repeated)]));
	return {
		filters: {
			status: parsed.status,
			overdue: parsed.overdue,
			unit: unitId,
			from: raw.from ?? '',
			to: raw.to ?? '',
			q: parsed.q
		},
		errors,
		today,
		units: openFirst(unitOptions, (u) => u.successorId !== null).map((u) => ({
			id: u.id,
			name: labels.get(u.id)!,
			code: u.code,
			mergedInto: u.successorId ? (labels.get(u.successorId) ?? null) : null
		})),
		page,
		pages,
		total: found.total,
		rows: found.rows.map((r) => ({
			id: r.id,
			createdAt: r.createdAt,
			unitName: r.unitName,
			counterName: r.counterName,
			assignedName: r.assignedName,
			rating: r.rating ? pick(r.rating, locale) : null,
			reasons: r.reasons.map((x) => pick(x, locale)),
			comment: excerpt(r.comment),
			deadline: r.deadline,
			status: r.status,
			due: cases.dueState(r, today, calendar)
		}))
	};
};
