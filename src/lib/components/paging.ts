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

/** The search text of a list from ?q=, trimmed and cut to 100 characters. */
export function queryParam(url: URL): string {
	return (url.searchParams.get('q') ?? '').trim().slice(0, 100);
}

/**
 * The page of a list that ?page= asks for, or its last page when the asked one is past the end
 * (after a delete, or a hand-typed URL). `fetch` reads one slice of the rows and their total.
 */
export async function loadPage<Row>(
	url: URL,
	perPage: number,
	fetch: (range: { limit: number; offset: number }) => Promise<{ rows: Row[]; total: number }>
): Promise<{ page: number; pages: number; total: number; rows: Row[] }> {
	const slice = (page: number) => fetch({ limit: perPage, offset: (page - 1) * perPage });
	let page = pageParam(url);
	let found = await slice(page);
	const pages = pageCount(found.total, perPage);
	if (page > pages) {
		page = pages;
		found = await slice(page);
	}
	return { page, pages, total: found.total, rows: found.rows };
}

/**
 * A searched list's page: the search text of ?q=, the page of rows `fetch` finds for it (as
 * loadPage), each row shaped for the page by `shape`.
 */
export async function loadSearchPage<Row, Shown>(
	url: URL,
	perPage: number,
	fetch: (
		query: string,
		range: { limit: number; offset: number }
	) => Promise<{ rows: Row[]; total: number }>,
	shape: (row: Row) => Shown
): Promise<{ q: string; page: number; pages: number; total: number; rows: Shown[] }> {
	const q = queryParam(url);
	const { page, pages, total, rows } = await loadPage(url, perPage, (range) => fetch(q, range));
	return { q, page, pages, total, rows: rows.map(shape) };
}
