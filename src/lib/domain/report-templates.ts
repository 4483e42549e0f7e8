/** The report templates a user can pick, in the order offered. Here, not in $lib/server, so the
 *  report and schedule pages (which run in the browser too) list the same ones as the server. */
export const REPORT_TEMPLATES = ['results', 'dan_van', 'ranking'] as const;
