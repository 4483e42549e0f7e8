import * as v from 'valibot';
import type { MessageKey } from '$lib/i18n';
import {
	REPORT_BASES,
	REPORT_KINDS,
	type ReportBasis,
	type ReportKind
} from '../../domain/report-periods';
import * as audit from '../audit';
import { canAccessUnit } from '../auth/guard';
import type { DbOrTx } from '../db';
import { field, fieldErrors, type FieldErrors } from '../forms';
import { newId, nowIso } from '../ids';
import { isEmail } from '../mail';
import { REPORT_TEMPLATES } from '../../domain/report-templates';
import type { TemplateId } from '../reports/document';
import * as units from '../units';
import * as users from '../users';
import type { Schedule } from './schedules';

// Report subscriptions (schedules.ts): the form that adds one, with its scope rules, the paged
// list, and removing one; each change with its audit row.

export type SubscriptionField = 'user' | 'email' | 'template' | 'unit' | 'basis' | 'kind';
export type SubscriptionValues = Record<SubscriptionField, string>;

export function subscriptionValues(form: FormData): SubscriptionValues {
	return {
		user: field(form, 'user').slice(0, 100),
		email: field(form, 'email').trim().slice(0, 300),
		template: field(form, 'template').slice(0, 30),
		unit: field(form, 'unit').slice(0, 100),
		basis: field(form, 'basis').slice(0, 30),
		kind: field(form, 'kind').slice(0, 30)
	};
}

const SubscriptionSchema = v.object({
	user: v.pipe(v.string(), v.minLength(1, 'admin.schedules.err.user')),
	email: v.pipe(
		v.string(),
		v.check((e) => e === '' || isEmail(e), 'admin.schedules.err.email')
	),
	template: v.picklist(REPORT_TEMPLATES, 'admin.schedules.err.template'),
	unit: v.pipe(v.string(), v.minLength(1, 'admin.schedules.err.unit')),
	basis: v.picklist(REPORT_BASES, 'admin.schedules.err.basis'),
	kind: v.picklist(REPORT_KINDS, 'admin.schedules.err.kind')
});

export interface NewSubscription extends Schedule {
	userId: string;
	email: string | null;
}

/**
 * A subscription to add, checked: the subscriber and the unit inside the actor's scope, the
 * unit one the subscriber may read (a report is never sent to someone who could not open it),
 * and not a duplicate.
 */
export async function parseSubscription(
	db: DbOrTx,
	actor: SessionUser,
	raw: SubscriptionValues
): Promise<
	{ ok: true; value: NewSubscription } | { ok: false; errors: FieldErrors<SubscriptionField> }
> {
	const parsed = v.safeParse(SubscriptionSchema, raw);
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.issues) };
	const { user: userId, email, template, unit: unitId, basis, kind } = parsed.output;
	const refuse = (name: SubscriptionField, key: MessageKey) => ({
		ok: false as const,
		errors: { [name]: key }
	});
	const unit = await units.byId(db, unitId);
	if (!unit || !(await canAccessUnit(db, actor, unit.id)))
		return refuse('unit', 'admin.schedules.err.unit');
	const subscriber = await users.byId(db, userId);
	if (!subscriber || subscriber.disabledAt) return refuse('user', 'admin.schedules.err.user');
	if (
		actor.role !== 'admin' &&
		!(subscriber.unitId && (await canAccessUnit(db, actor, subscriber.unitId)))
	) {
		return refuse('user', 'admin.schedules.err.user');
	}
	if (
		subscriber.role !== 'admin' &&
		!(subscriber.unitId && (await units.isWithin(db, subscriber.unitId, unit.id)))
	) {
		return refuse('user', 'admin.schedules.err.user_unit');
	}
	const taken = await db
		.selectFrom('reportSubscriptions')
		.select('id')
		.where('userId', '=', userId)
		.where('template', '=', template)
		.where('unitId', '=', unit.id)
		.where('basis', '=', basis)
		.where('kind', '=', kind)
		.executeTakeFirst();
	if (taken) return refuse('user', 'admin.schedules.err.duplicate');
	return {
		ok: true,
		value: { userId, email: email || null, template, unitId: unit.id, basis, kind }
	};
}

