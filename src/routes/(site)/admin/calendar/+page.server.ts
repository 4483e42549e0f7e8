import { fail, redirect } from '@sveltejs/kit';
import { vietnamToday, weekdayOf } from '$lib/domain/time';
import { contextOf } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { field, refuse } from '$lib/server/forms';
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
	const moved = Number(event.url.searchParams.get('moved') ?? '0');
	return {
		canEdit: user.role === 'admin',
		firstYear: calendar.FIRST_YEAR,
		lastYear: calendar.LAST_YEAR,
		year,
		years: await calendar.yearsWithDays(db),
		done:
			(done === 'added' || done === 'removed') && /^\d{4}-\d{2}-\d{2}$/.test(date)
				? { kind: done, date, moved: Number.isSafeInteger(moved) && moved > 0 ? moved : 0 }
				: null,
		days: days.map((d) => ({ ...d, weekday: weekdayOf(d.date) }))
	};
};

const back = (done: 'added' | 'removed', change: { date: string; moved: number }) =>
	`${PATH}?year=${change.date.slice(0, 4)}&done=${done}&date=${change.date}&moved=${change.moved}`;

export const actions: Actions = {
	add: async (event) => {
		const admin = requireUser(event, { role: 'admin' });
		const db = getDb();
		const values = calendar.dayValues(await event.request.formData());
		const parsed = await calendar.parseDay(db, values);
		if (!parsed.ok) return refuse('add', parsed.errors, values);
		const added = await calendar.addDay(db, parsed.value, contextOf(event, admin));
		if (!added) {
			// Entered by someone else between the check and the insert.
			return refuse('add', { date: 'admin.calendar.err_taken' }, values);
		}
		redirect(303, back('added', added));
	},

	remove: async (event) => {
		const admin = requireUser(event, { role: 'admin' });
		const date = field(await event.request.formData(), 'date').slice(0, 20);
		const removed = await calendar.removeDay(getDb(), date, contextOf(event, admin));
		if (!removed) {
			return fail(400, {
				action: 'remove' as const,
				date,
				message: 'admin.calendar.err_remove' as const
			});
		}
		redirect(303, back('removed', removed));
	}
};
