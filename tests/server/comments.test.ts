import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerSearchText } from '../../src/lib/domain/survey';
import * as comments from '../../src/lib/server/comments';
import type { Db } from '../../src/lib/server/db/index';
import * as units from '../../src/lib/server/units';
import { publishTemplate, smallTree, testDb } from './helpers';

/** A desk answer (3 levels) with an optional comment. */
async function answer(
	db: Db,
	versionId: string,
	unitId: string,
	date: string,
	level: 1 | 2 | 3,
	comment?: string
) {
	const id = randomUUID();
	const at = `${date}T02:00:00.000Z`;
	await db
		.insertInto('responses')
		.values({
			id,
			surveyVersionId: versionId,
			unitId,
			counterId: null,
			officerId: null,
			procedureFieldId: null,
			kioskId: null,
			channel: 'kiosk',
			startedAt: null,
			submittedAt: at,
			receivedAt: at,
			durationMs: null,
			localDate: date,
			localHour: 9,
			weekday: 1,
			mainLevel: level,
			mainLevels: 3,
			satisfied: level >= 2 ? 1 : 0,
			locale: 'vi'
		})
		.execute();
	const rows = [
		{
			responseId: id,
			questionKey: 'satisfaction',
			seq: 0,
			valueInt: level as number | null,
			valueText: null as string | null,
			searchText: null as string | null
		}
	];
	if (comment !== undefined) {
		// As every writer stores a free-text answer (responses.record, the demo, the bench).
		rows.push({
			responseId: id,
			questionKey: 'comment',
			seq: 0,
			valueInt: null,
			valueText: comment,
			searchText: answerSearchText('text', comment)
		});
	}
	await db.insertInto('responseAnswers').values(rows).execute();
	return id;
}

describe('comments', () => {
	it('lists comments of a lineage by rating, dates and a diacritic-blind search, newest first', async () => {
		const db = await testDb();
		const tree = await smallTree(db);
		const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
		const wait = await answer(
			db,
			versionId,
			tree.c1.id,
			'2026-03-02',
			1,
			'Phải chờ rất lâu ở quầy'
		);
		const kind = await answer(db, versionId, tree.c1.id, '2026-03-03', 3, 'Cán bộ nhiệt tình');
		await answer(db, versionId, tree.c1.id, '2026-03-04', 2); // no comment
		await answer(db, versionId, tree.c2.id, '2026-03-05', 1, 'Chờ lâu quá');
		const lineage = await units.lineageIds(db, tree.c1.id);
		const page = { limit: 10, offset: 0 };
		const all = await comments.list(
			db,
			{ unitIds: lineage, from: null, to: null, rating: 'all', q: null },
			page
		);
		expect(all.total).toBe(2);
		expect(all.rows.map((r) => r.responseId)).toEqual([kind, wait]);
		expect(all.rows[1]).toMatchObject({
			comment: 'Phải chờ rất lâu ở quầy',
			unitName: 'Xã Tân Bình',
			rating: { vi: 'Không hài lòng' }
		});

		const low = await comments.list(
			db,
			{ unitIds: lineage, from: null, to: null, rating: 'unsatisfied', q: null },
			page
		);
		expect(low.rows.map((r) => r.responseId)).toEqual([wait]);

		const found = await comments.list(
			db,
			{ unitIds: null, from: null, to: null, rating: 'all', q: ' CHO ' },
			page
		);
		expect(found.total).toBe(2);
		expect(found.rows.map((r) => r.comment)).toEqual(['Chờ lâu quá', 'Phải chờ rất lâu ở quầy']);
		// Counted and paged by the database; LIKE's wildcards in the search are plain characters.
		const second = await comments.list(
			db,
			{ unitIds: null, from: null, to: null, rating: 'all', q: 'chờ' },
			{ limit: 1, offset: 1 }
		);
		expect(second.total).toBe(2);
		expect(second.rows.map((r) => r.comment)).toEqual(['Phải chờ rất lâu ở quầy']);
		for (const q of ['%', '_']) {
			const wild = await comments.list(
				db,
				{ unitIds: null, from: null, to: null, rating: 'all', q },
				page
			);
			expect(wild.total).toBe(0);
		}

		const dated = await comments.list(
			db,
			{ unitIds: null, from: '2026-03-03', to: '2026-03-04', rating: 'all', q: null },
			page
		);
		expect(dated.rows.map((r) => r.responseId)).toEqual([kind]);
	});
});
