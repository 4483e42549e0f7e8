// The dashboard's parameters now live in $lib/domain/stats-query.ts, beside their reading in
// $lib/server/stats/query.ts (the exports read them too); kept here for the page's imports.
export type { QueryField, QueryValues } from '$lib/domain/stats-query';
