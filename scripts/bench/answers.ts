import { addDays, vietnamMidnight, vietnamParts } from '../../src/lib/domain/time';
import { YEAR_FROM, YEAR_TO, type BenchUnit, type BenchWorld, type Counter } from './province';
import {
	COMMENTS,
	FIELDS,
	FIELD_WEIGHTS,
	MONTH_FACTOR,
	Rng,
	SIPAS_LEVELS,
	WEEKDAY_FACTOR,
	chooseReasons,
	deskSecond,
	isOpenDay
} from './shape';

/** A unit-day of answers as rows for the prepared INSERTs of dataset.ts, column for column. */
/** Scale factor that makes the year hold about `target` answers (expected values). */
export function scaleFor(list: BenchUnit[], target: number): number {
	let perScale = 0;
	for (let date = YEAR_FROM; date <= YEAR_TO; date = addDays(date, 1)) {
		const weekday = vietnamParts(vietnamMidnight(date)).weekday;
		if (!isOpenDay(date, weekday)) continue;
		const month = Number(date.slice(5, 7));
		for (const u of list) {
			if (date > u.until || (weekday === 6 && !u.saturday)) continue;
			perScale += u.base * WEEKDAY_FACTOR[weekday] * MONTH_FACTOR[month];
			if (u.web === 'sipas' && weekday !== 6) perScale += 0.5;
		}
	}
	return target / perScale;
}

export type ResponseRow = [
	string,
	string,
	string,
	string | null,
	string | null,
	string | null,
	string | null,
	string,
	string,
	string,
	string,
	number,
	string,
	number,
	number,
	number,
	number,
	number,
	number,
	number,
	string
];
export type AnswerRow = [string, string, number, number | null, string | null];

