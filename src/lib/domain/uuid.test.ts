import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { uuidV7 } from './uuid';

describe('uuidV7', () => {
	it('puts the milliseconds first, then version 7 and the RFC variant', () => {
		const id = uuidV7(Date.UTC(2026, 10, 29, 2, 0, 0, 123));
		// 2026-11-29T02:00:00.123Z = 1795917600123 ms = 0x01a22507d57b
		expect(id.slice(0, 13)).toBe('01a22507-d57b');
		expect(id[14]).toBe('7');
		expect(['8', '9', 'a', 'b']).toContain(id[19]);
		expect(v.is(v.pipe(v.string(), v.uuid()), id)).toBe(true);
	});

	it('sorts by time as text, and differs within one millisecond', () => {
		const t = Date.UTC(2026, 0, 1);
		const ids = [uuidV7(t + 1000), uuidV7(t), uuidV7(t + 1)];
		expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
		expect(uuidV7(t)).not.toBe(uuidV7(t));
	});
});
