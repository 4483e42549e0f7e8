import SQLite from 'better-sqlite3';
import { openMigrated, type Db } from '../../src/lib/server/db/index';
import { newId } from '../../src/lib/server/ids';
import * as units from '../../src/lib/server/units';
import { templateDefinition } from '../../src/lib/domain/templates';
import { addDays, vietnamMidnight, vietnamParts } from '../../src/lib/domain/time';
import {
	COMMENTS,
	FIELDS,
	FIELD_WEIGHTS,
	MONTH_FACTOR,
	ROLES,
	Rng,
	SIPAS_LEVELS,
	WEEKDAY_FACTOR,
	chooseReasons,
	deskSecond,
	isOpenDay
} from './shape';

/**
 * A province after the 2025 reform, for one year (2026): 105 communes, wards and special zones,
 * 40 provincial agencies under one group, and 10 old communes merged into new ones on 1 March,
 * 157 units in all, about five million answers. Built with the app's own functions for the
 * structure, then raw better-sqlite3 prepared statements in one transaction per day for the
 * answers (the app's Kysely path would take an hour for this).
 */

export const YEAR_FROM = '2026-01-01';
export const YEAR_TO = '2026-12-31';
export const MERGE_DAY = '2026-03-01';

interface Counter {
	id: string;
	kioskId: string;
	fields: string[];
	officers: { id: string; fields: string[] }[];
	dissatisfied: number | null;
}

export interface BenchUnit {
	id: string;
	code: string;
	kind: string;
	base: number;
	saturday: boolean;
	web: 'desk' | 'sipas';
	/** Last day with answers (old communes stop when merged). */
	until: string;
	counters: Counter[];
}

export interface BenchWorld {
	path: string;
	rootId: string;
	groupId: string;
	units: BenchUnit[];
	deskSurveyId: string;
	sipasSurveyId: string;
	deskVersionId: string;
	sipasVersionId: string;
	fieldIds: string[];
	responses: number;
}

const AT = '2025-12-01T00:00:00.000Z';

async function structure(db: Db, rng: Rng): Promise<Omit<BenchWorld, 'path' | 'responses'>> {
	const root = await units.create(db, {
		code: 'BT',
		name: 'Tỉnh Bến Tre (thử tải)',
		kind: 'province'
	});
	const group = await units.create(db, {
		code: 'BT-SBN',
		name: 'Các sở, ban, ngành',
		kind: 'other',
		parentId: root.id
	});
	const fieldIds = FIELDS.map(() => newId());
	await db
		.insertInto('procedureFields')
		.values(
			FIELDS.map((f, i) => ({ id: fieldIds[i], code: f.code, nameVi: f.nameVi, nameEn: null }))
		)
		.execute();
	const fieldId = new Map(FIELDS.map((f, i) => [f.code, fieldIds[i]]));

	const list: BenchUnit[] = [];
	const make = async (
		code: string,
		name: string,
		kind: 'commune' | 'ward' | 'special_zone' | 'agency',
		parentId: string,
		base: number,
		validTo: string | null
	) => {
		const u = await units.create(db, { code, name, kind, parentId, validTo });
		const nCounters = kind === 'agency' ? rng.int(1, 3) : rng.int(2, 4);
		const counters: Counter[] = [];
		for (let i = 0; i < nCounters; i++) {
			const fields = ROLES.filter((_, r) => r % nCounters === i).flat();
			counters.push({
				id: newId(),
				kioskId: newId(),
				fields,
				officers: [],
				dissatisfied: rng.chance(0.03) ? rng.range(0.25, 0.36) : null
			});
		}
		for (let k = 0, n = rng.int(Math.max(3, nCounters), 6); k < n; k++) {
			const role = k % ROLES.length;
			counters[role % nCounters].officers.push({ id: newId(), fields: ROLES[role] });
		}
		await db
			.insertInto('counters')
			.values(
				counters.map((c, i) => ({
					id: c.id,
					unitId: u.id,
					number: i + 1,
					name: `Quầy ${i + 1}`,
					createdAt: AT,
					updatedAt: AT
				}))
			)
			.execute();
		await db
			.insertInto('officers')
			.values(
				counters.flatMap((c) =>
					c.officers.map((o, k) => ({
						id: o.id,
						unitId: u.id,
						counterId: c.id,
						fullName: `Cán bộ ${code}-${k + 1}`,
						searchText: `can bo ${code.toLowerCase()}-${k + 1}`,
						title: 'Công chức',
						photoMime: null,
						photo: null,
						createdAt: AT,
						updatedAt: AT
					}))
				)
			)
			.execute();
		await db
			.insertInto('kiosks')
			.values(
				counters.map((c, i) => ({
					id: c.kioskId,
					unitId: u.id,
					counterId: c.id,
					name: `Kiosk quầy ${i + 1}`,
					tokenHash: null,
					pairingCodeHash: null,
					pairingExpiresAt: null,
					settings: '{}',
					lastSeenAt: null,
					lastSubmissionAt: null,
					queueLength: null,
					appVersion: null,
					pairedAt: null,
					revokedAt: null,
					createdAt: AT,
					updatedAt: AT
				}))
			)
			.execute();
		list.push({
			id: u.id,
			code,
			kind,
			base,
			saturday: kind !== 'agency' && rng.chance(0.4),
			web: kind === 'agency' || rng.chance(0.5) ? 'desk' : 'sipas',
			until: validTo ?? YEAR_TO,
			counters
		});
		return u.id;
	};

	const pad = (n: number) => String(n).padStart(3, '0');
	const communes: string[] = [];
	for (let i = 1; i <= 105; i++) {
		const kind = i <= 31 ? 'ward' : i <= 103 ? 'commune' : 'special_zone';
		const label = kind === 'ward' ? 'Phường' : kind === 'commune' ? 'Xã' : 'Đặc khu';
		const base =
			kind === 'ward' ? rng.int(18, 32) : kind === 'commune' ? rng.int(9, 24) : rng.int(6, 10);
		communes.push(await make(`BT-${pad(i)}`, `${label} số ${i}`, kind, root.id, base, null));
	}
	for (let i = 1; i <= 40; i++) {
		await make(`BT-S${pad(i)}`, `Sở, ngành số ${i}`, 'agency', group.id, rng.int(4, 12), null);
	}
	for (let i = 1; i <= 10; i++) {
		const old = await make(
			`BT-C${pad(i)}`,
			`Xã cũ số ${i}`,
			'commune',
			root.id,
			rng.int(8, 14),
			addDays(MERGE_DAY, -1)
		);
		await units.mergeInto(db, old, communes[31 + i * 3], MERGE_DAY);
	}

	const survey = async (code: string, template: 'desk3' | 'sipas') => {
		const id = newId();
		const versionId = newId();
		await db
			.insertInto('surveys')
			.values({
				id,
				code,
				name: code,
				template,
				ownerUnitId: null,
				draft: null,
				archivedAt: null,
				createdBy: null,
				createdAt: AT,
				updatedAt: AT
			})
			.execute();
		await db
			.insertInto('surveyVersions')
			.values({
				id: versionId,
				surveyId: id,
				version: 1,
				definition: JSON.stringify(templateDefinition(template)),
				publishedAt: AT,
				publishedBy: null
			})
			.execute();
		return { id, versionId };
	};
	const desk = await survey('DESK3', 'desk3');
	const sipas = await survey('SIPAS', 'sipas');
	for (const [surveyId, channel] of [
		[desk.id, 'kiosk'],
		[desk.id, 'web'],
		[sipas.id, 'web']
	] as const) {
		await db
			.insertInto('surveyAssignments')
			.values({
				id: newId(),
				surveyId,
				unitId: root.id,
				channel,
				validFrom: '2025-12-01',
				validTo: null,
				createdAt: AT
			})
			.execute();
	}
	return {
		rootId: root.id,
		groupId: group.id,
		units: list,
		deskSurveyId: desk.id,
		sipasSurveyId: sipas.id,
		deskVersionId: desk.versionId,
		sipasVersionId: sipas.versionId,
		fieldIds: FIELDS.map((f) => fieldId.get(f.code)!)
	};
}

