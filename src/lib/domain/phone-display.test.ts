import { describe, expect, it } from 'vitest';
import { formatPhone, maskPhone, phoneKept } from './phone-display';

describe("a resident's number on the case page", () => {
	it('is masked to its first two and last three digits', () => {
		expect(maskPhone('0912345678')).toBe('09xx xxx 678');
		expect(maskPhone('0292 3851 234')).toBe('02xx xxx 234');
		expect(maskPhone('123')).toBe('xxx');
	});

	it('is grouped 4-3-3 when it has ten digits, shown as typed otherwise', () => {
		expect(formatPhone('0912345678')).toBe('0912 345 678');
		expect(formatPhone('091.234.5678')).toBe('0912 345 678');
		expect(formatPhone('+84 912 345 678')).toBe('+84 912 345 678');
	});

	it('is shown only before its erasure instant, and never without one', () => {
		const now = new Date('2026-03-06T03:00:00.000Z');
		const phone = '0912345678';
		expect(phoneKept({ phone, phoneEraseAfter: '2026-03-06T03:00:00.001Z' }, now)).toBe(phone);
		expect(phoneKept({ phone, phoneEraseAfter: '2026-03-06T03:00:00.000Z' }, now)).toBeNull();
		expect(phoneKept({ phone, phoneEraseAfter: null }, now)).toBeNull();
		expect(phoneKept({ phone: null, phoneEraseAfter: '2027-01-01T00:00:00.000Z' }, now)).toBeNull();
	});
});
