import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Kiosk, Role } from '../db/schema';
import { ApiFailure, bearerToken } from '../api';
import * as kiosks from '../kiosks';
import type { DbOrTx } from '../db';
import * as units from '../units';

// The one access guard. Every admin load, form action and endpoint calls requireUser (and, for
// anything that belongs to a unit, requireUnitAccess) itself; a check in a layout alone would not
// protect actions or endpoints.

const RANK: Record<Role, number> = { viewer: 1, manager: 2, admin: 3 };

export interface Requirement {
	/** The least role allowed: 'viewer' < 'manager' < 'admin'. Default 'viewer'. */
	role?: Role;
}

export function requireUser(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	req: Requirement = {}
): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	if (RANK[user.role] < RANK[req.role ?? 'viewer']) {
		error(403, { message: 'forbidden' });
	}
	return user;
}

/** True when the user may see (viewer) or manage (manager) things of `unitId`. */
export async function canAccessUnit(
	db: DbOrTx,
	user: SessionUser,
	unitId: string
): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (!user.unitId) return false;
	return units.isWithin(db, user.unitId, unitId);
}

export async function requireUnitAccess(
	db: DbOrTx,
	user: SessionUser,
	unitId: string
): Promise<void> {
	if (!(await canAccessUnit(db, user, unitId))) error(403, { message: 'forbidden' });
}

/** The unit a route names by id: 404 when there is none, 403 when it is outside the user's scope. */
export async function requireUnit(db: DbOrTx, user: SessionUser, unitId: string) {
	const unit = await units.byId(db, unitId);
	if (!unit) error(404, { message: 'not_found' });
	await requireUnitAccess(db, user, unit.id);
	return unit;
}

/** The subtree root a user's lists are limited to; null means everything (admin). */
export function scopeRoot(user: SessionUser): string | null {
	if (user.role === 'admin') return null;
	// A manager or viewer without a unit sees nothing rather than everything.
	if (!user.unitId) error(403, { message: 'forbidden' });
	return user.unitId;
}

/**
 * The device side of the guard: a kiosk proves itself with its bearer token. Unknown tokens and
 * revoked kiosks both get 401, with a code the tablet uses to show its "not active" screen.
 */
export async function requireKiosk(db: DbOrTx, request: Request): Promise<Kiosk> {
	const token = bearerToken(request);
	if (!token) throw new ApiFailure(401, 'not_paired', 'This device is not paired');
	const kiosk = await kiosks.byTokenRecent(db, token);
	if (!kiosk) throw new ApiFailure(401, 'not_paired', 'This device is not paired');
	if (kiosk.revokedAt) throw new ApiFailure(401, 'revoked', 'This device has been revoked');
	return kiosk;
}

/** The part of a survey row the access rules look at. */
export interface SurveyOwner {
	ownerUnitId: string | null;
}

/**
 * Every signed-in user may see shared surveys (no owner unit) and those owned inside their
 * subtree, so viewers can pick them in the figures; admins see all.
 */
export async function canSeeSurvey(
	db: DbOrTx,
	user: SessionUser,
	survey: SurveyOwner
): Promise<boolean> {
	if (user.role === 'admin' || survey.ownerUnitId === null) return true;
	return canAccessUnit(db, user, survey.ownerUnitId);
}

/** Admins edit every survey; a manager edits the surveys owned by a unit of their subtree. */
export async function canEditSurvey(
	db: DbOrTx,
	user: SessionUser,
	survey: SurveyOwner
): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (user.role !== 'manager' || survey.ownerUnitId === null) return false;
	return canAccessUnit(db, user, survey.ownerUnitId);
}
