// The reading of the dashboard's parameters moved to $lib/server/stats/query.ts, where the
// exports (a lib module) can share it; the page and the API read it from there.
export * from '$lib/server/stats/query';
