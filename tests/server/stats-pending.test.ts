import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index';
import * as stats from '../../src/lib/server/stats';
import { FOLD_STEP_MS, foldTable } from '../../src/lib/server/stats/pending';
import { TABLES } from '../../src/lib/server/stats/tables';
import { TEST_ENGINE, testDb } from './helpers';
import { addSurvey, mergedTree, writeBatch, type ResponseSpec } from './stats-world';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Rows in every summary table and in every pending table. */
async function rowCounts(db: Db): Promise<{ summary: number; pending: number }> {
	let summary = 0;
	let pending = 0;
	for (const spec of Object.values(TABLES)) {
		const count = async (table: string) => {
			const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
			return Number(r.rows[0].n);
		};
		summary += await count(snake(spec.name));
		pending += await count(`${snake(spec.name)}_pending`);
	}
	return { summary, pending };
}

const strip = (f: stats.DashboardFigures) => ({ ...f, meta: undefined });

/** The dashboard's count of answers in a unit's lineage on one day. */
async function answersOn(db: Db, unitId: string, day: string): Promise<number> {
	return (await stats.dashboard(db, { unitId, from: day, to: day })).headline.responses;
}

describe('pending summary rows', () => {
	it('count before the fold, and the same after it; the fold empties them', async () => {
		const db = await testDb();
		const tree = await mergedTree(db);
		const desk = await addSurvey(db, 'DESK3', 'desk3');
		// In batches of 5, as the answer writer commits answers arriving together.
		const write = async (specs: ResponseSpec[]) => {
			for (let i = 0; i < specs.length; i += 5) await writeBatch(db, specs.slice(i, i + 5));
		};
		const spec = (i: number): ResponseSpec => ({
			id: `p${i}`,
			unitId: i % 2 ? tree.tb.id : tree.ha.id,
			survey: desk,
			date: i < 12 ? '2026-03-02' : '2026-04-15',
			level: 1 + (i % 3),
			reasons: i % 3 === 0 ? ['wait'] : []
		});
		await write(Array.from({ length: 12 }, (_, i) => spec(i)));
		const before = await rowCounts(db);
		expect(before.summary).toBe(0);
		expect(before.pending).toBeGreaterThan(0);

		const filters = { unitId: tree.hg.id, from: '2026-03-01', to: '2026-04-30' };
		const unfolded = await stats.dashboard(db, filters);
		expect(unfolded.headline.responses).toBe(12);
		expect(unfolded.reasons).toEqual([{ reason: 'wait', count: 4 }]);
		expect(strip(unfolded)).toEqual(strip(await stats.rawDashboard(db, filters)));

		await db.transaction().execute((tx) => stats.foldAll(tx));
		const after = await rowCounts(db);
		expect(after.pending).toBe(0);
		expect(after.summary).toBeGreaterThan(0);
		expect(strip(await stats.dashboard(db, filters))).toEqual(strip(unfolded));

		// Folded and pending rows together.
		await write(Array.from({ length: 6 }, (_, i) => spec(12 + i)));
		const mixed = await stats.dashboard(db, filters);
		expect(mixed.headline.responses).toBe(18);
		expect(strip(mixed)).toEqual(strip(await stats.rawDashboard(db, filters)));
		await db.destroy();
	});

	it("fold a slice of owners exactly: those owners' rows leave, the others stay, figures hold", async () => {
		const db = await testDb();
		const tree = await mergedTree(db);
		const desk = await addSurvey(db, 'DESK3', 'desk3');
		await writeBatch(
			db,
			Array.from({ length: 6 }, (_, i) => ({
				id: `s${i}`,
				unitId: i % 2 ? tree.tb.id : tree.ha.id,
				survey: desk,
				date: i < 3 ? '2026-03-31' : '2026-04-01',
				level: (1 + (i % 3)) as 1 | 2 | 3,
				reasons: i === 0 ? ['wait'] : []
			}))
		);
		const owners = async () =>
			(
				await sql<{ id: string }>`select distinct scope_id as id from stats_main_pending`.execute(
					db
				)
			).rows.map((r) => r.id);
		const all = await owners();
		expect(all).toContain(tree.tb.id);
		expect(all).toContain(tree.ha.id);
		await db.transaction().execute((tx) => foldTable(tx, TABLES.statsMain, [tree.tb.id]));
		expect((await owners()).sort()).toEqual(all.filter((id) => id !== tree.tb.id).sort());
		// A month, a half year and a range across the two days: folded and pending rows agree.
		for (const range of [
			{ from: '2026-03-01', to: '2026-03-31' },
			{ from: '2026-01-01', to: '2026-06-30' },
			{ from: '2026-03-31', to: '2026-04-01' }
		]) {
			const filters = { unitId: tree.hg.id, ...range };
			expect(strip(await stats.dashboard(db, filters))).toEqual(
				strip(await stats.rawDashboard(db, filters))
			);
		}
		const whole = await stats.dashboard(db, {
			unitId: tree.hg.id,
			from: '2026-03-01',
			to: '2026-04-30'
		});
		expect(whole.headline.responses).toBe(6);
		await db.destroy();
	});

	// Timed to SQLite's fold steps; PostgreSQL's are slower round trips.
	it.skipIf(TEST_ENGINE === 'postgres')(
		'are folded by foldSoon, one table per step, without being asked again',
		async () => {
			const db = await testDb();
			const tree = await mergedTree(db);
			const desk = await addSurvey(db, 'DESK3', 'desk3');
			await writeBatch(db, [
				{
					id: 'only',
					unitId: tree.tb.id,
					survey: desk,
					date: '2026-03-02',
					level: 1,
					reasons: ['wait']
				}
			]);
			stats.foldSoon(db);
			// Every table's step, FOLD_STEP_MS apart; a busy machine stretches the steps, so wait
			// for them (up to 200 steps' time) rather than for a fixed time.
			const steps = Object.keys(TABLES).length;
			await new Promise((r) => setTimeout(r, FOLD_STEP_MS * (steps + 2)));
			for (let i = 0; i < 200 && (await rowCounts(db)).pending > 0; i++) {
				await new Promise((r) => setTimeout(r, FOLD_STEP_MS));
			}
			expect((await rowCounts(db)).pending).toBe(0);
			expect(await answersOn(db, tree.hg.id, '2026-03-02')).toBe(1);
			await db.destroy();
		}
	);

	it('are all folded by foldSoon when answers arrive while a table is folded a slice at a time', async () => {
		const db = await testDb();
		const tree = await mergedTree(db);
		const desk = await addSurvey(db, 'DESK3', 'desk3');
		const answer = (id: string, unitId: string) => ({
			id,
			unitId,
			survey: desk,
			date: '2026-03-02',
			level: 2 as const
		});
		await writeBatch(db, [answer('a', tree.tb.id), answer('b', tree.ha.id)]);
		// One owner per step: the first table (stats_main: the units and their ancestors) takes
		// several steps; an answer lands after its first.
		stats.foldSoon(db, 1);
		await new Promise((r) => setTimeout(r, FOLD_STEP_MS * 1.5));
		await writeBatch(db, [answer('c', tree.tb.id)]);
		stats.foldSoon(db, 1);
		for (let i = 0; i < 100 && (await rowCounts(db)).pending > 0; i++) {
			await new Promise((r) => setTimeout(r, FOLD_STEP_MS));
		}
		expect((await rowCounts(db)).pending).toBe(0);
		expect(await answersOn(db, tree.hg.id, '2026-03-02')).toBe(3);
		await db.destroy();
	});

	it('roll back a failing answer of a batch alone: the others and their rows commit', async () => {
		const db = await testDb();
		const tree = await mergedTree(db);
		const desk = await addSurvey(db, 'DESK3', 'desk3');
		const day = { survey: desk, date: '2026-03-02', level: 2 as const };
		const outcomes = await writeBatch(db, [
			{ id: 'a', unitId: tree.tb.id, ...day },
			{ id: 'b', unitId: 'no-such-unit', ...day },
			{ id: 'c', unitId: tree.ha.id, ...day }
		]);
		expect(outcomes.map((o) => o.kind)).toEqual(['created', 'failed', 'created']);
		const ids = await db.selectFrom('responses').select('id').orderBy('id').execute();
		expect(ids.map((r) => r.id)).toEqual(['a', 'c']);
		const filters = { unitId: tree.hg.id, from: '2026-03-01', to: '2026-03-31' };
		const f = await stats.dashboard(db, filters);
		expect(f.headline.responses).toBe(2);
		expect(strip(f)).toEqual(strip(await stats.rawDashboard(db, filters)));
		await db.destroy();
	});
});
