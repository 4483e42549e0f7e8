import type { Db } from '../../src/lib/server/db/index';
import { newId } from '../../src/lib/server/ids';
import * as units from '../../src/lib/server/units';
import { templateDefinition } from '../../src/lib/domain/templates';
import { addDays } from '../../src/lib/domain/time';
import { FIELDS, ROLES, Rng } from './shape';

/**
 * An invented province after the 2025 reform, for one year (2026): 105 communes, wards and
 * special zones, 40 provincial agencies under one group, and 10 old communes merged into new
 * ones on 1 March, 157 units in all, with their counters, officers, kiosks and the two surveys.
 * Built with the app's own functions (units.create, mergeInto), so the tree, its closure and
 * the lineage are exactly what the app makes; the answers come from answers.ts and dataset.ts.
 */

export const YEAR_FROM = '2026-01-01';
export const YEAR_TO = '2026-12-31';
export const MERGE_DAY = '2026-03-01';

export interface Counter {
	id: string;
	kioskId: string;
	fields: string[];
	officers: { id: string; fields: string[] }[];
	dissatisfied: number | null;
}

export interface BenchUnit {
	id: string;
	code: string;
	kind: string;
	base: number;
	saturday: boolean;
	web: 'desk' | 'sipas';
	/** Last day with answers (old communes stop when merged). */
	until: string;
	counters: Counter[];
}

export interface BenchWorld {
	path: string;
	rootId: string;
	groupId: string;
	units: BenchUnit[];
	deskSurveyId: string;
	sipasSurveyId: string;
	deskVersionId: string;
	sipasVersionId: string;
	fieldIds: string[];
	responses: number;
}

const AT = '2025-12-01T00:00:00.000Z';

