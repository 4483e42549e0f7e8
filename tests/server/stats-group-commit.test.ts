import { describe, expect, it } from 'vitest';
import { GroupCommit, groupCommit } from '../../src/lib/server/group-commit';
import * as stats from '../../src/lib/server/stats';
import { testDb } from './helpers';
import { addSurvey, mergedTree, responseRows, type ResponseSpec } from './stats-world';

const strip = (f: stats.DashboardFigures) => ({ ...f, meta: undefined });

async function setup() {
	const db = await testDb();
	const tree = await mergedTree(db);
	const desk = await addSurvey(db, 'DESK3', 'desk3');
	return { db, tree, desk };
}

describe('group commit', () => {
	it('commits concurrent work together and answers only after the commit', async () => {
		const { db, tree, desk } = await setup();
		const specs: ResponseSpec[] = Array.from({ length: 30 }, (_, i) => ({
			id: `g${i}`,
			unitId: i % 2 ? tree.tb.id : tree.ha.id,
			survey: desk,
			date: '2026-03-02',
			level: 1 + (i % 3),
			reasons: i % 3 === 0 ? ['wait'] : []
		}));
		const writer = new GroupCommit(db, 8);
		let transactions = 0;
		const results = await Promise.all(
			specs.map((s) =>
				writer.run(async (tx) => {
					const { response, answers } = responseRows(s);
					await tx.insertInto('responses').values(response).execute();
					if (answers.length > 0) await tx.insertInto('responseAnswers').values(answers).execute();
					await stats.applyResponse(tx, s.id);
					transactions++;
					return s.id;
				})
			)
		);
		expect(results).toEqual(specs.map((s) => s.id));
		expect(transactions).toBe(30);
		// The writer waits for the requests of the same turn of the event loop, so the 30 queued
		// together go 8 at a time: 8, 8, 8, 6.
		expect(writer.commits).toBe(4);
		// Everything acknowledged is committed and counted, once.
		const filters = { unitId: tree.hg.id, from: '2026-03-01', to: '2026-03-31' };
		const f = await stats.dashboard(db, filters);
		expect(f.headline.responses).toBe(30);
		expect(f.reasons).toEqual([{ reason: 'wait', count: 10 }]);
		expect(strip(f)).toEqual(strip(await stats.rawDashboard(db, filters)));
	});

	it('isolates a failing work: the others commit, it alone is refused', async () => {
		const { db, tree, desk } = await setup();
		const writer = groupCommit(db);
		const attempt = (id: string, fail: boolean) =>
			writer.run(async (tx) => {
				const { response } = responseRows({
					id,
					unitId: tree.tb.id,
					survey: desk,
					date: '2026-03-02',
					level: 2
				});
				await tx.insertInto('responses').values(response).execute();
				await stats.applyResponse(tx, id);
				if (fail) throw new Error(`refused ${id}`);
				return id;
			});
		const outcomes = await Promise.allSettled([
			attempt('a', false),
			attempt('b', true),
			attempt('c', false)
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('refused b');
		const ids = await db.selectFrom('responses').select('id').orderBy('id').execute();
		expect(ids.map((r) => r.id)).toEqual(['a', 'c']);
		const f = await stats.dashboard(db, {
			unitId: tree.tb.id,
			from: '2026-03-01',
			to: '2026-03-31'
		});
		expect(f.headline.responses).toBe(2);
	});
});
