import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import * as audit from './audit';
import type { Db, DbOrTx } from './db';
import { nowIso } from './ids';

export interface WebLink {
	code: string;
	unitId: string;
	counterId: string | null;
	repeatWindowHours: number;
	unitName: string;
	counterName: string | null;
	revokedAt: string | null;
}

/** The phone-survey link of a unit or counter, created on first use (codes are short for QR). */
export async function ensureLink(
	db: DbOrTx,
	unitId: string,
	counterId: string | null,
	now = new Date()
): Promise<string> {
	const existing = await findLink(db, unitId, counterId);
	if (existing) return existing;
	const code = encodeBase32LowerCaseNoPadding(randomBytes(5)); // 8 characters, 40 bits
	await db
		.insertInto('webLinks')
		.values({ code, unitId, counterId, createdAt: nowIso(now), revokedAt: null })
		.execute();
	return code;
}

/**
 * "Tạo mã QR" on a counter's or kiosk's page: the place's phone link (ensureLink) and its audit
 * row, in one transaction. `entry` says who asked and from which page.
 */
export async function createLink(
	db: Db,
	place: { unitId: string; counterId: string | null },
	entry: Omit<audit.AuditEntry, 'action'>
): Promise<string> {
	return db.transaction().execute(async (tx) => {
		const code = await ensureLink(tx, place.unitId, place.counterId);
		await audit.record(tx, {
			...entry,
			action: 'web_link.create',
			detail: { ...entry.detail, code }
		});
		return code;
	});
}

export async function byCode(db: DbOrTx, code: string): Promise<WebLink | undefined> {
	if (!/^[a-z2-7]{4,16}$/.test(code)) return undefined;
	return db
		.selectFrom('webLinks')
		.innerJoin('units', 'units.id', 'webLinks.unitId')
		.leftJoin('counters', 'counters.id', 'webLinks.counterId')
		.select([
			'webLinks.code',
			'webLinks.unitId',
			'webLinks.counterId',
			'webLinks.repeatWindowHours',
			'webLinks.revokedAt',
			'units.name as unitName',
			'counters.name as counterName'
		])
		.where('webLinks.code', '=', code)
		.executeTakeFirst();
}

/** The browser key stored is a hash of the cookie value, so the table cannot be replayed. */
export function browserKeyOf(cookieValue: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(cookieValue)));
}

export function newBrowserCookie(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(16));
}

/** True when this browser already answered this survey through this link within the window. */
export async function answeredRecently(
	db: DbOrTx,
	link: Pick<WebLink, 'code' | 'repeatWindowHours'>,
	surveyId: string,
	browserKey: string,
	now = new Date()
): Promise<boolean> {
	const mark = await db
		.selectFrom('webAnswerMarks')
		.select('answeredAt')
		.where('linkCode', '=', link.code)
		.where('surveyId', '=', surveyId)
		.where('browserKey', '=', browserKey)
		.executeTakeFirst();
	if (!mark) return false;
	return now.getTime() - Date.parse(mark.answeredAt) < link.repeatWindowHours * 3600_000;
}

export async function markAnswered(
	db: DbOrTx,
	linkCode: string,
	surveyId: string,
	browserKey: string,
	now = new Date()
): Promise<void> {
	await db
		.insertInto('webAnswerMarks')
		.values({ linkCode, surveyId, browserKey, answeredAt: nowIso(now) })
		.onConflict((oc) =>
			oc.columns(['linkCode', 'surveyId', 'browserKey']).doUpdateSet({ answeredAt: nowIso(now) })
		)
		.execute();
}

/**
 * Deletes the marks whose link's repeat window has passed (answeredRecently no longer counts
 * them). Returns how many went. One statement per distinct window length (links almost all
 * keep the default), not per link.
 */
export async function pruneAnswerMarks(db: DbOrTx, now = new Date()): Promise<number> {
	const windows = await db.selectFrom('webLinks').select('repeatWindowHours').distinct().execute();
	let deleted = 0;
	for (const { repeatWindowHours: hours } of windows) {
		const cutoff = new Date(now.getTime() - hours * 3600_000).toISOString();
		const result = await db
			.deleteFrom('webAnswerMarks')
			.where('answeredAt', '<=', cutoff)
			.where('linkCode', 'in', (eb) =>
				eb.selectFrom('webLinks').select('code').where('repeatWindowHours', '=', hours)
			)
			.executeTakeFirst();
		deleted += Number(result.numDeletedRows);
	}
	return deleted;
}

/** The unit's or counter's phone-survey link in force, if one was made; never creates one. */
export async function findLink(
	db: DbOrTx,
	unitId: string,
	counterId: string | null
): Promise<string | undefined> {
	let q = db
		.selectFrom('webLinks')
		.select('code')
		.where('unitId', '=', unitId)
		.where('revokedAt', 'is', null);
	q = counterId ? q.where('counterId', '=', counterId) : q.where('counterId', 'is', null);
	return (await q.orderBy('createdAt').executeTakeFirst())?.code;
}

/** What a counter or kiosk page shows of its phone link: the URL and a QR to check it by eye. */
export async function linkPanel(
	db: DbOrTx,
	origin: string,
	unitId: string,
	counterId: string | null
): Promise<{ url: string; qr: string } | null> {
	const code = await findLink(db, unitId, counterId);
	if (!code) return null;
	const url = `${origin}/s/${code}`;
	const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return { url, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}
