/** Reads ?page= as a whole number >= 1; anything else is page 1. */
export function pageParam(url: URL): number {
	const raw = url.searchParams.get('page');
	const n = raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
	return Math.max(1, n);
}

/** Total pages for `total` rows (at least 1, so an empty list is "page 1/1"). */
export function pageCount(total: number, perPage: number): number {
	return Math.max(1, Math.ceil(total / perPage));
}

/** The current URL with ?page= set (dropped for page 1), other parameters kept. */
export function pageHref(url: URL, page: number): string {
	const params = new URLSearchParams(url.searchParams);
	if (page <= 1) params.delete('page');
	else params.set('page', String(page));
	const query = params.toString();
	return query ? `${url.pathname}?${query}` : url.pathname;
}
