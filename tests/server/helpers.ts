import { openMigrated, type Db } from '../../src/lib/server/db/index';
import * as units from '../../src/lib/server/units';
import { newId } from '../../src/lib/server/ids';
import { templateDefinition, type TemplateId } from '../../src/lib/domain/templates';

/** A fresh in-memory database built by the real migrations. */
export function testDb(): Promise<Db> {
	return openMigrated(':memory:');
}

/** province P > district D > communes C1, C2; and P2 standing alone. */
export async function smallTree(db: Db) {
	const p = await units.create(db, { code: 'P', name: 'Tỉnh Hậu Giang', kind: 'province' });
	const d = await units.create(db, {
		code: 'D',
		name: 'Huyện Phụng Hiệp',
		kind: 'district',
		parentId: p.id
	});
	const c1 = await units.create(db, {
		code: 'C1',
		name: 'Xã Tân Bình',
		kind: 'commune',
		parentId: d.id
	});
	const c2 = await units.create(db, {
		code: 'C2',
		name: 'Xã Hòa An',
		kind: 'commune',
		parentId: d.id
	});
	const p2 = await units.create(db, { code: 'P2', name: 'Thành phố Cần Thơ', kind: 'city' });
	return { p, d, c1, c2, p2 };
}

/** Publishes a template as version 1 of a survey and assigns it to a unit for a channel. */
export async function publishTemplate(
	db: Db,
	unitId: string,
	template: TemplateId = 'desk3',
	channel: 'kiosk' | 'web' = 'kiosk'
) {
	const now = '2026-01-01T00:00:00.000Z';
	const surveyId = newId();
	await db
		.insertInto('surveys')
		.values({
			id: surveyId,
			code: `S-${surveyId.slice(0, 8)}`,
			name: template,
			template,
			ownerUnitId: null,
			draft: null,
			archivedAt: null,
			createdBy: null,
			createdAt: now,
			updatedAt: now
		})
		.execute();
	const versionId = newId();
	await db
		.insertInto('surveyVersions')
		.values({
			id: versionId,
			surveyId,
			version: 1,
			definition: JSON.stringify(templateDefinition(template)),
			publishedAt: now,
			publishedBy: null
		})
		.execute();
	await db
		.insertInto('surveyAssignments')
		.values({
			id: newId(),
			surveyId,
			unitId,
			channel,
			validFrom: '2020-01-01',
			validTo: null,
			createdAt: now
		})
		.execute();
	return { surveyId, versionId };
}
