import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { vietnamToday, weekdayOf } from '$lib/domain/time';
import * as audit from '$lib/server/audit';
import * as cases from '$lib/server/cases';
import type { AuditContext } from '$lib/server/cases';
import { requireUser } from '$lib/server/auth/guard';
import type { DbOrTx } from '$lib/server/db';
import { getDb } from '$lib/server/db/instance';
import { field, type FieldErrors } from '$lib/server/forms';
import * as calendar from '$lib/server/work-calendar';
import type { DayKind } from '$lib/domain/work-calendar';
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

function contextOf(event: RequestEvent, admin: { id: string; username: string }): AuditContext {
	return {
		actor: { id: admin.id, username: admin.username },
		ip: event.getClientAddress(),
		requestId: event.locals.requestId
	};
}

/**
 * The change itself, the open deadlines it moves (cases.refitDeadlines) and the audit line, in
 * one transaction: `change` returns the day added or removed, or nothing if there was none.
 */
async function changeCalendar(
	event: RequestEvent,
	admin: { id: string; username: string },
	action: 'calendar.add' | 'calendar.remove',
	change: (tx: DbOrTx) => Promise<{ date: string; kind: DayKind; name: string } | undefined>
): Promise<{ date: string; moved: number } | undefined> {
	const ctx = contextOf(event, admin);
	return getDb()
		.transaction()
		.execute(async (tx) => {
			const before = await calendar.readCalendar(tx);
			const day = await change(tx);
			if (!day) return undefined;
			const after = before.with(day.date, action === 'calendar.add' ? day.kind : null);
			const moved = await cases.refitDeadlines(tx, { date: day.date, before, after }, ctx);
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

const back = (done: 'added' | 'removed', change: { date: string; moved: number }) =>
	`${PATH}?year=${change.date.slice(0, 4)}&done=${done}&date=${change.date}&moved=${change.moved}`;

export const actions: Actions = {
	add: async (event) => {
		const admin = requireUser(event, { role: 'admin' });
		const db = getDb();
		const values = calendar.dayValues(await event.request.formData());
		const parsed = await calendar.parseDay(db, values);
		if (!parsed.ok) return fail(400, { action: 'add' as const, errors: parsed.errors, values });
		const added = await changeCalendar(event, admin, 'calendar.add', async (tx) =>
			(await calendar.add(tx, parsed.value, admin.id)) ? parsed.value : undefined
		);
		if (!added) {
			// Entered by someone else between the check and the insert.
			return fail(400, {
				action: 'add' as const,
				errors: { date: 'admin.calendar.err_taken' } as FieldErrors<calendar.DayField>,
				values
			});
		}
		redirect(303, back('added', added));
	},

	remove: async (event) => {
		const admin = requireUser(event, { role: 'admin' });
		const date = field(await event.request.formData(), 'date').slice(0, 20);
		const removed = await changeCalendar(event, admin, 'calendar.remove', (tx) =>
			calendar.remove(tx, date)
		);
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