/** One unit's answers for one day, appended to `out`. */
export function unitDay(
	w: Omit<BenchWorld, 'path' | 'responses'>,
	u: BenchUnit,
	date: string,
	weekday: number,
	scale: number,
	out: { responses: ResponseRow[]; answers: AnswerRow[] }
): void {
	if (date > u.until) return;
	const saturday = weekday === 6;
	if (saturday && !u.saturday) return;
	const rng = new Rng(`${u.code}|${date}`);
	const mood = new Rng(`${u.code}|mood`);
	const unitDissatisfied = mood.range(0.055, 0.12);
	const unitVery = mood.range(0.58, 0.74);
	const month = Number(date.slice(5, 7));
	const n = Math.max(
		0,
		Math.round(u.base * WEEKDAY_FACTOR[weekday] * MONTH_FACTOR[month] * rng.range(0.8, 1.2) * scale)
	);
	const midnight = vietnamMidnight(date).getTime();
	const trend = 0.85 * (weekday === 1 ? 1.3 : 1);
	const push = (
		ms: number,
		survey: 'desk' | 'sipas',
		level: number,
		counter: Counter | null,
		officerId: string | null,
		fieldCode: string,
		fieldKnown: boolean,
		flags: [number, number],
		tap: boolean
	) => {
		const id = rng.uuidAt(ms);
		const kiosk = counter !== null;
		const p = vietnamParts(new Date(ms));
		const sipas = survey === 'sipas';
		const fieldId = fieldKnown ? w.fieldIds[FIELDS.findIndex((f) => f.code === fieldCode)] : null;
		const duration = tap
			? rng.int(3000, 4000)
			: sipas
				? rng.int(90_000, 300_000)
				: rng.int(3000, 40_000);
		const submitted = new Date(ms).toISOString();
		out.responses.push([
			id,
			sipas ? w.sipasVersionId : w.deskVersionId,
			u.id,
			counter?.id ?? null,
			officerId,
			fieldId,
			counter?.kioskId ?? null,
			kiosk ? 'kiosk' : 'web',
			new Date(ms - duration).toISOString(),
			submitted,
			new Date(ms + rng.int(80, 3000)).toISOString(),
			duration,
			p.date,
			p.hour,
			p.weekday,
			level,
			sipas ? 5 : 3,
			level >= (sipas ? 4 : 2) ? 1 : 0,
			flags[0],
			flags[1],
			rng.chance(0.05) ? 'en' : 'vi'
		]);
		out.answers.push([id, 'satisfaction', 0, level, null]);
		if (tap) return;
		if (officerId) out.answers.push([id, 'officer', 0, null, officerId]);
		if (fieldId) out.answers.push([id, 'procedure_field', 0, null, fieldId]);
		let reasons: string[] = [];
		if (!sipas && level === 1 && rng.chance(0.85)) {
			reasons = chooseReasons(rng, fieldCode);
			reasons.forEach((r, seq) => out.answers.push([id, 'reasons', seq, null, r]));
		}
		if (sipas) {
			for (let g = 1; g <= 5; g++) {
				for (let i = 1; i <= 4; i++) {
					if ((g === 5 && rng.chance(0.45)) || rng.chance(0.03)) continue;
					const shift = rng.weighted([20, 60, 20]) - 1;
					out.answers.push([
						id,
						`sipas_${g}_${i}`,
						0,
						Math.min(5, Math.max(1, level + shift)),
						null
					]);
				}
			}
		}
		const low = level <= (sipas ? 2 : 1);
		if (rng.chance(low ? (reasons.includes('other') ? 0.8 : 0.35) : 0.08)) {
			const text = low
				? rng.pick(COMMENTS.unhappy)
				: level >= (sipas ? 4 : 2)
					? rng.pick(COMMENTS.happy)
					: rng.pick(COMMENTS.neutral);
			out.answers.push([id, 'comment', 0, null, text]);
		}
	};

	for (let i = 0; i < n; i++) {
		const [second, afterHours] = deskSecond(rng, saturday);
		const field = FIELDS[rng.weighted(FIELD_WEIGHTS)].code;
		const counter = u.counters.find((c) => c.fields.includes(field)) ?? u.counters[0];
		const specialists = counter.officers.filter((o) => o.fields.includes(field));
		const officer = rng.pick(specialists.length > 0 ? specialists : counter.officers);
		const web = u.web === 'desk' && rng.chance(0.02);
		const tap = afterHours && !web && rng.chance(0.7);
		let level = 3;
		if (!tap) {
			const p1 = counter.dissatisfied ?? Math.min(0.5, unitDissatisfied * trend);
			const r = rng.next();
			level = r < p1 ? 1 : r < p1 + (1 - p1) * (1 - unitVery) ? 2 : 3;
		}
		push(
			midnight + second * 1000 + rng.int(0, 999),
			'desk',
			level,
			web ? null : counter,
			!tap && officer && rng.chance(0.7) ? officer.id : null,
			field,
			!tap && rng.chance(0.6),
			[0, afterHours && !web ? 1 : 0],
			tap
		);
	}
	if (!saturday && rng.chance(0.004)) {
		// Someone pressing one button over and over: from the fourth tap within a minute, flagged.
		const counter = rng.pick(u.counters);
		const level = rng.chance(0.75) ? 3 : 1;
		let at = midnight + Math.round(rng.range(8, 16) * 3600_000);
		for (let i = 0, k = rng.int(4, 7); i < k; i++) {
			push(at, 'desk', level, counter, null, FIELDS[0].code, false, [i >= 3 ? 1 : 0, 0], true);
			at += rng.int(9_000, 13_000);
		}
	}
	if (u.web === 'sipas' && !saturday) {
		for (let i = 0, k = Math.floor(0.5 * scale + rng.next()); i < k; i++) {
			const field = FIELDS[rng.weighted(FIELD_WEIGHTS)].code;
			push(
				midnight + Math.round(rng.range(6, 22) * 3600_000),
				'sipas',
				1 + rng.weighted(SIPAS_LEVELS),
				null,
				null,
				field,
				rng.chance(0.5),
				[0, 0],
				false
			);
		}
	}
}
