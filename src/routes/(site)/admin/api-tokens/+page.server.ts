import { fail, redirect } from '@sveltejs/kit';
import { vietnamToday } from '$lib/domain/time';
import { loadPage } from '$lib/components/paging';
import * as apiTokens from '$lib/server/api-tokens';
import {
	issuableRoles,
	issueToken,
	issueValues,
	parseIssue,
	revokeToken
} from '$lib/server/api-token-admin';
import { contextOf } from '$lib/server/audit';
import { requireUser, scopeRoot } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/instance';
import { doneParam, field, refuse } from '$lib/server/forms';
import { stash, take } from '$lib/server/show-once';
import { unitChoices } from '$lib/server/unit-choices';
import type { Actions, PageServerLoad } from './$types';

// API tokens for other systems reading /api/v1/stats and /api/v1/export: issue (the token is
// shown once, after the redirect, from a cookie limited to this page), list and revoke.
// Administrators manage every token; a manager or viewer issues tokens for their own subtree
// (of at most their role) and sees and revokes the tokens they issued.

const PATH = '/admin/api-tokens';
const PER_PAGE = 25;
const DONE = ['issued', 'revoked'] as const;

export const load: PageServerLoad = async (event) => {
	const admin = requireUser(event);
	const root = scopeRoot(admin);
	const db = getDb();
	const once = take(event.cookies, PATH, 'api_token', admin.id);
	const mine = admin.role === 'admin' ? null : admin.id;
	const { page, pages, total, rows } = await loadPage(event.url, PER_PAGE, (range) =>
		apiTokens.list(db, range, mine)
	);
	return {
		// The secret, on the first load after issuing only.
		issued: once ? { token: once.secret, name: once.label ?? '' } : null,
		done: doneParam(event.url, DONE),
		units: await unitChoices(db, { withinId: root, on: vietnamToday() }),
		roles: issuableRoles(admin),
		page,
		pages,
		total,
		rows
	};
};

export const actions: Actions = {
	issue: async (event) => {
		const admin = requireUser(event);
		scopeRoot(admin);
		const db = getDb();
		const values = issueValues(await event.request.formData());
		const parsed = await parseIssue(db, values, admin);
		if (!parsed.ok) return refuse('issue', parsed.errors, { ...values });
		const { name, role, unitId } = parsed.value;
		const issued = await issueToken(db, { name, role, unitId }, contextOf(event, admin));
		stash(event, PATH, {
			kind: 'api_token',
			actorId: admin.id,
			secret: issued.token,
			label: issued.info.name
		});
		redirect(303, `${PATH}?done=issued`);
	},

	revoke: async (event) => {
		const admin = requireUser(event);
		scopeRoot(admin);
		const db = getDb();
		const id = field(await event.request.formData(), 'id').slice(0, 60);
		const token = id ? await apiTokens.byId(db, id) : undefined;
		// Not an administrator: only the tokens they issued (another's is "not found" alike).
		const allowed =
			token !== undefined &&
			(admin.role === 'admin' || (await apiTokens.issuerOf(db, token.id)) === admin.id);
		const revoked =
			token !== undefined && allowed && (await revokeToken(db, token, contextOf(event, admin)));
		if (!revoked) {
			return fail(400, {
				action: 'revoke' as const,
				id,
				message: 'admin.tokens.err_revoke' as const
			});
		}
		redirect(303, `${PATH}?done=revoked`);
	}
};
