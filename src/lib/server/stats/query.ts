import {
	PERIOD_BASES,
	PERIOD_PRESETS,
	PeriodError,
	comparisonRange,
	rangeLength,
	type DateRange,
	type Period,
	type PeriodBasis,
	type PeriodPreset
} from '../../domain/periods';
import { resolvePeriodOn } from '../../domain/report-periods';
import type { QueryField, QueryValues } from '../../domain/stats-query';
import { isIsoDate } from '../../domain/time';
import type { MessageKey } from '../../i18n';
import { canAccessUnit, canSeeSurvey } from '../auth/guard';
import type { DbOrTx } from '../db';
import type { Channel, Unit } from '../db/schema';
import * as units from '../units';
import type { StatsFilters } from './view';

export type { QueryField, QueryValues };

// One reading of the statistics parameters, shared by the dashboard (/admin/stats) and the JSON
// API (/api/v1/stats), so a bookmark and an API call with the same query give the same figures.
// It lives here, not beside the page, because the exports (a lib module) read it too.

export const COMPARISONS = ['previous', 'last_year', 'none'] as const;
export type Comparison = (typeof COMPARISONS)[number];
const CHANNELS: Channel[] = ['kiosk', 'web'];
/** Longer ranges would read years of daily rows for nothing anyone reports on. */
const MAX_DAYS = 5 * 366;

/** Who asks: a signed-in user or an API token, with the same role and unit scope. */
export interface Asker {
	role: SessionUser['role'];
	unitId: string | null;
}

export type QueryResult =
	| {
			ok: true;
			values: QueryValues;
			unit: Unit | null;
			period: Period;
			comparison: DateRange | null;
			comparisonKind: Comparison;
			filters: StatsFilters;
	  }
	| {
			ok: false;
			forbidden: boolean;
			values: QueryValues;
			errors: Partial<Record<QueryField, MessageKey>>;
	  };

function text(params: URLSearchParams, name: string, max = 100): string {
	return (params.get(name) ?? '').trim().slice(0, max);
}

export function readValues(params: URLSearchParams): QueryValues {
	const from = text(params, 'from', 20);
	const to = text(params, 'to', 20);
	// An API caller who sends only dates means those dates.
	const period = text(params, 'period', 20) || (from || to ? 'custom' : 'month');
	return {
		unit: text(params, 'unit'),
		period,
		basis: text(params, 'basis', 20) || 'calendar',
		year: text(params, 'year', 10),
		quarter: text(params, 'quarter', 10),
		from,
		to,
		compare: text(params, 'compare', 20) || 'previous',
		channel: text(params, 'channel', 20),
		survey: text(params, 'survey'),
		counter: text(params, 'counter'),
		officer: text(params, 'officer'),
		field: text(params, 'field'),
		excludeFlagged: ['1', 'true', 'on'].includes(text(params, 'exclude_flagged', 10))
	};
}

/** The unit by id (forms) or by code (API callers). */
async function findUnit(db: DbOrTx, value: string): Promise<Unit | undefined> {
	return (await units.byId(db, value)) ?? (await units.byCode(db, value));
}

function resolveDates(
	v: QueryValues,
	today: string,
	errors: Partial<Record<QueryField, MessageKey>>
): Period | null {
	if (!(PERIOD_PRESETS as readonly string[]).includes(v.period)) {
		errors.period = 'admin.stats.err.preset';
		return null;
	}
	const preset = v.period as PeriodPreset;
	if (!(PERIOD_BASES as readonly string[]).includes(v.basis)) {
		errors.basis = 'admin.stats.err.basis';
	}
	let year: number | undefined;
	let quarter: number | undefined;
	if (v.year) {
		year = /^\d{4}$/.test(v.year) ? Number(v.year) : NaN;
		if (!(year >= 2000 && year <= 2100)) errors.year = 'admin.stats.err.year';
	}
	if (v.quarter) {
		quarter = /^[1-4]$/.test(v.quarter) ? Number(v.quarter) : NaN;
		if (Number.isNaN(quarter)) errors.quarter = 'admin.stats.err.quarter';
	}
	if (preset === 'custom') {
		if (!v.from) errors.from = 'admin.stats.err.date_required';
		else if (!isIsoDate(v.from)) errors.from = 'admin.stats.err.date';
		if (!v.to) errors.to = 'admin.stats.err.date_required';
		else if (!isIsoDate(v.to)) errors.to = 'admin.stats.err.date';
		if (!errors.from && !errors.to) {
			if (v.to < v.from) errors.to = 'admin.stats.err.date_order';
			else if (rangeLength({ from: v.from, to: v.to }) > MAX_DAYS) {
				errors.to = 'admin.stats.err.range_too_long';
			}
		}
	}
	if (Object.keys(errors).length > 0) return null;
	try {
		return resolvePeriodOn(v.basis as PeriodBasis, {
			preset,
			today,
			year,
			quarter,
			from: preset === 'custom' ? v.from : undefined,
			to: preset === 'custom' ? v.to : undefined
		});
	} catch (e) {
		if (!(e instanceof PeriodError)) throw e;
		errors.period = 'admin.stats.err.preset';
		return null;
	}
}

