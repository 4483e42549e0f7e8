import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { vietnamToday, weekdayOf } from '$lib/domain/time';
import * as audit from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import type { DbOrTx } from '$lib/server/db';
import { getDb } from '$lib/server/db/instance';
import { field, type FieldErrors } from '$lib/server/form-input';
import * as calendar from '$lib/server/work-calendar';
import type { Actions, PageServerLoad } from './$types';

// The working calendar: the days off and weekend days worked that follow-up deadlines count.
// Everyone signed in reads it (deadlines are everyone's business); administrators change it.
// A year is one page: a few dozen days at most.

const PATH = '/admin/calendar';

function yearOf(url: URL): number {
	const raw = url.searchParams.get('year') ?? '';
	const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
	return year >= calendar.FIRST_YEAR && year <= calendar.LAST_YEAR
		? year
		: Number(vietnamToday().slice(0, 4));
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const year = yearOf(event.url);
	const days = await calendar.listYear(db, year);
	const done = event.url.searchParams.get('done');
	const date = event.url.searchParams.get('date') ?? '';
	return {
		canEdit: user.role === 'admin',
		year,
		years: await calendar.yearsWithDays(db),
		done:
			(done === 'added' || done === 'removed') && /^\d{4}-\d{2}-\d{2}$/.test(date)
				? { kind: done, date }
				: null,
		days: days.map((d) => ({ ...d, weekday: weekdayOf(d.date) }))
	};
};

function audited(event: RequestEvent, tx: DbOrTx, admin: { id: string; username: string }) {
	return (action: string, date: string, detail: Record<string, unknown>) =>
		audit.record(tx, {
			action,
			actor: { id: admin.id, username: admin.username },
			targetType: 'calendar_day',
			targetId: date,
			detail,
			ip: event.getClientAddress(),
			requestId: event.locals.requestId
		});
}

const back = (date: string, done: 'added' | 'removed') =>
	`${PATH}?year=${date.slice(0, 4)}&done=${done}&date=${date}`;

export const actions: Actions = {
	add: async (event) => {
		const admin = requireUser(event, { role: 'admin' });
		const db = getDb();
		const values = calendar.dayValues(await event.request.formData());
		const parsed = await calendar.parseDay(db, values);
		if (!parsed.ok) return fail(400, { action: 'add' as const, errors: parsed.errors, values });
		const { date, kind, name } = parsed.value;
		const added = await db.transaction().execute(async (tx) => {
			if (!(await calendar.add(tx, parsed.value, admin.id))) return false;
			await audited(event, tx, admin)('calendar.add', date, { kind, name });
			return true;
		});
		if (!added) {
			// Entered by someone else between the check and the insert.
			return fail(400, {
				action: 'add' as const,
				errors: { date: 'admin.calendar.err_taken' } as FieldErrors<calendar.DayField>,
				values
			});
		}
		calendar.forget(db);
		redirect(303, back(parsed.value.date, 'added'));
	},

	remove: async (event) => {
		const admin = requireUser(event, { role: 'admin' });
		const db = getDb();
		const date = field(await event.request.formData(), 'date').slice(0, 20);
		const removed = await db.transaction().execute(async (tx) => {
			const row = await calendar.remove(tx, date);
			if (row) {
				await audited(event, tx, admin)('calendar.remove', row.date, {
					kind: row.kind,
					name: row.name
				});
			}
			return row;
		});
		if (!removed) {
			return fail(400, {
				action: 'remove' as const,
				date,
				message: 'admin.calendar.err_remove' as const
			});
		}
		calendar.forget(db);
		redirect(303, back(removed.date, 'removed'));
	}
};
