import { describe, expect, it } from 'vitest';
import { issuableRoles, parseIssue } from '../../src/lib/server/api-token-admin';
import * as apiTokens from '../../src/lib/server/api-tokens';
import { smallTree, testDb } from './helpers';

describe('API tokens', () => {
	it('stores only the hash, verifies the secret once issued and refuses it after revoking', async () => {
		const db = await testDb();
		const { d } = await smallTree(db);
		const now = new Date('2026-03-02T03:00:00Z');
		const { token, info } = await apiTokens.issue(
			db,
			{ name: ' Cổng dữ liệu tỉnh ', role: 'viewer', unitId: d.id, createdBy: null },
			now
		);
		expect(token).toMatch(/^ykapi_[a-z2-7]{32}$/);
		expect(info.name).toBe('Cổng dữ liệu tỉnh');
		const row = await db.selectFrom('apiTokens').selectAll().executeTakeFirstOrThrow();
		expect(row.tokenHash).toBe(apiTokens.hashOf(token));
		expect(row.tokenHash).not.toContain(token.slice(6));

		const later = new Date('2026-03-02T04:00:00Z');
		const seen = await apiTokens.verify(db, token, later);
		expect(seen).toMatchObject({ id: info.id, role: 'viewer', unitId: d.id });
		const touched = await db.selectFrom('apiTokens').select('lastUsedAt').executeTakeFirstOrThrow();
		expect(touched.lastUsedAt).toBe(later.toISOString());

		// Another last letter (one token in 32 ends in 'a' already).
		const altered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		expect(await apiTokens.verify(db, altered)).toBeNull();
		expect(await apiTokens.verify(db, 'not-a-token')).toBeNull();
		expect(await apiTokens.revoke(db, info.id)).toBe(true);
		expect(await apiTokens.revoke(db, info.id)).toBe(false);
		expect(await apiTokens.verify(db, token)).toBeNull();
		expect((await apiTokens.list(db)).rows[0]).toMatchObject({ id: info.id, unitName: d.name });
		// Revoked tokens stay listed; pages are newest first.
		const second = await apiTokens.issue(
			db,
			{ name: 'Cổng dữ liệu', role: 'admin', unitId: null, createdBy: null },
			later
		);
		const first = await apiTokens.list(db, { limit: 1, offset: 0 });
		expect(first).toMatchObject({ total: 2, rows: [{ id: second.info.id, revokedAt: null }] });
		const next = await apiTokens.list(db, { limit: 1, offset: 1 });
		expect(next.rows.map((r) => [r.id, r.revokedAt !== null])).toEqual([[info.id, true]]);
	});

	it('refuses a manager or viewer token without a unit, and an empty name', async () => {
		const db = await testDb();
		await expect(
			apiTokens.issue(db, { name: 'x', role: 'manager', unitId: null, createdBy: null })
		).rejects.toThrow(apiTokens.ApiTokenError);
		await expect(
			apiTokens.issue(db, { name: '  ', role: 'admin', unitId: null, createdBy: null })
		).rejects.toThrow(apiTokens.ApiTokenError);
		const admin = await apiTokens.issue(db, {
			name: 'Toàn tỉnh',
			role: 'admin',
			unitId: null,
			createdBy: null
		});
		expect((await apiTokens.verify(db, admin.token))?.role).toBe('admin');
	});

	it('reads the admin form: a label, a role, a unit in force for managers and viewers only', async () => {
		const db = await testDb();
		const { d } = await smallTree(db);
		const form = (name: string, role: string, unitId: string) =>
			parseIssue(db, { name, role, unitId });
		expect(await form('  ', 'viewer', d.id)).toEqual({
			ok: false,
			errors: { name: 'admin.tokens.err_name' }
		});
		expect(await form('Cổng', 'owner', d.id)).toEqual({
			ok: false,
			errors: { role: 'admin.tokens.err_role' }
		});
		expect(await form('Cổng', 'viewer', '')).toEqual({
			ok: false,
			errors: { unitId: 'admin.tokens.err_unit' }
		});
		expect(await form('Cổng', 'manager', 'no-such-unit')).toEqual({
			ok: false,
			errors: { unitId: 'admin.tokens.err_unit_invalid' }
		});
		// NFC: a label typed with combining marks is stored composed.
		expect(await form(' Co\u0302\u0309ng ', 'viewer', d.id)).toEqual({
			ok: true,
			value: { name: 'Cổng', role: 'viewer', unitId: d.id }
		});
		// An administrator token reads everything: a unit chosen for it is dropped.
		expect(await form('Toàn tỉnh', 'admin', d.id)).toEqual({
			ok: true,
			value: { name: 'Toàn tỉnh', role: 'admin', unitId: null }
		});
	});

	it('lets a manager or viewer issue tokens for their own subtree, of at most their role', async () => {
		const db = await testDb();
		const { d, c1, p2 } = await smallTree(db);
		const viewer = { role: 'viewer' as const, unitId: d.id };
		const manager = { role: 'manager' as const, unitId: d.id };
		const form = (role: string, unitId: string, issuer: typeof viewer | typeof manager) =>
			parseIssue(db, { name: 'Cổng', role, unitId }, issuer);
		expect(await form('viewer', c1.id, viewer)).toEqual({
			ok: true,
			value: { name: 'Cổng', role: 'viewer', unitId: c1.id }
		});
		expect(await form('manager', d.id, viewer)).toEqual({
			ok: false,
			errors: { role: 'admin.tokens.err_role' }
		});
		expect(await form('manager', d.id, manager)).toMatchObject({ ok: true });
		expect(await form('admin', '', manager)).toEqual({
			ok: false,
			errors: { role: 'admin.tokens.err_role' }
		});
		// Outside the subtree (another province) is not offered, so it is refused.
		expect(await form('viewer', p2.id, manager)).toEqual({
			ok: false,
			errors: { unitId: 'admin.tokens.err_unit_invalid' }
		});
		expect(issuableRoles(viewer)).toEqual(['viewer']);
		expect(issuableRoles(manager)).toEqual(['viewer', 'manager']);
	});
});
