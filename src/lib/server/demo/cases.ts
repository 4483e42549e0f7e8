import { addDays, vietnamMidnight, vietnamParts } from '../../domain/time';
import { followUpDeadline } from '../../domain/work-calendar';
import { DEMO_CALENDAR } from './calendar';
import type { DayContext, DayRows, DemoUnit, Draft } from './model';
import { CONTACT_NOTES, RESOLVED_NOTES } from './names';
import { Rng } from './random';

// The consent text promises erasure after 12 months, counted from receipt as responses.record does.
const PHONE_RETENTION_MONTHS = 12;

/** A resident who left a phone number: the case and how far the office got with it by `until`. */
export function addCase(
	unit: DemoUnit,
	date: string,
	d: Draft,
	received: Date,
	ctx: DayContext,
	out: DayRows
) {
	const receivedAt = received.toISOString();
	const receivedDay = vietnamParts(received).date;
	// Its own stream, so that a case drawn for a later `until` leaves the responses untouched.
	const rng = new Rng(`${unit.place.code}|${date}|case|${d.id}`);
	const at = (day: string, hour: number) =>
		new Date(vietnamMidnight(day).getTime() + Math.round(hour * 3600_000)).toISOString();
	// Most cases are called back within 1-2 working days and closed within the 5-day deadline;
	// a few are left lying and closed late, so that overdue cases exist to be found.
	const late = rng.chance(0.08);
	const contactDay = DEMO_CALENDAR.add(receivedDay, late ? rng.int(4, 8) : rng.int(1, 2));
	const resolveDay = DEMO_CALENDAR.add(contactDay, late ? rng.int(3, 12) : rng.int(0, 3));
	const contactAt = at(contactDay, rng.range(8, 11));
	const resolveAt = at(resolveDay, rng.range(13.5, 16.5));
	const contactNote = rng.pick(CONTACT_NOTES);
	const resolveNote = rng.pick(RESOLVED_NOTES);
	const caseId = new Rng(`${d.id}|case`).uuid();
	const endOfRun = vietnamMidnight(addDays(ctx.until, 1)).toISOString();
	const recent = date > addDays(ctx.until, -14);
	const erase = new Date(received);
	erase.setUTCMonth(erase.getUTCMonth() + PHONE_RETENTION_MONTHS);
	const eraseAfter = erase.toISOString();

	let status: 'new' | 'contacted' | 'resolved' = 'new';
	if (contactAt < endOfRun) status = 'contacted';
	// The last two weeks stay open whatever the draw, so the demo always has work to show.
	if (status === 'contacted' && !recent && resolveAt < endOfRun) status = 'resolved';
	out.cases.push({
		id: caseId,
		responseId: d.id,
		unitId: unit.id,
		// Past its erasure date the number is gone, as the purge job would have left it.
		phone: eraseAfter < endOfRun ? null : d.phone,
		consentAt: new Date(d.submittedMs).toISOString(),
		phoneEraseAfter: eraseAfter,
		status,
		deadline: followUpDeadline(receivedAt, DEMO_CALENDAR),
		assignedTo: null,
		createdAt: receivedAt,
		updatedAt: status === 'resolved' ? resolveAt : status === 'contacted' ? contactAt : receivedAt,
		resolvedAt: status === 'resolved' ? resolveAt : null
	});
	if (status !== 'new') {
		out.notes.push({
			id: new Rng(`${caseId}|contacted`).uuid(),
			caseId,
			userId: null,
			body: contactNote,
			statusTo: 'contacted',
			createdAt: contactAt
		});
	}
	if (status === 'resolved') {
		out.notes.push({
			id: new Rng(`${caseId}|resolved`).uuid(),
			caseId,
			userId: null,
			body: resolveNote,
			statusTo: 'resolved',
			createdAt: resolveAt
		});
	}
}
