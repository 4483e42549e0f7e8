import { normalizeVietnamesePhone } from './survey-model';

/**
 * Finding a resident's phone number inside free text (case notes, comments), however it was
 * typed: "0912 345 678", "0912.345.678", "+84 912 345 678", "(091) 2345678". Used to erase a
 * number on request (Decree 13/2023/NĐ-CP), so a number written in a note goes with the case's.
 */

export const ERASED_MARK = '[số điện thoại đã xóa]';

/** The national form of a number typed by staff, or null if it is not a Vietnamese mobile. */
export const normalizePhone = normalizeVietnamesePhone;

/**
 * A pattern matching `phone` (national form, 0xxxxxxxxx) in text: its digits with spaces, dots,
 * dashes or brackets between them, the leading 0 or +84, and no digit just before or after.
 */
export function phonePattern(phone: string): RegExp {
	const rest = phone.slice(1).split('');
	const sep = '[\\s.()\\-]*';
	return new RegExp(`(?<!\\d)(?:\\+?84|0)${sep}${rest.join(sep)}(?!\\d)`, 'g');
}

/** The text with every occurrence of `phone` replaced by ERASED_MARK, and how many there were. */
export function erasePhoneIn(text: string, phone: string): { text: string; count: number } {
	let count = 0;
	const out = text.replace(phonePattern(phone), () => {
		count++;
		return ERASED_MARK;
	});
	return { text: out, count };
}

/** The last four digits, the only part of a number that may be written down for a search. */
export function lastFour(phone: string): string {
	return phone.slice(-4);
}
