import type { Db, DbOrTx } from '../db';
import type { Localized } from '../../domain/survey';
import { addDays, isIsoDate, vietnamToday } from '../../domain/time';
import { applyRows } from '../stats';
import { REASONS_KEY } from '../stats/tables';
import { datesBetween, demoDaysOff } from './calendar';
import { generateUnitDay } from './day';
import { emptyRows } from './model';
import { insertChunked, loadContext, loadUnits, seedStructure } from './structure';
import { nowIso } from '../ids';

export { DESK_SURVEY_CODE, SIPAS_SURVEY_CODE } from './structure';

/** Shown wherever the demo data appears: it must never pass for real figures. */
export const DEMO_NOTICE: Localized & { en: string } = {
	vi: 'Dữ liệu trình diễn: mọi ý kiến, cán bộ, quầy và số điện thoại đều là giả định. Tên các đơn vị hành chính là có thật, nhưng việc các đơn vị cũ được sắp xếp vào xã mới nào từ ngày 1/7/2025 chỉ mang tính minh họa.',
	en: 'Demo data: every response, officer, counter and phone number is invented. The names of the administrative units are real, but which old unit went into which new commune on 1 July 2025 is illustrative.'
};

export const DEMO_META_KEY = 'demo_seed';
export const DEMO_DEFAULT_FROM = '2024-01-01';

/** What app_meta 'demo_seed' records: the dates loaded, both included, and at what volume. */
export interface DemoSeedMeta {
	version: 1;
	from: string;
	until: string;
	scale: number;
}

export interface SeedDemoOptions {
	/** Last date to seed, 'YYYY-MM-DD'; default today in Vietnam. */
	until?: string;
	/** First date to seed on a fresh database; default 2024-01-01. */
	from?: string;
	/** Multiplies the number of responses; default 1. */
	scale?: number;
	onProgress?: (msg: string) => void;
}

/**
 * Loads the invented demo: Phụng Hiệp district before the 2025 reform, the new Cần Thơ communes
 * after it, their counters, officers, kiosks, two surveys and a response history. Runs once;
 * a later run only appends the days between the last seeded date and `until`. Each month is one
 * transaction that also moves the recorded last date, so an interrupted run resumes cleanly.
 */
export async function seedDemo(
	db: Db,
	opts: SeedDemoOptions = {}
): Promise<{ seeded: boolean; responses: number }> {
	const until = opts.until ?? vietnamToday();
	if (!isIsoDate(until)) throw new Error(`until must be a date YYYY-MM-DD, got ${until}`);
	const progress = opts.onProgress ?? (() => {});
	let meta = await readMeta(db);
	let seeded = false;
	if (!meta) {
		const from = opts.from ?? DEMO_DEFAULT_FROM;
		const scale = opts.scale ?? 1;
		if (!isIsoDate(from)) throw new Error(`from must be a date YYYY-MM-DD, got ${from}`);
		if (!(scale > 0 && scale <= 100))
			throw new Error('scale must be a number above 0 and up to 100');
		meta = { version: 1, from, until: addDays(from, -1), scale };
		const fresh = meta;
		await db.transaction().execute(async (trx) => {
			await seedStructure(trx, fresh.from);
			// The holidays the demo closes its desks on, as an administrator would have entered them.
			await trx
				.insertInto('calendarDays')
				.values(demoDaysOff().map((d) => ({ ...d, createdBy: null, createdAt: nowIso() })))
				.onConflict((oc) => oc.column('date').doNothing())
				.execute();
			await writeMeta(trx, fresh);
		});
		progress(`Units, counters, officers, kiosks and surveys created (from ${from})`);
		seeded = true;
	} else if (opts.scale !== undefined && opts.scale !== meta.scale) {
		progress(`Keeping scale ${meta.scale} of the existing demo (asked for ${opts.scale})`);
	}

	const state = meta;
	const start = addDays(state.until, 1);
	if (start > until) return { seeded, responses: 0 };
	if (!seeded) progress(`Extending the demo from ${start} to ${until}`);
	const ctx = await loadContext(db, until, state.scale);
	const world = await loadUnits(db);
	const months = new Map<string, string[]>();
	for (const date of datesBetween(start, until)) {
		const key = date.slice(0, 7);
		const list = months.get(key);
		if (list) list.push(date);
		else months.set(key, [date]);
	}

	let total = 0;
	for (const [month, dates] of months) {
		const rows = emptyRows();
		let count = 0;
		for (const date of dates) {
			const active = world.filter(
				(u) => (!u.validFrom || u.validFrom <= date) && (!u.validTo || date <= u.validTo)
			);
			for (const unit of active) count += generateUnitDay(unit, date, ctx, rows);
		}
		const previous = addDays(dates[0], -1);
		const last = dates[dates.length - 1];
		await db.transaction().execute(async (trx) => {
			const current = await readMeta(trx);
			// Another seeder got here first: stop rather than write the same days twice.
			if (current?.until !== previous) {
				throw new Error(`Demo seed moved to ${current?.until} meanwhile; run again to resume`);
			}
			await insertChunked(trx, 'responses', rows.responses);
			await insertChunked(trx, 'responseAnswers', rows.answers);
			await insertChunked(trx, 'followUpCases', rows.cases);
			await insertChunked(trx, 'followUpNotes', rows.notes);
			// Bypassing responses.record, the seed must feed the dashboard's summaries itself.
			const reasons = rows.answers.filter((a) => a.questionKey === REASONS_KEY);
			await applyRows(
				trx,
				rows.responses,
				reasons.map((a) => ({ responseId: a.responseId, valueText: a.valueText ?? null }))
			);
			await writeMeta(trx, { ...state, until: last });
		});
		total += count;
		progress(`${month}: ${count} responses, ${rows.cases.length} follow-up cases`);
	}
	return { seeded: true, responses: total };
}

export async function readMeta(db: DbOrTx): Promise<DemoSeedMeta | undefined> {
	const row = await db
		.selectFrom('appMeta')
		.select('value')
		.where('key', '=', DEMO_META_KEY)
		.executeTakeFirst();
	return row ? (JSON.parse(row.value) as DemoSeedMeta) : undefined;
}

async function writeMeta(db: DbOrTx, meta: DemoSeedMeta): Promise<void> {
	const value = JSON.stringify(meta);
	await db
		.insertInto('appMeta')
		.values({ key: DEMO_META_KEY, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}
