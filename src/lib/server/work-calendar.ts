import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import { normalizeText } from '../domain/text';
import { isIsoDate, weekdayOf } from '../domain/time';
import { WorkCalendar, type DayKind } from '../domain/work-calendar';
import * as audit from './audit';
import type { AuditContext } from './audit';
import { refitDeadlines } from './cases/deadlines';
import type { DbOrTx } from './db';
import { field, fieldErrors, type FieldErrors } from './form-input';
import { nowIso } from './ids';

// The working calendar's exceptions (calendar_days), entered at /admin/calendar: the days off
// and the weekend days worked that the government announces each year. Follow-up deadlines
// (responses.ts, cases/deadlines.ts) count working days with them.

export interface CalendarDay {
	date: string;
	kind: DayKind;
	name: string;
	createdAt: string;
}

/** Years an administrator may enter: the app's own lifetime, give or take. */
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2100;

/** Days of one year, in date order (at most a few dozen: a year is one page). */
export function listYear(db: DbOrTx, year: number): Promise<CalendarDay[]> {
	return db
		.selectFrom('calendarDays')
		.select(['date', 'kind', 'name', 'createdAt'])
		.where('date', '>=', `${year}-01-01`)
		.where('date', '<=', `${year}-12-31`)
		.orderBy('date')
		.execute();
}

/** The years that have entries, newest first. */
export async function yearsWithDays(db: DbOrTx): Promise<number[]> {
	const rows = await db
		.selectFrom('calendarDays')
		.select((eb) => eb.fn<string>('substr', ['date', eb.val(1), eb.val(4)]).as('year'))
		.distinct()
		.execute();
	return rows.map((r) => Number(r.year)).sort((a, b) => b - a);
}

const DaySchema = v.object({
	date: v.pipe(
		v.string(),
		v.check(isIsoDate, 'admin.calendar.err_date'),
		v.check((d) => {
			const year = Number(d.slice(0, 4));
			return year >= FIRST_YEAR && year <= LAST_YEAR;
		}, 'admin.calendar.err_year')
	),
	kind: v.picklist(['off', 'work'], 'admin.calendar.err_kind'),
	name: v.pipe(
		v.string(),
		v.transform(normalizeText),
		v.minLength(1, 'admin.calendar.err_name'),
		v.maxLength(100, 'admin.calendar.err_name')
	)
});

export type DayField = 'date' | 'kind' | 'name';
export type DayValues = Record<DayField, string>;

/** The form's fields as typed (cut to a sane length), to send back with a refusal. */
export function dayValues(form: FormData): DayValues {
	return {
		date: field(form, 'date').slice(0, 20),
		kind: field(form, 'kind').slice(0, 10),
		name: field(form, 'name').slice(0, 200)
	};
}

/**
 * A day to add: a valid date, a name, and an exception that changes something (a weekday off,
 * or a Saturday or Sunday worked), not already entered.
 */
export async function parseDay(
	db: DbOrTx,
	raw: DayValues
): Promise<
	| { ok: true; value: { date: string; kind: DayKind; name: string } }
	| { ok: false; errors: FieldErrors<DayField> }
> {
	const parsed = v.safeParse(DaySchema, raw);
	if (!parsed.success) return { ok: false, errors: fieldErrors<DayField>(parsed.issues) };
	const { date, kind, name } = parsed.output;
	const weekend = weekdayOf(date) >= 6;
	if (kind === 'off' && weekend) return refuse('date', 'admin.calendar.err_off_weekend');
	if (kind === 'work' && !weekend) return refuse('date', 'admin.calendar.err_work_weekday');
	const taken = await db
		.selectFrom('calendarDays')
		.select('name')
		.where('date', '=', date)
		.executeTakeFirst();
	if (taken) return refuse('date', 'admin.calendar.err_taken');
	return { ok: true, value: { date, kind, name } };
}

function refuse(name: DayField, message: MessageKey): { ok: false; errors: FieldErrors<DayField> } {
	return { ok: false, errors: { [name]: message } };
}

/** Adds a checked day (parseDay); false if the date was entered meanwhile. */
export async function add(
	db: DbOrTx,
	day: { date: string; kind: DayKind; name: string },
	createdBy: string | null,
	now = new Date()
): Promise<boolean> {
	const result = await db
		.insertInto('calendarDays')
		.values({ ...day, createdBy, createdAt: nowIso(now) })
		.onConflict((oc) => oc.column('date').doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes a day; the removed row, or undefined if there was none. */
export async function remove(db: DbOrTx, date: string): Promise<CalendarDay | undefined> {
	if (!isIsoDate(date)) return undefined;
	return db
		.deleteFrom('calendarDays')
		.where('date', '=', date)
		.returning(['date', 'kind', 'name', 'createdAt'])
		.executeTakeFirst();
}

/**
 * The working calendar as stored now (inside a transaction: as that transaction sees it). Read
 * each time, not cached: a few hundred rows at most, and every instance and the answer writer
 * thread then count by the same calendar the moment a change commits.
 */
export async function readCalendar(db: DbOrTx): Promise<WorkCalendar> {
	const rows = await db.selectFrom('calendarDays').select(['date', 'kind']).execute();
	return new WorkCalendar(rows.map((r) => [r.date, r.kind] as const));
}

/**
 * The administrator's change (/admin/calendar): the day added or removed, the open deadlines it
 * moves (cases.refitDeadlines) and the audit line, in one transaction. `change` returns the day
 * added or removed, or nothing if there was none (then nothing is written).
 */
async function changeCalendar(
	db: DbOrTx,
	action: 'calendar.add' | 'calendar.remove',
	change: (tx: DbOrTx) => Promise<{ date: string; kind: DayKind; name: string } | undefined>,
	ctx: AuditContext
): Promise<{ date: string; moved: number } | undefined> {
	return db.transaction().execute(async (tx) => {
		const before = await readCalendar(tx);
		const day = await change(tx);
		if (!day) return undefined;
		const after = before.with(day.date, action === 'calendar.add' ? day.kind : null);
		const moved = await refitDeadlines(tx, { date: day.date, before, after }, ctx);
		await audit.record(tx, {
			...ctx,
			action,
			targetType: 'calendar_day',
			targetId: day.date,
			detail: { kind: day.kind, name: day.name, deadlinesMoved: moved }
		});
		return { date: day.date, moved };
	});
}

/** Adds a checked day (parseDay) as changeCalendar does; undefined if it was entered meanwhile. */
export function addDay(
	db: DbOrTx,
	day: { date: string; kind: DayKind; name: string },
	ctx: AuditContext
): Promise<{ date: string; moved: number } | undefined> {
	return changeCalendar(
		db,
		'calendar.add',
		async (tx) => ((await add(tx, day, ctx.actor.id)) ? day : undefined),
		ctx
	);
}

/** Removes a day as changeCalendar does; undefined if there was none. */
export function removeDay(
	db: DbOrTx,
	date: string,
	ctx: AuditContext
): Promise<{ date: string; moved: number } | undefined> {
	return changeCalendar(db, 'calendar.remove', (tx) => remove(tx, date), ctx);
}
