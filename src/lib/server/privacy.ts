import type { Db, DbOrTx } from './db';
import * as audit from './audit';
import * as cases from './cases';
import type { AuditContext } from './cases';
import { foldForSearch } from '../domain/text';
import { erasePhoneIn, phonePattern } from '../domain/phone-text';

/**
 * A resident's request about their phone number (Decree 13/2023/NĐ-CP on personal data): what
 * is held, and its erasure. The number is held in follow-up cases, and may have been written by
 * staff into a case note or by the resident into a comment; all three are searched and erased.
 * Neither the search nor the erasure writes the number anywhere (the audit rows hold counts).
 */

export interface PhoneHoldings {
	cases: { id: string; unitName: string; createdAt: string; status: string }[];
	/** Case notes and comments whose text holds the number. */
	notes: number;
	comments: number;
}

/** Rows read per query while scanning free text. */
const CHUNK = 2000;

/**
 * Free-text rows that may hold the number: a number typed in any form ends with at least its
 * last two digits together, which SQL can look for; the pattern then decides.
 */
async function* textRows(
	db: DbOrTx,
	phone: string,
	kind: 'notes' | 'comments'
): AsyncGenerator<{ key: string; seq: number; text: string }> {
	const tail = `%${phone.slice(-2)}%`;
	let after = { key: '', seq: -1 };
	for (;;) {
		const rows =
			kind === 'notes'
				? (
						await db
							.selectFrom('followUpNotes')
							.select(['id as key', 'body as text'])
							.where('body', 'like', tail)
							.where('id', '>', after.key)
							.orderBy('id')
							.limit(CHUNK)
							.execute()
					).map((r) => ({ key: r.key, seq: 0, text: r.text }))
				: (
						await db
							.selectFrom('responseAnswers')
							.select(['responseId as key', 'seq', 'valueText as text'])
							.where('valueText', 'like', tail)
							.where((eb) =>
								eb.or([
									eb('responseId', '>', after.key),
									eb.and([eb('responseId', '=', after.key), eb('seq', '>', after.seq)])
								])
							)
							.orderBy('responseId')
							.orderBy('seq')
							.limit(CHUNK)
							.execute()
					).map((r) => ({ key: r.key, seq: r.seq, text: r.text ?? '' }));
		for (const row of rows) yield row;
		if (rows.length < CHUNK) return;
		const last = rows[rows.length - 1];
		after = { key: last.key, seq: last.seq };
	}
}

async function matching(db: DbOrTx, phone: string, kind: 'notes' | 'comments') {
	const pattern = phonePattern(phone);
	const found: { key: string; seq: number; text: string }[] = [];
	for await (const row of textRows(db, phone, kind)) {
		pattern.lastIndex = 0;
		if (pattern.test(row.text)) found.push(row);
	}
	return found;
}

/** What is held about `phone` (national form), across every unit. */
export async function find(db: DbOrTx, phone: string, ctx: AuditContext): Promise<PhoneHoldings> {
	const cases = await db
		.selectFrom('followUpCases')
		.innerJoin('units', 'units.id', 'followUpCases.unitId')
		.select([
			'followUpCases.id',
			'units.name as unitName',
			'followUpCases.createdAt',
			'followUpCases.status'
		])
		.where('followUpCases.phone', '=', phone)
		.orderBy('followUpCases.createdAt', 'desc')
		.execute();
	const holdings = {
		cases,
		notes: (await matching(db, phone, 'notes')).length,
		comments: (await matching(db, phone, 'comments')).length
	};
	await audit.record(db, {
		...ctx,
		action: 'privacy.phone_search',
		detail: { cases: cases.length, notes: holdings.notes, comments: holdings.comments }
	});
	return holdings;
}

export interface Erased {
	cases: number;
	notes: number;
	comments: number;
}

/**
 * Erases `phone` from every case (the number and its retention date), case note and comment,
 * in one transaction, with one audit row of the counts.
 */
export async function erase(db: Db, phone: string, ctx: AuditContext): Promise<Erased> {
	return db.transaction().execute(async (tx) => {
		const cases = await tx
			.updateTable('followUpCases')
			.set({ phone: null, phoneEraseAfter: null })
			.where('phone', '=', phone)
			.executeTakeFirst();
		const notes = await matching(tx, phone, 'notes');
		for (const n of notes) {
			await tx
				.updateTable('followUpNotes')
				.set({ body: erasePhoneIn(n.text, phone).text })
				.where('id', '=', n.key)
				.execute();
		}
		const comments = await matching(tx, phone, 'comments');
		for (const c of comments) {
			const text = erasePhoneIn(c.text, phone).text;
			await tx
				.updateTable('responseAnswers')
				.set({ valueText: text, searchText: foldForSearch(text) })
				.where('responseId', '=', c.key)
				.where('seq', '=', c.seq)
				.where('valueText', '=', c.text)
				.execute();
		}
		const erased = {
			cases: Number(cases.numUpdatedRows),
			notes: notes.length,
			comments: comments.length
		};
		await audit.record(tx, { ...ctx, action: 'privacy.phone_erased', detail: erased });
		return erased;
	});
}

export interface RetentionRun {
	at: string;
	erased: number;
}

/**
 * The retention job (cases.eraseExpiredPhones, run by the housekeeping): when it last ran, and
 * its latest runs that erased numbers.
 */
export async function retention(
	db: DbOrTx,
	limit = 10
): Promise<{ lastRun: string | null; runs: RetentionRun[] }> {
	const last = await db
		.selectFrom('appMeta')
		.select('value')
		.where('key', '=', cases.ERASE_META_KEY)
		.executeTakeFirst();
	const rows = await db
		.selectFrom('auditLog')
		.select(['at', 'detail'])
		.where('action', '=', 'case.phones_erased')
		.orderBy('at', 'desc')
		.limit(limit)
		.execute();
	return {
		lastRun: last?.value ?? null,
		runs: rows.map((r) => ({
			at: r.at,
			erased: Number((JSON.parse(r.detail ?? '{}') as { count?: number }).count ?? 0)
		}))
	};
}
