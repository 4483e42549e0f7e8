import type { DbOrTx } from './db';
import type { Role, User } from './db/schema';
import { hashPassword } from './auth/password';
import { newId, nowIso } from './ids';
import { normalizeText } from '../domain/text';

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