/** Scale factor that makes the year hold about `target` answers (expected values). */
function scaleFor(list: BenchUnit[], target: number): number {
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

type ResponseRow = [
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
type AnswerRow = [string, string, number, number | null, string | null];

/** One unit's answers for one day, appended to `out`. */
function unitDay(
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

/**
 * Creates the database at `path` (which must not exist) and fills it. Returns the world the
 * views and the load test draw from.
 */
export async function buildDataset(
	path: string,
	target: number,
	onProgress: (msg: string) => void
): Promise<BenchWorld> {
	const db = await openMigrated(path);
	const world = await structure(db, new Rng('bench|structure'));
	await db.destroy();
	const scale = scaleFor(world.units, target);
	onProgress(
		`structure: ${world.units.length + 2} units; drawing ~${target} answers (scale ${scale.toFixed(2)})`
	);

	const sqlite = new SQLite(path);
	// Loading only: no journal, no fsync, no foreign-key lookups (the rows are generated
	// consistent). The file is thrown away after the run. WAL must be left before OFF applies.
	sqlite.pragma('journal_mode = DELETE');
	sqlite.pragma('journal_mode = OFF');
	sqlite.pragma('foreign_keys = OFF');
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('cache_size = -1000000');
	sqlite.pragma('temp_store = MEMORY');
	const insertResponse = sqlite.prepare(
		`insert into responses (id, survey_version_id, unit_id, counter_id, officer_id, procedure_field_id,
		kiosk_id, channel, started_at, submitted_at, received_at, duration_ms, local_date, local_hour, weekday,
		main_level, main_levels, satisfied, flag_burst, flag_out_of_hours, locale)
		values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertAnswer = sqlite.prepare(
		'insert into response_answers (response_id, question_key, seq, value_int, value_text) values (?, ?, ?, ?, ?)'
	);
	// One transaction per month: each commit writes every page it dirtied, and the unit and
	// kiosk indexes are touched all over, so daily commits would rewrite them 300 times.
	let total = 0;
	let month = '';
	const started = performance.now();
	for (let date = YEAR_FROM; date <= YEAR_TO; date = addDays(date, 1)) {
		if (date.slice(0, 7) !== month) {
			if (month) {
				sqlite.exec('commit');
				const s = (performance.now() - started) / 1000;
				onProgress(`  ${month}: ${total} answers so far (${s.toFixed(0)} s)`);
			}
			month = date.slice(0, 7);
			sqlite.exec('begin');
		}
		const weekday = vietnamParts(vietnamMidnight(date)).weekday;
		if (!isOpenDay(date, weekday)) continue;
		const rows = { responses: [] as ResponseRow[], answers: [] as AnswerRow[] };
		for (const u of world.units) unitDay(world, u, date, weekday, scale, rows);
		for (const r of rows.responses) insertResponse.run(r);
		for (const a of rows.answers) insertAnswer.run(a);
		total += rows.responses.length;
	}
	sqlite.exec('commit');
	sqlite.pragma('journal_mode = WAL');
	sqlite.close();
	return { ...world, path, responses: total };
}
