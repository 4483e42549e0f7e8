import * as v from 'valibot';
import { vietnamToday } from '../domain/time';
import type { DbOrTx } from './db';
import type { Role } from './db/schema';
import { passwordProblem } from './auth/password';
import { fieldErrors, PASSWORD_PROBLEM_MESSAGES, type FieldErrors } from './forms';
import { unitChoices } from './unit-choices';
import { ROLES, USERNAME_PATTERN } from './users';

// The user forms at the edge: what an administrator typed, checked once, as typed values.

const AccessSchema = v.object({
	displayName: v.pipe(v.string(), v.trim(), v.maxLength(100, 'admin.users.error.name_too_long')),
	role: v.picklist(ROLES, 'admin.users.error.role_required'),
	unitId: v.string()
});

export type AccessField = 'displayName' | 'role' | 'unitId';
export interface AccessValues {
	displayName: string;
	role: string;
	unitId: string;
}

export type AccessParse =
	| { ok: true; value: { displayName: string; role: Role; unitId: string | null } }
	| { ok: false; errors: FieldErrors<AccessField> };

/**
 * Name, role and unit. A manager or viewer needs a unit in force (or the one they already
 * have); an administrator sees everything, so a unit chosen for one is dropped.
 */
export async function parseAccess(
	db: DbOrTx,
	raw: AccessValues,
	currentUnitId: string | null = null
): Promise<AccessParse> {
	const parsed = v.safeParse(AccessSchema, raw);
	if (!parsed.success) return { ok: false, errors: fieldErrors<AccessField>(parsed.issues) };
	const { displayName, role, unitId } = parsed.output;
	if (role === 'admin') return { ok: true, value: { displayName, role, unitId: null } };
	if (!unitId) return { ok: false, errors: { unitId: 'admin.users.error.unit_required' } };
	const offered = await unitChoices(db, {
		withinId: null,
		on: vietnamToday(),
		include: [currentUnitId]
	});
	if (!offered.some((u) => u.id === unitId)) {
		return { ok: false, errors: { unitId: 'admin.users.error.unit_invalid' } };
	}
	return { ok: true, value: { displayName, role, unitId } };
}

const NewSchema = v.object({
	username: v.pipe(
		v.string(),
		v.trim(),
		v.toLowerCase(),
		v.minLength(1, 'admin.users.error.username_required'),
		v.regex(USERNAME_PATTERN, 'admin.users.error.username_invalid')
	),
	passwordMode: v.picklist(['generate', 'typed'], 'admin.users.error.password_mode'),
	password: v.pipe(v.string(), v.maxLength(200, 'admin.password.too_long'))
});

export type NewUserField = AccessField | 'username' | 'passwordMode' | 'password';

export type NewUserParse =
	| {
			ok: true;
			value: {
				username: string;
				displayName: string;
				role: Role;
				unitId: string | null;
				/** null: generate one and show it once. */
				password: string | null;
			};
	  }
	| { ok: false; errors: FieldErrors<NewUserField> };

export async function parseNewUser(
	db: DbOrTx,
	raw: AccessValues & { username: string; passwordMode: string; password: string }
): Promise<NewUserParse> {
	const errors: FieldErrors<NewUserField> = {};
	const access = await parseAccess(db, raw);
	if (!access.ok) Object.assign(errors, access.errors);
	const parsed = v.safeParse(NewSchema, raw);
	if (!parsed.success) Object.assign(errors, fieldErrors<NewUserField>(parsed.issues));
	if (raw.passwordMode === 'typed' && !errors.password) {
		if (!raw.password) {
			errors.password = 'admin.users.error.password_required';
		} else {
			const problem = passwordProblem(raw.password, raw.username.trim().toLowerCase());
			if (problem) errors.password = PASSWORD_PROBLEM_MESSAGES[problem];
		}
	}
	if (!access.ok || !parsed.success || Object.keys(errors).length > 0) {
		return { ok: false, errors };
	}
	return {
		ok: true,
		value: {
			...access.value,
			username: parsed.output.username,
			password: parsed.output.passwordMode === 'typed' ? raw.password : null
		}
	};
}
