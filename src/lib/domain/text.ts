/**
 * Folds Vietnamese text for search: NFC in, no diacritics, đ -> d, lower case, single spaces,
 * so "phung hiep" finds "Phụng Hiệp".
 */
export function foldForSearch(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** User text is stored in NFC so that equal words compare equal whatever keyboard typed them. */
export function normalizeText(text: string): string {
	return text.normalize('NFC').trim();
}

/** Initials for an officer card without a photo: "Nguyễn Thị Lan" -> "NL". */
export function initials(fullName: string): string {
	const parts = normalizeText(fullName).split(/\s+/).filter(Boolean);
	if (parts.length === 0) return '';
	const first = parts[0].charAt(0);
	const last = parts.length > 1 ? parts[parts.length - 1].charAt(0) : '';
	return (first + last).toUpperCase();
}
