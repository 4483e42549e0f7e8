import { describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { ApiFailure } from '../../src/lib/server/api';
import { requireKiosk } from '../../src/lib/server/auth/guard';
import type { Db } from '../../src/lib/server/db/index';
import { newId } from '../../src/lib/server/ids';
import { parseSettingsForm, SETTING_RANGES } from '../../src/lib/server/kiosk-admin';
import { WorkCalendar } from '../../src/lib/domain/work-calendar';
import { kioskStatus, workingMsBetween } from '../../src/lib/server/kiosk-health';
import * as kiosks from '../../src/lib/server/kiosks';
import { stash, take } from '../../src/lib/server/show-once';
import * as units from '../../src/lib/server/units';
import { findPlacement, placements, unitChoices } from '../../src/lib/server/unit-choices';
import { smallTree, testDb } from './helpers';

const H = 60 * 60 * 1000;
/** An instant given in Vietnam time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);

async function counter(db: Db, unitId: string, number: number, active = 1) {
	const id = newId();
	const at = '2026-01-01T00:00:00.000Z';
	await db
		.insertInto('counters')
		.values({ id, unitId, number, name: `Quầy ${number}`, active, createdAt: at, updatedAt: at })
		.execute();
	return id;
}

const request = (token: string) =>
	new Request('http://x/api/v1/kiosk/config', { headers: { authorization: `Bearer ${token}` } });

describe('kiosk health', () => {
	it('counts Monday-to-Friday time only, in Vietnam', () => {
		// 2026-11-27 is a Friday, 2026-11-30 a Monday.
		expect(workingMsBetween(vn('2026-11-27T17:00:00'), vn('2026-11-30T10:00:00'))).toBe(17 * H);
		expect(workingMsBetween(vn('2026-11-28T08:00:00'), vn('2026-11-29T20:00:00'))).toBe(0);
		expect(workingMsBetween(vn('2026-11-26T11:00:00'), vn('2026-11-27T10:00:00'))).toBe(23 * H);
		// Whole weeks hold five working days, whatever day they start on.
		expect(workingMsBetween(vn('2026-11-28T09:00:00'), vn('2026-12-05T09:00:00'))).toBe(120 * H);
		expect(workingMsBetween(vn('2026-11-02T00:00:00'), vn('2026-11-30T00:00:00'))).toBe(480 * H);
		expect(workingMsBetween(vn('2026-11-30T10:00:00'), vn('2026-11-27T10:00:00'))).toBe(0);
	});

	it('marks a paired kiosk silent once it misses more than a working day', () => {
		const paired = {
			tokenHash: 'h',
			revokedAt: null,
			pairedAt: '2026-11-01T00:00:00.000Z',
			pairingExpiresAt: null,
			lastSeenAt: vn('2026-11-27T17:00:00').toISOString()
		};
		// Seen Friday 17:00: Monday morning is fine, Monday 17:00 is a whole working day missed.
		expect(kioskStatus(paired, vn('2026-11-30T10:00:00'))).toBe('active');
		expect(kioskStatus(paired, vn('2026-11-30T17:00:00'))).toBe('active');
		expect(kioskStatus(paired, vn('2026-11-30T17:01:00'))).toBe('silent');
		expect(
			kioskStatus({ ...paired, revokedAt: '2026-11-28T00:00:00Z' }, vn('2026-11-30T12:00:00'))
		).toBe('revoked');
		const fresh = { ...paired, tokenHash: null, lastSeenAt: null, pairedAt: null };
		expect(
			kioskStatus({ ...fresh, pairingExpiresAt: '2026-12-01T00:00:00Z' }, vn('2026-11-30T12:00:00'))
		).toBe('pending');
		expect(
			kioskStatus({ ...fresh, pairingExpiresAt: '2026-11-01T00:00:00Z' }, vn('2026-11-30T12:00:00'))
		).toBe('unpaired');
	});

	it('does not count the days off of the working calendar, and counts a Saturday worked', () => {
		// Monday 2026-11-30 and Tuesday 2026-12-01 off; Saturday 2026-12-05 worked.
		const calendar = new WorkCalendar([
			['2026-11-30', 'off'],
			['2026-12-01', 'off'],
			['2026-12-05', 'work']
		]);
		// Friday 17:00 to Wednesday 10:00: Friday's last 7 hours and Wednesday's first 10.
		const from = vn('2026-11-27T17:00:00');
		expect(workingMsBetween(from, vn('2026-12-02T10:00:00'), calendar)).toBe(17 * H);
		expect(workingMsBetween(from, vn('2026-12-02T10:00:00'))).toBe(65 * H);
		// Within the Saturday worked; a week from Saturday is Wednesday to Friday, then that Saturday.
		expect(workingMsBetween(vn('2026-12-05T08:00:00'), vn('2026-12-05T12:00:00'), calendar)).toBe(
			4 * H
		);
		expect(workingMsBetween(vn('2026-11-28T00:00:00'), vn('2026-12-05T00:00:00'), calendar)).toBe(
			72 * H
		);
		expect(workingMsBetween(vn('2026-11-28T00:00:00'), vn('2026-12-06T00:00:00'), calendar)).toBe(
			96 * H
		);
		const seenFriday = {
			tokenHash: 'h',
			revokedAt: null,
			pairedAt: '2026-11-01T00:00:00.000Z',
			pairingExpiresAt: null,
			lastSeenAt: from.toISOString()
		};
		// Switched off for the days off: not silent until Wednesday 17:00.
		expect(kioskStatus(seenFriday, vn('2026-12-01T20:00:00'), calendar)).toBe('active');
		expect(kioskStatus(seenFriday, vn('2026-12-02T17:00:00'), calendar)).toBe('active');
		expect(kioskStatus(seenFriday, vn('2026-12-02T17:01:00'), calendar)).toBe('silent');
		expect(kioskStatus(seenFriday, vn('2026-12-01T20:00:00'))).toBe('silent');
	});
});

describe('kiosk administration', () => {
	async function world() {
		const db = await testDb();
		const tree = await smallTree(db);
		const c1Counter = await counter(db, tree.c1.id, 1);
		const c2Counter = await counter(db, tree.c2.id, 1);
		const a = await kiosks.create(db, {
			unitId: tree.c1.id,
			counterId: c1Counter,
			name: 'Kiosk quầy một'
		});
		const b = await kiosks.create(db, {
			unitId: tree.c2.id,
			counterId: c2Counter,
			name: 'Kiosk sảnh'
		});
		const c = await kiosks.create(db, { unitId: tree.p2.id, name: 'Kiosk thành phố' });
		return { db, ...tree, c1Counter, c2Counter, a, b, c };
	}

	it('lists a scope with health, searched without diacritics, paged', async () => {
		const { db, d, c1, a, b, c } = await world();
		const now = new Date();
		const all = await kiosks.list(db, { limit: 10, offset: 0 }, now);
		expect(all.total).toBe(3);
		expect(all.rows.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
		// Ordered by unit name: Thành phố Cần Thơ, Xã Hòa An, Xã Tân Bình.
		expect(all.rows.map((r) => r.id)).toEqual([c.kiosk.id, b.kiosk.id, a.kiosk.id]);
		expect(all.rows[2]).toMatchObject({
			unitCode: 'C1',
			unitName: 'Xã Tân Bình',
			counterNumber: 1
		});
		expect(all.rows[2]).not.toHaveProperty('tokenHash');

		const district = await kiosks.list(db, { withinId: d.id, limit: 10, offset: 0 }, now);
		expect(district.rows.map((r) => r.id).sort()).toEqual([a.kiosk.id, b.kiosk.id].sort());
		const commune = await kiosks.list(db, { withinId: c1.id, limit: 10, offset: 0 }, now);
		expect(commune.rows.map((r) => r.id)).toEqual([a.kiosk.id]);

		const byUnit = await kiosks.list(db, { query: 'tan binh', limit: 10, offset: 0 }, now);
		expect(byUnit.rows.map((r) => r.id)).toEqual([a.kiosk.id]);
		const byName = await kiosks.list(db, { query: 'SANH', limit: 10, offset: 0 }, now);
		expect(byName.rows.map((r) => r.id)).toEqual([b.kiosk.id]);
		const outOfScope = await kiosks.list(
			db,
			{ query: 'thanh pho', withinId: d.id, limit: 10, offset: 0 },
			now
		);
		expect(outOfScope.total).toBe(0);

		const page2 = await kiosks.list(db, { limit: 2, offset: 2 }, now);
		expect(page2.total).toBe(3);
		expect(page2.rows.map((r) => r.id)).toEqual([a.kiosk.id]);
		const searchedPage = await kiosks.list(db, { query: 'kiosk', limit: 2, offset: 2 }, now);
		expect(searchedPage.total).toBe(3);
		expect(searchedPage.rows.map((r) => r.id)).toEqual([a.kiosk.id]);
	});

	it('filters by health: a heartbeat makes a kiosk active, silence makes it silent', async () => {
		const { db, a, b } = await world();
		const paired = await kiosks.pair(db, a.pairingCode, vn('2026-11-27T09:00:00'));
		expect(paired).not.toBeNull();
		await kiosks.heartbeat(
			db,
			a.kiosk.id,
			{ queueLength: 3, appVersion: '1.4.0' },
			vn('2026-11-27T16:00:00')
		);
		const monday = vn('2026-11-30T09:00:00');
		const active = await kiosks.list(db, { status: 'active', limit: 10, offset: 0 }, monday);
		expect(active.rows).toHaveLength(1);
		expect(active.rows[0]).toMatchObject({
			id: a.kiosk.id,
			queueLength: 3,
			appVersion: '1.4.0',
			lastSeenAt: vn('2026-11-27T16:00:00').toISOString(),
			pairingExpiresAt: null
		});
		const tuesday = vn('2026-12-01T09:00:00');
		const silent = await kiosks.list(db, { status: 'silent', limit: 10, offset: 0 }, tuesday);
		expect(silent.rows.map((r) => r.id)).toEqual([a.kiosk.id]);
		const pending = await kiosks.list(db, { status: 'pending', limit: 10, offset: 0 }, monday);
		expect(pending.rows.map((r) => r.id)).toContain(b.kiosk.id);
		expect(pending.rows.map((r) => r.id)).not.toContain(a.kiosk.id);
	});

	it('renames, moves and stores settings', async () => {
		const { db, c2, c1Counter, c2Counter, a } = await world();
		await kiosks.rename(db, a.kiosk.id, '  Kiosk Tân Bình  ');
		await kiosks.move(db, a.kiosk.id, { unitId: c2.id, counterId: c2Counter });
		const settings = { ...kiosks.settingsOf(a.kiosk), thanksSeconds: 9, speech: true };
		await kiosks.updateSettings(db, a.kiosk.id, settings);
		const row = await kiosks.byId(db, a.kiosk.id);
		expect(row).toMatchObject({ name: 'Kiosk Tân Bình', unitId: c2.id, counterId: c2Counter });
		expect(JSON.parse(row!.settings)).toMatchObject({ thanksSeconds: 9, speech: true });
		expect((await kiosks.detail(db, a.kiosk.id))?.settings.thanksSeconds).toBe(9);
		await expect(
			kiosks.move(db, a.kiosk.id, { unitId: c2.id, counterId: c1Counter })
		).rejects.toThrow(/does not belong/);
		expect((await kiosks.byId(db, a.kiosk.id))?.counterId).toBe(c2Counter);
	});

	it('re-pairs without cutting the old tablet off until the new code is used; revokes at once', async () => {
		const { db, a } = await world();
		const first = (await kiosks.pair(db, a.pairingCode))!;
		expect((await requireKiosk(db, request(first.token))).id).toBe(a.kiosk.id);

		const code = await kiosks.issuePairingCode(db, a.kiosk.id);
		expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect((await requireKiosk(db, request(first.token))).id).toBe(a.kiosk.id);
		const second = (await kiosks.pair(db, code))!;
		await expect(requireKiosk(db, request(first.token))).rejects.toMatchObject({
			status: 401,
			code: 'not_paired'
		});
		expect((await requireKiosk(db, request(second.token))).id).toBe(a.kiosk.id);

		await kiosks.revoke(db, a.kiosk.id);
		const revoked = await requireKiosk(db, request(second.token)).catch((e: unknown) => e);
		expect(revoked).toBeInstanceOf(ApiFailure);
		expect(revoked).toMatchObject({ status: 401, code: 'revoked' });
		expect((await kiosks.byId(db, a.kiosk.id))?.revokedAt).not.toBeNull();
	});

	it('offers units in force in tree order, with active counters, within the scope', async () => {
		const { db, p, d, c1, c2, p2, c1Counter } = await world();
		const closed = await counter(db, c1.id, 2, 0);
		await units.mergeInto(db, c2.id, c1.id, '2026-01-01');
		const on = '2026-06-01';
		const all = await unitChoices(db, { withinId: null, on });
		expect(all.map((u) => [u.code, u.depth])).toEqual([
			['P2', 0],
			['P', 0],
			['D', 1],
			['C1', 2]
		]);
		const kept = await unitChoices(db, { withinId: d.id, on, include: [c2.id] });
		expect(kept.map((u) => u.code)).toEqual(['D', 'C2', 'C1']);

		const places = await placements(db, { withinId: c1.id, on });
		expect(places).toHaveLength(1);
		expect(places[0].counters.map((c) => c.id)).toEqual([c1Counter]);
		expect(findPlacement(places, c1.id)).toEqual({ unitId: c1.id, counterId: null });
		expect(findPlacement(places, `${c1.id}/${c1Counter}`)).toEqual({
			unitId: c1.id,
			counterId: c1Counter
		});
		expect(findPlacement(places, `${c1.id}/${closed}`)).toBeNull();
		expect(findPlacement(places, p2.id)).toBeNull();
		expect(findPlacement(places, `${c1.id}/${c1Counter}/x`)).toBeNull();
		expect(p.id).toBeTruthy();
	});
});

describe('kiosk settings form', () => {
	const form = (fields: Record<string, string>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(fields)) data.set(k, v);
		return data;
	};
	const good = {
		thanksSeconds: '6',
		followUpSeconds: '25',
		minIntervalSeconds: '0',
		askOfficer: 'on',
		askDetailsAfter: 'every',
		openFrom: '07:30',
		openTo: '17:00',
		saturdayTo: '11:00'
	};

	it('reads the ranges from kioskSettingsSchema', () => {
		expect(SETTING_RANGES).toEqual({
			thanksSeconds: { min: 2, max: 60 },
			followUpSeconds: { min: 10, max: 120 },
			minIntervalSeconds: { min: 0, max: 120 }
		});
	});

	it('turns a good form into settings; unticked boxes are false', () => {
		const result = parseSettingsForm(form(good));
		expect(result).toEqual({
			ok: true,
			settings: {
				thanksSeconds: 6,
				followUpSeconds: 25,
				minIntervalSeconds: 0,
				askOfficer: true,
				askProcedureField: false,
				askDetailsAfter: 'every',
				speech: false,
				openFrom: '07:30',
				openTo: '17:00',
				saturdayOpen: false,
				saturdayTo: '11:00'
			}
		});
	});

	it('names each problem next to its field and keeps what was typed', () => {
		const result = parseSettingsForm(
			form({
				...good,
				thanksSeconds: '1',
				followUpSeconds: '4.5',
				minIntervalSeconds: '',
				askDetailsAfter: 'sometimes',
				openFrom: '7h'
			})
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			thanksSeconds: 'admin.kiosks.settings.error_range',
			followUpSeconds: 'admin.kiosks.settings.error_range',
			minIntervalSeconds: 'admin.kiosks.settings.error_range',
			askDetailsAfter: 'admin.kiosks.settings.error_ask_after',
			openFrom: 'admin.kiosks.settings.error_time'
		});
		expect(result.values).toMatchObject({
			thanksSeconds: '1',
			followUpSeconds: '4.5',
			askDetailsAfter: 'sometimes',
			askOfficer: true
		});

		const order = parseSettingsForm(
			form({ ...good, openTo: '07:00', saturdayOpen: 'on', saturdayTo: '06:00' })
		);
		expect(order.ok ? {} : order.errors).toEqual({
			openTo: 'admin.kiosks.settings.error_open_order',
			saturdayTo: 'admin.kiosks.settings.error_saturday_order'
		});
	});
});

describe('show once', () => {
	function jar() {
		const store = new Map<string, { value: string; path: string }>();
		const cookies = {
			get: (name: string) => store.get(name)?.value,
			set: (name: string, value: string, opts: { path: string }) =>
				void store.set(name, { value, path: opts.path }),
			delete: (name: string) => void store.delete(name)
		} as unknown as Cookies;
		return { cookies, store };
	}

	it('gives the secret to the page and actor it was meant for, once', () => {
		const { cookies, store } = jar();
		const url = new URL('http://localhost/admin/kiosks/k1');
		stash({ cookies, url }, '/admin/kiosks/k1', {
			kind: 'pairing_code',
			actorId: 'u1',
			secret: 'ABCD-2345'
		});
		expect(store.get('ykien_once')?.path).toBe('/admin/kiosks/k1');
		expect(take(cookies, '/admin/kiosks/k1', 'pairing_code', 'u1')).toEqual({
			secret: 'ABCD-2345',
			until: null,
			label: null
		});
		expect(take(cookies, '/admin/kiosks/k1', 'pairing_code', 'u1')).toBeNull();

		// An API token travels with its label (/admin/api-tokens).
		const tokens = new URL('http://localhost/admin/api-tokens');
		stash({ cookies, url: tokens }, '/admin/api-tokens', {
			kind: 'api_token',
			actorId: 'u1',
			secret: 'ykapi_x',
			label: 'Cổng dữ liệu'
		});
		expect(take(cookies, '/admin/api-tokens', 'api_token', 'u1')).toEqual({
			secret: 'ykapi_x',
			until: null,
			label: 'Cổng dữ liệu'
		});

		stash({ cookies, url }, '/admin/kiosks/k1', { kind: 'password', actorId: 'u1', secret: 'x' });
		expect(take(cookies, '/admin/kiosks/k1', 'pairing_code', 'u1')).toBeNull();
		stash({ cookies, url }, '/admin/kiosks/k1', { kind: 'password', actorId: 'u1', secret: 'x' });
		expect(take(cookies, '/admin/kiosks/k1', 'password', 'someone-else')).toBeNull();
	});
});