export async function structure(db: Db, rng: Rng): Promise<Omit<BenchWorld, 'path' | 'responses'>> {
	const root = await units.create(db, {
		code: 'TT',
		name: 'Tỉnh Thử Tải (dữ liệu giả định)',
		kind: 'province'
	});
	const group = await units.create(db, {
		code: 'TT-SBN',
		name: 'Các sở, ban, ngành',
		kind: 'other',
		parentId: root.id
	});
	const fieldIds = FIELDS.map(() => newId());
	await db
		.insertInto('procedureFields')
		.values(
			FIELDS.map((f, i) => ({ id: fieldIds[i], code: f.code, nameVi: f.nameVi, nameEn: null }))
		)
		.execute();
	const fieldId = new Map(FIELDS.map((f, i) => [f.code, fieldIds[i]]));

	const list: BenchUnit[] = [];
	const make = async (
		code: string,
		name: string,
		kind: 'commune' | 'ward' | 'special_zone' | 'agency',
		parentId: string,
		base: number,
		validTo: string | null
	) => {
		const u = await units.create(db, { code, name, kind, parentId, validTo });
		const nCounters = kind === 'agency' ? rng.int(1, 3) : rng.int(2, 4);
		const counters: Counter[] = [];
		for (let i = 0; i < nCounters; i++) {
			const fields = ROLES.filter((_, r) => r % nCounters === i).flat();
			counters.push({
				id: newId(),
				kioskId: newId(),
				fields,
				officers: [],
				dissatisfied: rng.chance(0.03) ? rng.range(0.25, 0.36) : null
			});
		}
		for (let k = 0, n = rng.int(Math.max(3, nCounters), 6); k < n; k++) {
			const role = k % ROLES.length;
			counters[role % nCounters].officers.push({ id: newId(), fields: ROLES[role] });
		}
		await db
			.insertInto('counters')
			.values(
				counters.map((c, i) => ({
					id: c.id,
					unitId: u.id,
					number: i + 1,
					name: `Quầy ${i + 1}`,
					createdAt: AT,
					updatedAt: AT
				}))
			)
			.execute();
		await db
			.insertInto('officers')
			.values(
				counters.flatMap((c) =>
					c.officers.map((o, k) => ({
						id: o.id,
						unitId: u.id,
						counterId: c.id,
						fullName: `Cán bộ ${code}-${k + 1}`,
						searchText: `can bo ${code.toLowerCase()}-${k + 1}`,
						title: 'Công chức',
						photoMime: null,
						photo: null,
						createdAt: AT,
						updatedAt: AT
					}))
				)
			)
			.execute();
		await db
			.insertInto('kiosks')
			.values(
				counters.map((c, i) => ({
					id: c.kioskId,
					unitId: u.id,
					counterId: c.id,
					name: `Kiosk quầy ${i + 1}`,
					tokenHash: null,
					pairingCodeHash: null,
					pairingExpiresAt: null,
					settings: '{}',
					lastSeenAt: null,
					lastSubmissionAt: null,
					queueLength: null,
					appVersion: null,
					pairedAt: null,
					revokedAt: null,
					createdAt: AT,
					updatedAt: AT
				}))
			)
			.execute();
		list.push({
			id: u.id,
			code,
			kind,
			base,
			saturday: kind !== 'agency' && rng.chance(0.4),
			web: kind === 'agency' || rng.chance(0.5) ? 'desk' : 'sipas',
			until: validTo ?? YEAR_TO,
			counters
		});
		return u.id;
	};

	const pad = (n: number) => String(n).padStart(3, '0');
	const communes: string[] = [];
	for (let i = 1; i <= 105; i++) {
		const kind = i <= 31 ? 'ward' : i <= 103 ? 'commune' : 'special_zone';
		const label = kind === 'ward' ? 'Phường' : kind === 'commune' ? 'Xã' : 'Đặc khu';
		const base =
			kind === 'ward' ? rng.int(18, 32) : kind === 'commune' ? rng.int(9, 24) : rng.int(6, 10);
		communes.push(await make(`TT-${pad(i)}`, `${label} số ${i}`, kind, root.id, base, null));
	}
	for (let i = 1; i <= 40; i++) {
		await make(`TT-S${pad(i)}`, `Sở, ngành số ${i}`, 'agency', group.id, rng.int(4, 12), null);
	}
	for (let i = 1; i <= 10; i++) {
		const old = await make(
			`TT-C${pad(i)}`,
			`Xã cũ số ${i}`,
			'commune',
			root.id,
			rng.int(8, 14),
			addDays(MERGE_DAY, -1)
		);
		await units.mergeInto(db, old, communes[31 + i * 3], MERGE_DAY);
	}

	const survey = async (code: string, template: 'desk3' | 'sipas') => {
		const id = newId();
		const versionId = newId();
		await db
			.insertInto('surveys')
			.values({
				id,
				code,
				name: code,
				template,
				ownerUnitId: null,
				draft: null,
				archivedAt: null,
				createdBy: null,
				createdAt: AT,
				updatedAt: AT
			})
			.execute();
		await db
			.insertInto('surveyVersions')
			.values({
				id: versionId,
				surveyId: id,
				version: 1,
				definition: JSON.stringify(templateDefinition(template)),
				publishedAt: AT,
				publishedBy: null
			})
			.execute();
		return { id, versionId };
	};
	const desk = await survey('DESK3', 'desk3');
	const sipas = await survey('SIPAS', 'sipas');
	for (const [surveyId, channel] of [
		[desk.id, 'kiosk'],
		[desk.id, 'web'],
		[sipas.id, 'web']
	] as const) {
		await db
			.insertInto('surveyAssignments')
			.values({
				id: newId(),
				surveyId,
				unitId: root.id,
				channel,
				validFrom: '2025-12-01',
				validTo: null,
				createdAt: AT
			})
			.execute();
	}
	return {
		rootId: root.id,
		groupId: group.id,
		units: list,
		deskSurveyId: desk.id,
		sipasSurveyId: sipas.id,
		deskVersionId: desk.versionId,
		sipasVersionId: sipas.versionId,
		fieldIds: FIELDS.map((f) => fieldId.get(f.code)!)
	};
}
