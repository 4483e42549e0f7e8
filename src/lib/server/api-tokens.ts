import type { DbOrTx } from './db';
import type { Role } from './db/schema';
import { sessionIdOf } from './auth/sessions';
import { newId, newToken, nowIso } from './ids';
import { normalizeText } from '../domain/text';

// API tokens for other systems reading statistics (GET /api/v1/stats). Like sessions, only the
// SHA-256 of a token is stored: the token itself is shown once when issued and never again.
// A token carries a role and a unit, the same scope a user with that role and unit would have.

/** Prefix so a leaked token is recognisable (and told apart from kiosk tokens) in logs. */
const PREFIX = 'ykapi_';
/** lastUsedAt is written at most this often, so polling does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface IssueInput {
	name: string;
	role: Role;
	unitId: string | null;
	createdBy: string | null;
}

export interface ApiTokenInfo {
	id: string;
	name: string;
	role: Role;
	unitId: string | null;
	createdAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
}

/** The columns of ApiTokenInfo, as read by verify and byId. */
const INFO_COLUMNS = [
	'id',
	'name',
	'role',
	'unitId',
	'createdAt',
	'lastUsedAt',
	'revokedAt'
] as const satisfies readonly (keyof ApiTokenInfo)[];

export class ApiTokenError extends Error {}

export function hashOf(token: string): string {
	return sessionIdOf(token);
}

/** Issues a token; returns its secret once, with the stored row (which holds only the hash). */
export async function issue(
	db: DbOrTx,
	input: IssueInput,
	now = new Date()
): Promise<{ token: string; info: ApiTokenInfo }> {
	const name = normalizeText(input.name);
	if (name.length < 1 || name.length > 100)
		throw new ApiTokenError('name must be 1..100 characters');
	// A manager or viewer token without a unit would mean "everything": refuse it (guard.scopeRoot).
	if (input.role !== 'admin' && !input.unitId) throw new ApiTokenError('unit required');
	const token = PREFIX + newToken();
	const info: ApiTokenInfo = {
		id: newId(),
		name,
		role: input.role,
		unitId: input.unitId,
		createdAt: nowIso(now),
		lastUsedAt: null,
		revokedAt: null
	};
	await db
		.insertInto('apiTokens')
		.values({ ...info, tokenHash: hashOf(token), createdBy: input.createdBy })
		.execute();
	return { token, info };
}

/** The token's scope, or null for an unknown, malformed or revoked token. */
export async function verify(
	db: DbOrTx,
	token: string,
	now = new Date()
): Promise<ApiTokenInfo | null> {
	if (!token.startsWith(PREFIX) || !/^[a-z2-7]{20,64}$/.test(token.slice(PREFIX.length))) {
		return null;
	}
	const row = await db
		.selectFrom('apiTokens')
		.select(INFO_COLUMNS)
		.where('tokenHash', '=', hashOf(token))
		.executeTakeFirst();
	if (!row || row.revokedAt) return null;
	if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > TOUCH_INTERVAL_MS) {
		await db
			.updateTable('apiTokens')
			.set({ lastUsedAt: nowIso(now) })
			.where('id', '=', row.id)
			.execute();
	}
	return row;
}

/** Revokes a token; true when it was active. Revoked tokens stay listed for the record. */
export async function revoke(db: DbOrTx, id: string, now = new Date()): Promise<boolean> {
	const result = await db
		.updateTable('apiTokens')
		.set({ revokedAt: nowIso(now) })
		.where('id', '=', id)
		.where('revokedAt', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export type ListedToken = ApiTokenInfo & { unitName: string | null; unitCode: string | null };

/**
 * Tokens, newest first, a page at a time; revoked ones stay listed for the record. With
 * `createdBy`, only the tokens that user issued (what a manager or viewer manages).
 */
export async function list(
	db: DbOrTx,
	page: { limit: number; offset: number } = { limit: 1000, offset: 0 },
	createdBy: string | null = null
): Promise<{ rows: ListedToken[]; total: number }> {
	const counted = await db
		.selectFrom('apiTokens')
		.$if(createdBy !== null, (q) => q.where('createdBy', '=', createdBy))
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirst();
	const rows = await db
		.selectFrom('apiTokens')
		.$if(createdBy !== null, (q) => q.where('apiTokens.createdBy', '=', createdBy))
		.leftJoin('units', 'units.id', 'apiTokens.unitId')
		.select([
			'apiTokens.id',
			'apiTokens.name',
			'apiTokens.role',
			'apiTokens.unitId',
			'apiTokens.createdAt',
			'apiTokens.lastUsedAt',
			'apiTokens.revokedAt',
			'units.name as unitName',
			'units.code as unitCode'
		])
		.orderBy('apiTokens.createdAt', 'desc')
		.orderBy('apiTokens.id')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
	return { rows, total: Number(counted?.n ?? 0) };
}

export async function byId(db: DbOrTx, id: string): Promise<ApiTokenInfo | undefined> {
	return db.selectFrom('apiTokens').select(INFO_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Who issued a token (null: a script or an account since deleted); undefined if unknown. */
export async function issuerOf(db: DbOrTx, id: string): Promise<string | null | undefined> {
	const row = await db
		.selectFrom('apiTokens')
		.select('createdBy')
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? row.createdBy : undefined;
}
