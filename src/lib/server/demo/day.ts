import { isOutOfHours } from '../../domain/kiosk-settings';
import { answerRows } from '../../domain/survey';
import { vietnamMidnight, vietnamParts, weekdayOf } from '../../domain/time';
import { answerOfType, fillAnswers } from './answers';
import { isOpenDay } from './calendar';
import { addCase } from './cases';
import type { DayContext, DayRows, DemoUnit, Draft } from './model';
import { DESK_ROLES, MERGE_DATE, PROCEDURE_FIELDS } from './places';
import { Rng } from './random';

// Monday carries the weekend's backlog; Saturday only at desks that open in the morning.
const WEEKDAY_FACTOR = [0, 1.6, 1.1, 1.0, 1.0, 0.85, 0.3, 0];
// January fills up before Tết, February empties after it, August brings school enrolment
// (certified copies of birth certificates).
const MONTH_FACTOR = [0, 1.15, 0.85, 1.0, 0.95, 1.0, 1.0, 1.0, 1.1, 1.0, 0.95, 1.0, 1.1];

const FIELD_WEIGHTS = PROCEDURE_FIELDS.map((f) => f.weight);
// Taps before 7:00 or after 17:30, which the office-hours flag of the kiosk settings catches.
const OUT_OF_HOURS_SHARE = 0.01;
// Unit-days on which someone taps one button over and over (the burst rule of responses.record:
// a fourth identical answer from one device within a minute is flagged).
const BURST_SHARE = 0.004;
const BURST_SIZE = 4;
const BURST_WINDOW_MS = 60_000;
// One resident at a time: the next can start once the thank-you screen has gone.
const THANKS_MS = 5_000;
const OFFLINE_REPLAY_SHARE = 0.006;
const TREND_START = Date.parse('2024-01-01');
const TREND_END = Date.parse('2026-12-31');

/** Share of "Không hài lòng" at an ordinary counter: improving slowly, worse after the merger. */
function dissatisfiedFactor(date: string): number {
	const t = Math.min(1, Math.max(0, (Date.parse(date) - TREND_START) / (TREND_END - TREND_START)));
	let f = 1.25 - 0.45 * t;
	// New commune, new staff, new seals and software: the first two months after 1/7/2025 hurt.
	if (date >= MERGE_DATE && date < '2025-09-01') f *= 1.5;
	else if (date >= '2025-09-01' && date < '2025-10-01') f *= 1.2;
	return f;
}

/** Seconds after local midnight of one desk response, and whether it is out of hours. */
function deskSecond(rng: Rng, saturday: boolean): [number, boolean] {
	const hours = (h: number) => Math.round(h * 3600);
	if (saturday) return [hours(7.5 + 4 * ((rng.next() + rng.next()) / 2)), false];
	const r = rng.next();
	if (r < OUT_OF_HOURS_SHARE) {
		return [rng.chance(0.5) ? hours(rng.range(5.75, 6.9)) : hours(rng.range(17.6, 20.5)), true];
	}
	// Lunch dip: a few residents are still served just before and after the break.
	if (r < 0.04) {
		return [rng.chance(0.5) ? hours(rng.range(11.5, 12)) : hours(rng.range(13, 13.5)), false];
	}
	// A flat floor plus a peak mid-session (about 9:30 and 15:15).
	const shape = () => (rng.chance(0.4) ? rng.next() : (rng.next() + rng.next()) / 2);
	if (r < 0.64) return [hours(7.5 + 4 * shape()), false];
	return [hours(13.5 + 3.5 * shape()), false];
}