/** Adds a checked subscription with its audit row; null if the same one was added meanwhile. */
export async function subscribe(
	db: DbOrTx,
	s: NewSubscription,
	actor: SessionUser,
	context: audit.RequestOrigin = {},
	now = new Date()
): Promise<string | null> {
	const id = newId();
	return db.transaction().execute(async (tx) => {
		const r = await tx
			.insertInto('reportSubscriptions')
			.values({ id, ...s, createdBy: actor.id, createdAt: nowIso(now) })
			.onConflict((oc) => oc.columns(['userId', 'template', 'unitId', 'basis', 'kind']).doNothing())
			.executeTakeFirst();
		if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
		await audit.record(
			tx,
			{
				action: 'report_schedule.subscribe',
				actor,
				targetType: 'report_subscription',
				targetId: id,
				// The address is personal data: the audit says whether there is one, not which.
				detail: { ...s, email: s.email ? 'set' : null },
				...audit.origin(context)
			},
			now
		);
		return id;
	});
}

/** Removes a subscription inside the actor's scope, with its audit row; false if none. */
export async function unsubscribe(
	db: DbOrTx,
	id: string,
	actor: SessionUser,
	context: audit.RequestOrigin = {},
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (tx) => {
		const row = await tx
			.selectFrom('reportSubscriptions')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row || !(await canAccessUnit(tx, actor, row.unitId))) return false;
		await tx.deleteFrom('reportSubscriptions').where('id', '=', id).execute();
		await audit.record(
			tx,
			{
				action: 'report_schedule.unsubscribe',
				actor,
				targetType: 'report_subscription',
				targetId: id,
				detail: {
					userId: row.userId,
					template: row.template,
					unitId: row.unitId,
					basis: row.basis,
					kind: row.kind
				},
				...audit.origin(context)
			},
			now
		);
		return true;
	});
}

export interface SubscriptionRow {
	id: string;
	userName: string;
	username: string;
	email: string | null;
	template: TemplateId;
	unitName: string;
	basis: ReportBasis;
	kind: ReportKind;
	createdAt: string;
}

/** Subscriptions on units of `root`'s subtree (null: all), newest first, a page at a time. */
export async function list(
	db: DbOrTx,
	root: string | null,
	page: { limit: number; offset: number }
): Promise<{ rows: SubscriptionRow[]; total: number }> {
	const ids = root === null ? null : await units.subtreeIds(db, root);
	let q = db
		.selectFrom('reportSubscriptions as s')
		.innerJoin('users', 'users.id', 's.userId')
		.innerJoin('units', 'units.id', 's.unitId');
	if (ids !== null) q = q.where('s.unitId', 'in', ids.length ? ids : ['']);
	const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const rows = await q
		.select([
			's.id',
			'users.displayName as userName',
			'users.username',
			's.email',
			's.template',
			'units.name as unitName',
			's.basis',
			's.kind',
			's.createdAt'
		])
		.orderBy('s.createdAt', 'desc')
		.orderBy('s.id')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
	return {
		rows: rows.map((r) => ({
			...r,
			template: r.template as TemplateId,
			basis: r.basis as ReportBasis,
			kind: r.kind as ReportKind
		})),
		total: Number(total.n)
	};
}

/** Active users a subscription may name: all for an admin, those of the subtree otherwise. */
export async function subscribableUsers(
	db: DbOrTx,
	root: string | null
): Promise<{ id: string; label: string }[]> {
	const ids = root === null ? null : await units.subtreeIds(db, root);
	let q = db
		.selectFrom('users')
		.select(['id', 'username', 'displayName', 'role'])
		.where('disabledAt', 'is', null);
	if (ids !== null) q = q.where('unitId', 'in', ids.length ? ids : ['']);
	const rows = await q.orderBy('displayName').orderBy('username').execute();
	return rows.map((r) => ({ id: r.id, label: `${r.displayName} (${r.username})` }));
}
