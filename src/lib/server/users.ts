import type { DbOrTx } from './db';
import type { Role, User } from './db/schema';
import {
	generatePassword,
	hashPassword,
	passwordProblem,
	verifyPassword,
	type PasswordProblem
} from './auth/password';
import { invalidateUserSessions, SESSION_IDLE_MS } from './auth/sessions';
import { newId, nowIso } from './ids';
import { foldForSearch, normalizeText } from '../domain/text';

export const ROLES: Role[] = ['admin', 'manager', 'viewer'];

export interface CreateUserInput {
	username: string;
	displayName?: string;
	role: Role;
	unitId?: string | null;
	password: string;
}

export class UserError extends Error {
	constructor(
		readonly code: 'username_taken' | 'username_invalid' | 'unit_required' | 'unit_not_allowed',
		message: string
	) {
		super(message);
	}
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export async function create(db: DbOrTx, input: CreateUserInput, now = new Date()): Promise<User> {
	const username = input.username.trim().toLowerCase();
	if (!USERNAME_PATTERN.test(username)) {
		throw new UserError(
			'username_invalid',
			'Username: 3-40 characters, lower-case letters, digits, dot, dash or underscore'
		);
	}
	// Managers and viewers are always bound to a unit subtree; an admin sees everything.
	if (input.role !== 'admin' && !input.unitId) {
		throw new UserError('unit_required', `A ${input.role} must be given a unit`);
	}
	if (await byUsername(db, username)) {
		throw new UserError('username_taken', `The username "${username}" is already taken`);
	}
	const user: User = {
		id: newId(),
		username,
		displayName: normalizeText(input.displayName || username),
		role: input.role,
		unitId: input.role === 'admin' ? (input.unitId ?? null) : input.unitId!,
		passwordHash: await hashPassword(input.password),
		locale: 'vi',
		disabledAt: null,
		passwordChangedAt: nowIso(now),
		createdAt: nowIso(now),
		updatedAt: nowIso(now)
	};
	await db.insertInto('users').values(user).execute();
	return user;
}

export async function byUsername(db: DbOrTx, username: string): Promise<User | undefined> {
	return db
		.selectFrom('users')
		.selectAll()
		.where('username', '=', username.trim().toLowerCase())
		.executeTakeFirst();
}

export async function byId(db: DbOrTx, id: string): Promise<User | undefined> {
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setPassword(db: DbOrTx, userId: string, password: string): Promise<void> {
	const now = nowIso();
	await db
		.updateTable('users')
		.set({ passwordHash: await hashPassword(password), passwordChangedAt: now, updatedAt: now })
		.where('id', '=', userId)
		.execute();
}

// ---------------------------------------------------------------------------------------------
// Administration: list, change of role and unit, disable, enable, password reset, sessions.

export interface UserRow {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	unitId: string | null;
	unitName: string | null;
	unitCode: string | null;
	disabledAt: string | null;
	passwordChangedAt: string;
	createdAt: string;
	/** Latest activity of any session still open, or null. */
	lastActiveAt: string | null;
}

function rowsQuery(db: DbOrTx) {
	return db
		.selectFrom('users')
		.leftJoin('units', 'units.id', 'users.unitId')
		.select((eb) => [
			'users.id',
			'users.username',
			'users.displayName',
			'users.role',
			'users.unitId',
			'units.name as unitName',
			'units.code as unitCode',
			'users.disabledAt',
			'users.passwordChangedAt',
			'users.createdAt',
			eb
				.selectFrom('sessions')
				.select((s) => s.fn.max('sessions.lastActiveAt').as('at'))
				.whereRef('sessions.userId', '=', 'users.id')
				.as('lastActiveAt')
		]);
}

/**
 * Users, paged, matched on username, name and unit ignoring diacritics. A deployment has a few
 * hundred accounts at most and display names have no folded column, so the match runs here.
 */
export async function list(
	db: DbOrTx,
	q: { query?: string; limit: number; offset: number }
): Promise<{ rows: UserRow[]; total: number }> {
	const all = await rowsQuery(db).orderBy('users.username').execute();
	const needle = q.query ? foldForSearch(q.query) : '';
	const matching = needle
		? all.filter((u) =>
				foldForSearch(
					`${u.username} ${u.displayName} ${u.unitName ?? ''} ${u.unitCode ?? ''}`
				).includes(needle)
			)
		: all;
	return {
		rows: matching.slice(q.offset, q.offset + q.limit).map((u) => ({
			...u,
			lastActiveAt: u.lastActiveAt ?? null
		})),
		total: matching.length
	};
}

export async function detail(db: DbOrTx, id: string): Promise<UserRow | undefined> {
	const u = await rowsQuery(db).where('users.id', '=', id).executeTakeFirst();
	return u ? { ...u, lastActiveAt: u.lastActiveAt ?? null } : undefined;
}

/** Changes name, role and unit; a manager or viewer keeps a unit, an admin may drop it. */
export async function update(
	db: DbOrTx,
	userId: string,
	input: { displayName: string; role: Role; unitId: string | null },
	now = new Date()
): Promise<void> {
	if (input.role !== 'admin' && !input.unitId) {
		throw new UserError('unit_required', `A ${input.role} must be given a unit`);
	}
	await db
		.updateTable('users')
		.set({
			displayName: normalizeText(input.displayName),
			role: input.role,
			unitId: input.unitId,
			updatedAt: nowIso(now)
		})
		.where('id', '=', userId)
		.execute();
}

/** Disables the account and ends every session it has, at once. */
export async function disable(db: DbOrTx, userId: string, now = new Date()): Promise<void> {
	await db
		.updateTable('users')
		.set({ disabledAt: nowIso(now), updatedAt: nowIso(now) })
		.where('id', '=', userId)
		.execute();
	await invalidateUserSessions(db, userId);
}

export async function enable(db: DbOrTx, userId: string, now = new Date()): Promise<void> {
	await db
		.updateTable('users')
		.set({ disabledAt: null, updatedAt: nowIso(now) })
		.where('id', '=', userId)
		.execute();
}

async function storePassword(db: DbOrTx, userId: string, password: string, now: Date) {
	await db
		.updateTable('users')
		.set({
			passwordHash: await hashPassword(password),
			passwordChangedAt: nowIso(now),
			updatedAt: nowIso(now)
		})
		.where('id', '=', userId)
		.execute();
}

/** Gives the user a generated password (returned once, to show) and signs them out everywhere. */
export async function resetPassword(db: DbOrTx, userId: string, now = new Date()): Promise<string> {
	const password = generatePassword();
	await storePassword(db, userId, password, now);
	await invalidateUserSessions(db, userId);
	return password;
}

export type ChangePasswordResult =
	| { ok: true; revokedSessions: number }
	| { ok: false; field: 'current'; problem: 'wrong' }
	| { ok: false; field: 'next'; problem: PasswordProblem | 'same' };

/**
 * A user changes their own password: the current one must be right, the new one strong and
 * different. Every other session ends; `keepSessionId` (the one making the change) stays.
 */
export async function changePassword(
	db: DbOrTx,
	userId: string,
	input: { current: string; next: string; keepSessionId: string | null },
	now = new Date()
): Promise<ChangePasswordResult> {
	const user = await byId(db, userId);
	if (!user || !(await verifyPassword(user.passwordHash, input.current))) {
		return { ok: false, field: 'current', problem: 'wrong' };
	}
	const problem = passwordProblem(input.next, user.username);
	if (problem) return { ok: false, field: 'next', problem };
	if (input.next.normalize('NFC') === input.current.normalize('NFC')) {
		return { ok: false, field: 'next', problem: 'same' };
	}
	await storePassword(db, userId, input.next, now);
	const revokedSessions = await revokeSessions(db, userId, { except: input.keepSessionId });
	return { ok: true, revokedSessions };
}

export interface SessionRow {
	id: string;
	createdAt: string;
	lastActiveAt: string;
	ip: string | null;
	userAgent: string | null;
}

/** Sessions that would still let the user in (expired or idle ones are left out). */
export async function activeSessions(
	db: DbOrTx,
	userId: string,
	now = new Date()
): Promise<SessionRow[]> {
	const idleCutoff = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
	return db
		.selectFrom('sessions')
		.select(['id', 'createdAt', 'lastActiveAt', 'ip', 'userAgent'])
		.where('userId', '=', userId)
		.where('expiresAt', '>', nowIso(now))
		.where('lastActiveAt', '>', idleCutoff)
		.orderBy('lastActiveAt', 'desc')
		.orderBy('id')
		.execute();
}

/** Ends one session of the user; false when it is not theirs (or already gone). */
export async function revokeSession(db: DbOrTx, userId: string, sessionId: string) {
	const result = await db
		.deleteFrom('sessions')
		.where('id', '=', sessionId)
		.where('userId', '=', userId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}

/** Ends every session of the user, but the one named in `except`; returns how many ended. */
export async function revokeSessions(
	db: DbOrTx,
	userId: string,
	options: { except?: string | null } = {}
): Promise<number> {
	const result = await db
		.deleteFrom('sessions')
		.where('userId', '=', userId)
		.$if(Boolean(options.except), (qb) => qb.where('id', '!=', options.except!))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
