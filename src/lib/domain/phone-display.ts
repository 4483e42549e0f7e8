// How a resident's phone number is shown on the case page (Decree 13/2023/NĐ-CP: kept only with
// consent, only as long as promised; the number is masked unless the viewer may call it).

/** '0912345678' -> '09xx xxx 678': enough to match a call log, not enough to call. */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	if (digits.length < 6) return 'xxx';
	return `${digits.slice(0, 2)}xx xxx ${digits.slice(-3)}`;
}

/** '0912345678' -> '0912 345 678', as numbers are read out in Vietnam. */
export function formatPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	return digits.length === 10
		? `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`
		: phone;
}

/** A number past its erasure instant is never shown, even before the erase job has run. */
export function phoneKept(
	c: { phone: string | null; phoneEraseAfter: string | null },
	now: Date
): string | null {
	if (!c.phone || !c.phoneEraseAfter) return null;
	return c.phoneEraseAfter > now.toISOString() ? c.phone : null;
}
