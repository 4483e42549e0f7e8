import type { DbOrTx } from '../db';
import * as audit from '../audit';
import { recordOnCase } from './history';
import { ERASE_INTERVAL_MS, ERASE_META_KEY, type AuditContext } from './model';

export { formatPhone, maskPhone, phoneKept } from '../../domain/phone-display';

// Phone numbers of follow-up cases (Decree 13/2023/NĐ-CP: kept only with consent, only as long as
// promised): their erasure once the retention ends, and the record of who saw one.

/**
 * Erases the numbers whose retention has ended and keeps the cases (their figures and notes stay).
 * A number without an erasure date has no documented basis to be kept, so it goes too.
 */
export async function eraseExpiredPhones(db: DbOrTx, now = new Date()): Promise<number> {
	const result = await db
		.updateTable('followUpCases')
		.set({ phone: null })
		.where('phone', 'is not', null)
		.where((eb) =>
			eb.or([eb('phoneEraseAfter', 'is', null), eb('phoneEraseAfter', '<=', now.toISOString())])
		)
		.executeTakeFirst();
	const count = Number(result.numUpdatedRows ?? 0);
	if (count > 0) {
		await audit.record(db, { action: 'case.phones_erased', detail: { count } }, now);
	}
	return count;
}

/**
 * Runs eraseExpiredPhones when it has not run for ERASE_INTERVAL_MS, remembering the last run in
 * app_meta so that every server process shares it. Returns the count erased, or null if skipped.
 * Run by the server's housekeeping every few minutes, and when the cases list is opened.
 */
export async function eraseExpiredPhonesIfDue(
	db: DbOrTx,
	now = new Date()
): Promise<number | null> {
	const last = await db
		.selectFrom('appMeta')
		.select('value')
		.where('key', '=', ERASE_META_KEY)
		.executeTakeFirst();
	if (last && now.getTime() - Date.parse(last.value) < ERASE_INTERVAL_MS) return null;
	const count = await eraseExpiredPhones(db, now);
	await db
		.insertInto('appMeta')
		.values({ key: ERASE_META_KEY, value: now.toISOString() })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value: now.toISOString() }))
		.execute();
	return count;
}

/**
 * Records that a user saw a resident's number, at most once an hour per user and case: the
 * page reloads after every form, and one line per visit is enough to answer "who saw it".
 */
export async function recordPhoneView(
	db: DbOrTx,
	caseId: string,
	ctx: AuditContext,
	now = new Date()
): Promise<boolean> {
	const recent = await db
		.selectFrom('auditLog')
		.select('id')
		.where('action', '=', 'case.view_phone')
		.where('targetId', '=', caseId)
		.where('userId', '=', ctx.actor.id)
		.where('at', '>', new Date(now.getTime() - 60 * 60 * 1000).toISOString())
		.executeTakeFirst();
	if (recent) return false;
	await recordOnCase(db, caseId, 'case.view_phone', null, ctx, now);
	return true;
}
