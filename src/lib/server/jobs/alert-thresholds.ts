import * as v from 'valibot';
import * as audit from '../audit';
import { canAccessUnit } from '../auth/guard';
import type { DbOrTx } from '../db';
import { field, fieldErrors, type FieldErrors } from '../forms';
import { nowIso } from '../ids';
import { isEmail } from '../mail';
import * as units from '../units';

// The alert threshold of a unit (alerts.ts): the default, or the one a manager set for it with
// the addresses its alerts are e-mailed to; and the form that sets it.

export const DEFAULT_THRESHOLD = { minAnswers: 4, unhappyPercent: 50, windowMinutes: 15 };
export const MAX_WINDOW_MINUTES = 120;
export const MAX_EMAILS = 10;

export interface Threshold {
	minAnswers: number;
	unhappyPercent: number;
	windowMinutes: number;
	emails: string[];
}

export function emailsOf(text: string): string[] {
	return text
		.split(/[\s,;]+/)
		.map((e) => e.trim().toLowerCase())
		.filter((e) => e.length > 0);
}

/** The unit's threshold, or the default. */
export async function thresholdOf(
	db: DbOrTx,
	unitId: string
): Promise<Threshold & { custom: boolean }> {
	const row = await db
		.selectFrom('alertThresholds')
		.selectAll()
		.where('unitId', '=', unitId)
		.executeTakeFirst();
	if (!row) return { ...DEFAULT_THRESHOLD, emails: [], custom: false };
	return {
		minAnswers: row.minAnswers,
		unhappyPercent: row.unhappyPercent,
		windowMinutes: row.windowMinutes,
		emails: emailsOf(row.emails),
		custom: true
	};
}
// ---- The per-unit threshold form --------------------------------------------------------------

export type ThresholdField = 'unit' | 'minAnswers' | 'unhappyPercent' | 'windowMinutes' | 'emails';
export type ThresholdValues = Record<ThresholdField, string>;

export function thresholdValues(form: FormData): ThresholdValues {
	return {
		unit: field(form, 'unit').slice(0, 100),
		minAnswers: field(form, 'minAnswers').trim().slice(0, 10),
		unhappyPercent: field(form, 'unhappyPercent').trim().slice(0, 10),
		windowMinutes: field(form, 'windowMinutes').trim().slice(0, 10),
		emails: field(form, 'emails').slice(0, 3000)
	};
}

const int = (
	min: number,
	max: number,
	message: 'admin.alerts.err.min_answers' | 'admin.alerts.err.percent' | 'admin.alerts.err.window'
) =>
	v.pipe(
		v.string(),
		v.regex(/^\d{1,4}$/, message),
		v.transform(Number),
		v.minValue(min, message),
		v.maxValue(max, message)
	);

const ThresholdSchema = v.object({
	unit: v.pipe(v.string(), v.minLength(1, 'admin.alerts.err.unit')),
	minAnswers: int(1, 1000, 'admin.alerts.err.min_answers'),
	unhappyPercent: int(1, 100, 'admin.alerts.err.percent'),
	windowMinutes: int(1, MAX_WINDOW_MINUTES, 'admin.alerts.err.window'),
	emails: v.pipe(
		v.string(),
		v.transform(emailsOf),
		v.check((list) => list.length <= MAX_EMAILS && list.every(isEmail), 'admin.alerts.err.emails')
	)
});

export interface ThresholdInput extends Threshold {
	unitId: string;
}

export async function parseThreshold(
	db: DbOrTx,
	actor: SessionUser,
	raw: ThresholdValues
): Promise<
	{ ok: true; value: ThresholdInput } | { ok: false; errors: FieldErrors<ThresholdField> }
> {
	const parsed = v.safeParse(ThresholdSchema, raw);
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.issues) };
	const unit = await units.byId(db, parsed.output.unit);
	if (!unit || !(await canAccessUnit(db, actor, unit.id)))
		return { ok: false, errors: { unit: 'admin.alerts.err.unit' } };
	const { minAnswers, unhappyPercent, windowMinutes, emails } = parsed.output;
	return {
		ok: true,
		value: { unitId: unit.id, minAnswers, unhappyPercent, windowMinutes, emails }
	};
}

/** Sets a unit's threshold, with its audit row. */
export async function setThreshold(
	db: DbOrTx,
	t: ThresholdInput,
	actor: SessionUser,
	context: audit.RequestOrigin = {},
	now = new Date()
): Promise<void> {
	const values = {
		minAnswers: t.minAnswers,
		unhappyPercent: t.unhappyPercent,
		windowMinutes: t.windowMinutes,
		emails: t.emails.join('\n'),
		updatedBy: actor.id,
		updatedAt: nowIso(now)
	};
	await db.transaction().execute(async (tx) => {
		await tx
			.insertInto('alertThresholds')
			.values({ unitId: t.unitId, ...values })
			.onConflict((oc) => oc.column('unitId').doUpdateSet(values))
			.execute();
		await audit.record(
			tx,
			{
				action: 'alert.threshold_set',
				actor,
				targetType: 'unit',
				targetId: t.unitId,
				detail: {
					minAnswers: t.minAnswers,
					unhappyPercent: t.unhappyPercent,
					windowMinutes: t.windowMinutes,
					emails: t.emails.length
				},
				...audit.origin(context)
			},
			now
		);
	});
}

/** The units with their own threshold inside `root`'s subtree (null: all). */
export async function customThresholds(db: DbOrTx, root: string | null) {
	const ids = root === null ? null : await units.subtreeIds(db, root);
	let q = db
		.selectFrom('alertThresholds')
		.innerJoin('units', 'units.id', 'alertThresholds.unitId')
		.select([
			'alertThresholds.unitId',
			'units.name as unitName',
			'alertThresholds.minAnswers',
			'alertThresholds.unhappyPercent',
			'alertThresholds.windowMinutes',
			'alertThresholds.emails'
		]);
	if (ids !== null) q = q.where('alertThresholds.unitId', 'in', ids.length ? ids : ['']);
	const rows = await q.orderBy('units.name').execute();
	return rows.map((r) => ({ ...r, emails: emailsOf(r.emails).length }));
}

/**
 * Takes a unit back to the default threshold (and no addresses), with its audit row; false if
 * it had none of its own or is outside the actor's subtree.
 */
export async function resetThreshold(
	db: DbOrTx,
	unitId: string,
	actor: SessionUser,
	context: audit.RequestOrigin = {},
	now = new Date()
): Promise<boolean> {
	if (!(await canAccessUnit(db, actor, unitId))) return false;
	return db.transaction().execute(async (tx) => {
		const removed = await tx
			.deleteFrom('alertThresholds')
			.where('unitId', '=', unitId)
			.executeTakeFirst();
		if (Number(removed.numDeletedRows) !== 1) return false;
		await audit.record(
			tx,
			{
				action: 'alert.threshold_reset',
				actor,
				targetType: 'unit',
				targetId: unitId,
				...audit.origin(context)
			},
			now
		);
		return true;
	});
}
