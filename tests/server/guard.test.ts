import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	canAccessUnit,
	requireUnitAccess,
	requireUser,
	scopeRoot
} from '../../src/lib/server/auth/guard';
import { smallTree, testDb } from './helpers';

function event(user: SessionUser | null, path = '/admin/units?q=x') {
	return {
		locals: { user, requestId: 'r', locale: 'vi' as const, sessionId: null },
		url: new URL(`http://localhost${path}`)
	};
}

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	return null;
}

const person = (role: SessionUser['role'], unitId: string | null): SessionUser => ({
	id: `u-${role}`,
	username: role,
	displayName: role,
	role,
	unitId
});

describe('access guard', () => {
	it('sends anonymous users to the login page with the way back', () => {
		const e = thrown(() => requireUser(event(null)));
		expect(isRedirect(e)).toBe(true);
		if (isRedirect(e)) {
			expect(e.status).toBe(303);
			expect(e.location).toBe('/login?next=%2Fadmin%2Funits%3Fq%3Dx');
		}
	});

	it('denies a lower role with 403 and lets a higher one through', () => {
		const viewerDenied = thrown(() =>
			requireUser(event(person('viewer', 'x')), { role: 'manager' })
		);
		expect(isHttpError(viewerDenied) && viewerDenied.status).toBe(403);
		const managerDenied = thrown(() =>
			requireUser(event(person('manager', 'x')), { role: 'admin' })
		);
		expect(isHttpError(managerDenied) && managerDenied.status).toBe(403);
		expect(requireUser(event(person('admin', null)), { role: 'manager' }).role).toBe('admin');
		expect(requireUser(event(person('viewer', 'x'))).role).toBe('viewer');
	});

	it('limits managers and viewers to their subtree', async () => {
		const db = await testDb();
		const { p, d, c1, c2, p2 } = await smallTree(db);
		const manager = person('manager', c1.id);
		const viewer = person('viewer', d.id);
		expect(await canAccessUnit(db, manager, c1.id)).toBe(true);
		expect(await canAccessUnit(db, manager, c2.id)).toBe(false);
		expect(await canAccessUnit(db, manager, d.id)).toBe(false);
		expect(await canAccessUnit(db, viewer, c2.id)).toBe(true);
		expect(await canAccessUnit(db, viewer, p.id)).toBe(false);
		expect(await canAccessUnit(db, person('admin', null), p2.id)).toBe(true);
		const denied = await requireUnitAccess(db, manager, p2.id).catch((e) => e);
		expect(isHttpError(denied) && denied.status).toBe(403);
		expect(scopeRoot(manager)).toBe(c1.id);
		expect(scopeRoot(person('admin', c1.id))).toBeNull();
		const unbound = thrown(() => scopeRoot(person('viewer', null)));
		expect(isHttpError(unbound) && unbound.status).toBe(403);
	});
});
