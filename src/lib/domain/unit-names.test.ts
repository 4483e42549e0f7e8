import { describe, expect, it } from 'vitest';
import { isClosed, openFirst, repeatedNames, unitLabel } from './unit-names';

describe('unit names after the 2025 merger', () => {
	const oldTanBinh = { name: 'Xã Tân Bình', code: 'HG-PH-TANBINH', validTo: '2025-06-30' };
	const newTanBinh = { name: 'Xã Tân Bình', code: 'CT-TANBINH', validTo: null };
	const tanLong = { name: 'Xã Tân Long', code: 'HG-PH-TANLONG', validTo: '2025-06-30' };

	it('adds the code only where a name repeats', () => {
		const repeated = repeatedNames([oldTanBinh, newTanBinh, tanLong].map((u) => u.name));
		expect([...repeated]).toEqual(['Xã Tân Bình']);
		expect(unitLabel(oldTanBinh, repeated)).toBe('Xã Tân Bình (HG-PH-TANBINH)');
		expect(unitLabel(newTanBinh, repeated)).toBe('Xã Tân Bình (CT-TANBINH)');
		expect(unitLabel(tanLong, repeated)).toBe('Xã Tân Long');
	});

	it('counts a unit closed from the day after its last valid day', () => {
		expect(isClosed('2025-06-30', '2025-06-30')).toBe(false);
		expect(isClosed('2025-06-30', '2025-07-01')).toBe(true);
		expect(isClosed(null, '2030-01-01')).toBe(false);
	});

	it('puts closed units after the open ones, keeping each group’s order', () => {
		const today = '2026-12-06';
		const sorted = openFirst([oldTanBinh, tanLong, newTanBinh], (u) => isClosed(u.validTo, today));
		expect(sorted.map((u) => u.code)).toEqual(['CT-TANBINH', 'HG-PH-TANBINH', 'HG-PH-TANLONG']);
	});
});
