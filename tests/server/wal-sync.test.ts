import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import { migrateToLatest, openDatabase, sqliteOf, type Db } from '../../src/lib/server/db';
import { THREAD_BATCH, ingest } from '../../src/lib/server/ingest';
import { WalSync } from '../../src/lib/server/ingest/wal-sync';
import * as kiosks from '../../src/lib/server/kiosks';
import { publishTemplate, smallTree } from './helpers';

// The writer thread's durability: commits without fsync, acknowledged after the WAL is flushed.

let dir = '';
afterEach(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = '';
});

/** A WAL file beside a database, and a sync that the test completes by hand. */
function walWithManualSync() {
	dir = mkdtempSync(join(tmpdir(), 'ykien-walsync-'));
	const db = openDatabase(join(dir, 'test.db'));
	sqliteOf(db).sqlite.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
	const calls: ((error: Error | null) => void)[] = [];
	const failures: string[] = [];
	const sync = new WalSync(
		join(dir, 'test.db'),
		(reason) => failures.push(reason),
		(_fd, done) => calls.push(done)
	);
	return { db, sync, calls, failures };
}

const settled = async (p: Promise<unknown>) => {
	let state = 'pending';
	p.then(
		() => (state = 'resolved'),
		() => (state = 'rejected')
	);
	await new Promise((r) => setImmediate(r));
	return state;
};

describe('WalSync', () => {
	it('settles no one before the flush, groups the waits that arrive during one, and stops at an error', async () => {
		const { db, sync, calls, failures } = walWithManualSync();
		const first = sync.flushed();
		expect(calls).toHaveLength(1);
		expect(await settled(first)).toBe('pending');
		// Committed while the first flush runs: they wait for a second one, started after it.
		const second = [sync.flushed(), sync.flushed(), sync.flushed()];
		expect(calls).toHaveLength(1);
		calls[0](null);
		expect(await settled(first)).toBe('resolved');
		expect(calls).toHaveLength(2);
		expect(failures).toEqual([]);
		expect(await settled(second[0])).toBe('pending');
		// A failed flush refuses its waits, and every later one: after an fsync error nothing
		// written since can be vouched for.
		const third = sync.flushed();
		calls[1](new Error('EIO'));
		for (const p of second) await expect(p).rejects.toThrow('EIO');
		await expect(third).rejects.toThrow(/refused until the server restarts/);
		await expect(sync.flushed()).rejects.toThrow(/refused until the server restarts/);
		expect(calls).toHaveLength(2);
		expect(failures).toEqual([
			'flushing the WAL failed (EIO): answers are refused until the server restarts'
		]);
		sync.close();
		await db.destroy();
	});
});

describe('the writer thread set-up (asWriterThread)', () => {
	it('commits without fsync, in batches of THREAD_BATCH, and acknowledges after a flush', async () => {
		dir = mkdtempSync(join(tmpdir(), 'ykien-walsync-'));
		const db: Db = openDatabase(join(dir, 'test.db'));
		await migrateToLatest(db);
		const tree = await smallTree(db);
		const { versionId } = await publishTemplate(db, tree.p.id, 'desk3');
		const writer = ingest(db);
		writer.asWriterThread();
		expect(sqliteOf(db).sqlite.pragma('synchronous', { simple: true })).toBe(1);
		const flushes: number[] = [];
		const walSync = (writer as unknown as { walSync: WalSync }).walSync;
		const flushed = walSync.flushed.bind(walSync);
		walSync.flushed = () => {
			flushes.push(writer.commits);
			return flushed();
		};

		const now = new Date('2026-03-03T02:00:00.000Z');
		const count = THREAD_BATCH * 2 + 3;
		const made = await Promise.all(
			Array.from({ length: count }, (_, i) =>
				kiosks.create(db, { unitId: tree.c1.id, name: `Kiosk ${i}` })
			)
		);
		const results = await Promise.all(
			made.map(({ kiosk }) =>
				writer.record(
					{
						channel: 'kiosk',
						unitId: tree.c1.id,
						counterId: null,
						kioskId: kiosk.id,
						settings: { ...DEFAULT_KIOSK_SETTINGS }
					},
					{
						id: randomUUID(),
						surveyVersionId: versionId,
						answers: { satisfaction: 3 },
						submittedAt: now.toISOString()
					},
					now
				)
			)
		);
		expect(results.every((r) => r.ok && r.status === 201)).toBe(true);
		// Three commits (16, 16 and 3 answers), each acknowledged through a flush.
		expect(writer.commits).toBe(3);
		expect(flushes).toEqual([1, 2, 3]);
		const n = await db
			.selectFrom('responses')
			.select((eb) => eb.fn.countAll().as('n'))
			.execute();
		expect(Number(n[0].n)).toBe(count);
		await db.destroy();
	});
});
