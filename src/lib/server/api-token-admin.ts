import * as v from 'valibot';
import { vietnamToday } from '../domain/time';
import { normalizeText } from '../domain/text';
import * as apiTokens from './api-tokens';
import { recorded, type AuditContext } from './audit';
import type { DbOrTx } from './db';
import type { Role } from './db/schema';
import { field, fieldErrors, type FieldErrors } from './form-input';
import { unitChoices } from './unit-choices';
import { ROLES } from './users';

// The API token form at the edge (/admin/api-tokens): what the issuer typed, checked once, as
// typed values; then the commands it leads to. Administrators issue any token; a manager or viewer issues tokens for their own
// subtree, of at most their own role, so a token never reads more than its issuer could.

const IssueSchema = v.object({
	name: v.pipe(
		v.string(),
		v.transform(normalizeText),
		v.minLength(1, 'admin.tokens.err_name'),
		v.maxLength(100, 'admin.tokens.err_name')
	),
	role: v.picklist(ROLES, 'admin.tokens.err_role'),
	unitId: v.string()
});

export type IssueField = 'name' | 'role' | 'unitId';

export interface IssueValues {
	name: string;
	role: string;
	unitId: string;
}

/** The form's fields as typed (cut to a sane length), to send back with a refusal. */
export function issueValues(form: FormData): IssueValues {
	return {
		name: field(form, 'name').slice(0, 200),
		role: field(form, 'role').slice(0, 20),
		unitId: field(form, 'unitId').slice(0, 60)
	};
}

const RANK: Record<Role, number> = { viewer: 1, manager: 2, admin: 3 };

/** Who issues a token: an administrator (the default) or a manager or viewer with a unit. */
export interface Issuer {
	role: Role;
	unitId: string | null;
}

/** Roles `issuer` may give a token: up to their own, least first (the form's order). */
export function issuableRoles(issuer: Issuer): Role[] {
	return [...ROLES].sort((a, b) => RANK[a] - RANK[b]).filter((r) => RANK[r] <= RANK[issuer.role]);
}

/**
 * Name, role and unit scope. A manager or viewer token reads one unit's subtree, so it needs a
 * unit in force; an administrator token reads everything, so a unit chosen for one is dropped
 * (as for user accounts). A non-admin issuer is held to their own role and subtree.
 */
export async function parseIssue(
	db: DbOrTx,
	raw: IssueValues,
	issuer: Issuer = { role: 'admin', unitId: null }
): Promise<
	| { ok: true; value: { name: string; role: Role; unitId: string | null } }
	| { ok: false; errors: FieldErrors<IssueField> }
> {
	const parsed = v.safeParse(IssueSchema, raw);
	if (!parsed.success) return { ok: false, errors: fieldErrors<IssueField>(parsed.issues) };
	const { name, role, unitId } = parsed.output;
	if (!issuableRoles(issuer).includes(role)) {
		return { ok: false, errors: { role: 'admin.tokens.err_role' } };
	}
	if (role === 'admin') return { ok: true, value: { name, role, unitId: null } };
	if (!unitId) return { ok: false, errors: { unitId: 'admin.tokens.err_unit' } };
	const within = issuer.role === 'admin' ? null : issuer.unitId;
	if (issuer.role !== 'admin' && !within) {
		return { ok: false, errors: { unitId: 'admin.tokens.err_unit_invalid' } };
	}
	const offered = await unitChoices(db, { withinId: within, on: vietnamToday() });
	if (!offered.some((u) => u.id === unitId)) {
		return { ok: false, errors: { unitId: 'admin.tokens.err_unit_invalid' } };
	}
	return { ok: true, value: { name, role, unitId } };
}

// The commands: each writes its change and its audit row (never the token itself) in one
// transaction.

/** Issues a token for `ctx.actor`; the token is returned once, to be shown once. */
export function issueToken(
	db: DbOrTx,
	input: { name: string; role: Role; unitId: string | null },
	ctx: AuditContext
) {
	return recorded(
		db,
		ctx,
		(tx) => apiTokens.issue(tx, { ...input, createdBy: ctx.actor.id }),
		(issued) => ({
			action: 'api_token.issue',
			targetType: 'api_token',
			targetId: issued.info.id,
			detail: input
		})
	);
}

/** Revokes a token; false when it was revoked already. */
export function revokeToken(
	db: DbOrTx,
	token: { id: string; name: string },
	ctx: AuditContext
): Promise<boolean> {
	return recorded(
		db,
		ctx,
		(tx) => apiTokens.revoke(tx, token.id),
		(revoked) =>
			revoked
				? {
						action: 'api_token.revoke',
						targetType: 'api_token',
						targetId: token.id,
						detail: { name: token.name }
					}
				: null
	);
}
