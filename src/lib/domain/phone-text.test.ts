import { describe, expect, it } from 'vitest';
import { ERASED_MARK, erasePhoneIn, normalizePhone, phonePattern } from './phone-text';

describe('a phone number inside free text', () => {
	const phone = '0912345678';

	it('is found however it was typed, and not inside a longer number', () => {
		const typed = [
			'0912345678',
			'0912 345 678',
			'0912.345.678',
			'091-234-5678',
			'(091) 2345678',
			'+84 912 345 678',
			'84912345678'
		];
		for (const t of typed) expect(`Gọi ${t} lúc 9h`.match(phonePattern(phone))).toHaveLength(1);
		expect('10912345678'.match(phonePattern(phone))).toBeNull();
		expect('09123456789'.match(phonePattern(phone))).toBeNull();
		expect('0912345679'.match(phonePattern(phone))).toBeNull();
	});

	it('is replaced everywhere it occurs, the rest of the text kept', () => {
		const note = 'Đã gọi 0912 345 678 không nghe máy; gọi lại +84912345678 được.';
		expect(erasePhoneIn(note, phone)).toEqual({
			text: `Đã gọi ${ERASED_MARK} không nghe máy; gọi lại ${ERASED_MARK} được.`,
			count: 2
		});
		expect(erasePhoneIn('Không có số nào', phone)).toEqual({ text: 'Không có số nào', count: 0 });
	});

	it('normalizes what staff type to the national form', () => {
		expect(normalizePhone('+84 912-345-678')).toBe('0912345678');
		expect(normalizePhone('12345')).toBeNull();
	});
});