/**
 * Reads and checks every parameter. A unit outside the asker's scope is `forbidden` (403); any
 * other problem is reported per field (400 for the API, messages beside the fields on the page).
 */
export async function resolveQuery(
	db: DbOrTx,
	asker: Asker,
	params: URLSearchParams,
	today: string
): Promise<QueryResult> {
	const values = readValues(params);
	const errors: Partial<Record<QueryField, MessageKey>> = {};

	let unit: Unit | null = null;
	if (values.unit) {
		unit = (await findUnit(db, values.unit)) ?? null;
		if (!unit) errors.unit = 'admin.stats.err.unit';
	} else if (asker.role !== 'admin') {
		unit = asker.unitId ? ((await units.byId(db, asker.unitId)) ?? null) : null;
		if (!unit) return { ok: false, forbidden: true, values, errors };
	}
	const user = { id: '', username: '', displayName: '', ...asker };
	if (unit) {
		values.unit = unit.id;
		if (!(await canAccessUnit(db, user, unit.id))) {
			return { ok: false, forbidden: true, values, errors };
		}
	}

	const period = resolveDates(values, today, errors);
	if (!(COMPARISONS as readonly string[]).includes(values.compare)) {
		errors.compare = 'admin.stats.err.compare';
	}
	if (values.channel && !(CHANNELS as string[]).includes(values.channel)) {
		errors.channel = 'admin.stats.err.channel';
	}

	// Counters and officers must belong to what is counted; fields must exist; a survey must be one
	// the asker may see, and one they may not is refused as unknown (no hint that it exists).
	const lineage = unit ? await units.lineageIds(db, unit.id) : null;
	const within = async (table: 'counters' | 'officers', id: string) => {
		const row = await db.selectFrom(table).select('unitId').where('id', '=', id).executeTakeFirst();
		return Boolean(row && (lineage === null || lineage.includes(row.unitId)));
	};
	if (values.counter && !(await within('counters', values.counter))) {
		errors.counter = 'admin.stats.err.counter';
	}
	if (values.officer && !(await within('officers', values.officer))) {
		errors.officer = 'admin.stats.err.officer';
	}
	if (values.survey) {
		const row = await db
			.selectFrom('surveys')
			.select(['id', 'ownerUnitId'])
			.where((eb) => eb.or([eb('id', '=', values.survey), eb('code', '=', values.survey)]))
			.executeTakeFirst();
		if (row && (await canSeeSurvey(db, user, row))) values.survey = row.id;
		else errors.survey = 'admin.stats.err.survey';
	}
	if (values.field) {
		const row = await db
			.selectFrom('procedureFields')
			.select('id')
			.where((eb) => eb.or([eb('id', '=', values.field), eb('code', '=', values.field)]))
			.executeTakeFirst();
		if (row) values.field = row.id;
		else errors.field = 'admin.stats.err.field';
	}

	if (!period || Object.keys(errors).length > 0) {
		return { ok: false, forbidden: false, values, errors };
	}
	const comparisonKind = values.compare as Comparison;
	const comparison = comparisonKind === 'none' ? null : comparisonRange(period, comparisonKind);
	return {
		ok: true,
		values,
		unit,
		period,
		comparison,
		comparisonKind,
		filters: {
			unitId: unit?.id ?? null,
			// A running period is counted up to today, as its comparison is (periods.ts).
			from: period.from,
			to: period.through,
			channel: (values.channel || null) as Channel | null,
			surveyId: values.survey || null,
			counterId: values.counter || null,
			officerId: values.officer || null,
			procedureFieldId: values.field || null,
			excludeFlagged: values.excludeFlagged
		}
	};
}
