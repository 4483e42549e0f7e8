import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/lib/server/db/checkpointer';

describe('background WAL checkpointer', () => {
	it('reports itself lost when its worker cannot open the database', async () => {
		// A folder is no database: the worker fails at start and exits.
		const folder = mkdtempSync(join(tmpdir(), 'ykien-ckpt-'));
		const lost = await new Promise<boolean>((resolve) => {
			startCheckpointer(folder, () => resolve(true));
			setTimeout(() => resolve(false), 10_000);
		});
		expect(lost).toBe(true);
	});

	it('does not report a deliberate stop as lost', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'ykien-ckpt-'));
		let lost = false;
		const c = startCheckpointer(join(folder, 'x.db'), () => (lost = true));
		await new Promise((r) => setTimeout(r, 300));
		c.stop();
		await new Promise((r) => setTimeout(r, 500));
		expect(lost).toBe(false);
	});
});