/** One unit's responses for one date: the same rows whenever and wherever they are generated. */
export function generateUnitDay(
	unit: DemoUnit,
	date: string,
	ctx: DayContext,
	out: DayRows
): number {
	if (!isOpenDay(date)) return 0;
	const weekday = weekdayOf(date);
	const saturday = weekday === 6;
	if (saturday && !unit.place.saturday) return 0;
	const rng = new Rng(`${unit.place.code}|${date}`);
	const month = Number(date.slice(5, 7));
	let volume = unit.place.base * WEEKDAY_FACTOR[weekday] * MONTH_FACTOR[month];
	// People came to update their papers in the first weeks of the new communes.
	if (date >= MERGE_DATE && date < '2025-08-16') volume *= 1.25;
	const n = Math.max(0, Math.round(volume * rng.range(0.8, 1.2) * ctx.scale));
	const midnight = vietnamMidnight(date).getTime();
	const mood = new Rng(`${unit.place.code}|mood`);
	const unitDissatisfied = mood.range(0.055, 0.12);
	const unitVery = mood.range(0.58, 0.74);
	const trend = dissatisfiedFactor(date) * (weekday === 1 ? 1.3 : 1);

	const slots: [number, boolean][] = [];
	for (let i = 0; i < n; i++) slots.push(deskSecond(rng, saturday));
	slots.sort((a, b) => a[0] - b[0]);

	const drafts: Draft[] = [];
	const draft = (d: Partial<Draft> & Pick<Draft, 'submittedMs' | 'survey' | 'level'>): Draft => ({
		id: '',
		counter: null,
		officerId: null,
		field: PROCEDURE_FIELDS[0].code,
		fieldId: null,
		kiosk: false,
		durationMs: 0,
		tap: false,
		answers: {},
		phone: null,
		locale: 'vi',
		...d
	});
	for (const [second, afterHours] of slots) {
		const field = PROCEDURE_FIELDS[rng.weightedIndex(FIELD_WEIGHTS)].code;
		const counter = unit.counters.find((c) => c.fields.includes(field)) ?? unit.counters[0];
		const specialists = counter.officers.filter((o) => DESK_ROLES[o.role].fields.includes(field));
		const officer = rng.pick(specialists.length > 0 ? specialists : counter.officers);
		const web = unit.web === 'desk' && rng.chance(0.02);
		// Out of hours it is mostly staff or children pressing the top button.
		const tap = afterHours && rng.chance(0.7);
		let level = 3;
		if (!tap) {
			const p1 = counter.dissatisfied ?? Math.min(0.5, unitDissatisfied * trend);
			const r = rng.next();
			level = r < p1 ? 1 : r < p1 + (1 - p1) * (1 - unitVery) ? 2 : 3;
		}
		drafts.push(
			draft({
				counter,
				officerId: rng.chance(0.7) ? officer.id : null,
				field,
				fieldId: rng.chance(0.6) ? (ctx.fieldIds.get(field) ?? null) : null,
				kiosk: !web,
				submittedMs: midnight + second * 1000 + rng.int(0, 999),
				tap: tap && !web,
				survey: ctx.desk,
				level,
				locale: rng.chance(0.05) ? 'en' : 'vi'
			})
		);
	}

	if (!saturday && rng.chance(BURST_SHARE)) {
		const counter = rng.pick(unit.counters);
		const level = rng.chance(0.75) ? 3 : 1;
		let at = midnight + Math.round(rng.range(8, 16) * 3600_000);
		for (let i = rng.int(BURST_SIZE, 7); i > 0; i--) {
			drafts.push(
				draft({ counter, kiosk: true, submittedMs: at, tap: true, survey: ctx.desk, level })
			);
			at += rng.int(9_000, 13_000);
		}
	}

	// Residents who answer the unit's web survey from home (SIPAS after the merger).
	if (unit.web === 'sipas' && !saturday) {
		const k = Math.floor(0.5 * ctx.scale + rng.next());
		for (let i = 0; i < k; i++) {
			const field = PROCEDURE_FIELDS[rng.weightedIndex(FIELD_WEIGHTS)].code;
			drafts.push(
				draft({
					field,
					fieldId: rng.chance(0.5) ? (ctx.fieldIds.get(field) ?? null) : null,
					submittedMs: midnight + Math.round(rng.range(6, 22) * 3600_000),
					survey: ctx.sipas,
					level: 1 + rng.weightedIndex([3, 6, 15, 44, 32]),
					locale: rng.chance(0.05) ? 'en' : 'vi'
				})
			);
		}
	}

	for (const d of drafts) fillAnswers(rng, d);
	drafts.sort((a, b) => a.submittedMs - b.submittedMs);
	const bursts = paceKiosks(drafts);

	// Ids come from their own stream, so adding a column to the draw never renames a row.
	const ids = new Rng(`${unit.place.code}|${date}|ids`);
	for (const d of drafts) {
		d.id = ids.uuidAt(d.submittedMs);
		const submitted = new Date(d.submittedMs);
		const p = vietnamParts(submitted);
		const minute = new Date(d.submittedMs + 7 * 3600_000).getUTCMinutes();
		const replay = d.kiosk && rng.chance(OFFLINE_REPLAY_SHARE);
		const received = new Date(
			d.submittedMs + (replay ? rng.int(20 * 60_000, 5 * 3600_000) : rng.int(80, 3000))
		);
		const def = d.survey.def;
		const main = def.questions.find((q) => q.key === def.mainQuestion);
		const levels = main?.type === 'rating' ? main.levels.length : 3;
		const satisfiedFrom = main?.type === 'rating' ? main.satisfiedFrom : 2;
		out.responses.push({
			id: d.id,
			surveyVersionId: d.survey.versionId,
			unitId: unit.id,
			counterId: d.counter?.id ?? null,
			officerId: answerOfType(d, 'officer'),
			procedureFieldId: answerOfType(d, 'procedure_field'),
			kioskId: d.kiosk ? (d.counter?.kioskId ?? null) : null,
			channel: d.kiosk ? 'kiosk' : 'web',
			startedAt: new Date(d.submittedMs - d.durationMs).toISOString(),
			submittedAt: submitted.toISOString(),
			receivedAt: received.toISOString(),
			durationMs: d.durationMs,
			localDate: p.date,
			localHour: p.hour,
			weekday: p.weekday,
			mainLevel: d.level,
			mainLevels: levels,
			satisfied: d.level >= satisfiedFrom ? 1 : 0,
			flagBurst: bursts.has(d) ? 1 : 0,
			// Office hours are a desk matter; a phone answer in the evening is normal.
			flagOutOfHours: d.kiosk && isOutOfHours(unit.settings, p.weekday, p.hour, minute) ? 1 : 0,
			locale: d.locale
		});
		for (const row of answerRows(def, d.answers)) out.answers.push({ responseId: d.id, ...row });
		if (d.phone) addCase(unit, date, d, received, ctx, out);
	}
	return drafts.length;
}

/**
 * Spaces each kiosk's answers so that a resident starts only after the previous one's thank-you
 * screen (which also keeps the server's minimum interval), and returns the answers that the
 * burst rule flags. `drafts` must be sorted by submission time.
 */
function paceKiosks(drafts: Draft[]): Set<Draft> {
	const last = new Map<string, Draft[]>();
	const flagged = new Set<Draft>();
	for (const d of drafts) {
		if (!d.kiosk || !d.counter) continue;
		const seen = last.get(d.counter.kioskId) ?? [];
		const prev = seen[seen.length - 1];
		if (prev && d.submittedMs - d.durationMs < prev.submittedMs + THANKS_MS) {
			d.submittedMs = prev.submittedMs + THANKS_MS + d.durationMs;
		}
		const same = seen.filter(
			(s) => s.level === d.level && s.submittedMs > d.submittedMs - BURST_WINDOW_MS
		).length;
		if (same >= BURST_SIZE - 1) flagged.add(d);
		seen.push(d);
		last.set(d.counter.kioskId, seen.slice(-8));
	}
	return flagged;
}
