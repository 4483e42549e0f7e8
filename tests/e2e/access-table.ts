// The access matrix: every page, form action and endpoint against every kind of caller.
// 'allow'  the guard lets the caller through (a page answers 200; an action answers anything but
//          401/403/a redirect to the login page, e.g. 400 for the empty form the test sends)
// 'deny'   403 (401 for API endpoints)
// 'login'  redirected to the login page (anonymous caller on a protected page)
// 'device' the endpoint is for paired kiosks: without a device token everyone gets 401
export type Who = 'anon' | 'viewerOther' | 'managerOther' | 'viewerOwn' | 'managerOwn' | 'admin';
export type Expectation = 'allow' | 'deny' | 'login' | 'device';

export interface Fixtures {
	own: {
		unitId: string;
		counterId: string;
		kioskId: string;
		officerId: string;
		caseId: string | null;
		/** A unit under the own users' unit (inside their subtree, not its root), with a counter and an officer. */
		childUnitId: string;
		childCounterId: string;
		childOfficerId: string;
		/** A kiosk of the own unit and a viewer bound to it that nothing else uses. */
		spareKioskId: string;
		spareUserId: string;
		/** Phone-survey links: the own unit's first counter (SIPAS) and the child's counter (desk 3). */
		webLinkCode: string;
		deskWebLinkCode: string;
		/** A survey owned by the own unit, created from the desk3 template: a draft, no version. */
		surveyId: string;
		/** An archived report of the own unit. */
		reportId: string;
	};
	other: { unitId: string };
}

export interface Entry {
	/** Concrete URL for the route, built from fixtures owned by the "own" users' unit. */
	url: (f: Fixtures) => string;
	expect: Record<Who, Expectation>;
	/** Form fields to send with an action (default none: the action must refuse it with 400). */
	form?: Record<string, string>;
	/** Content type of an endpoint body. */
	json?: unknown;
}

const everyone = (e: Expectation): Record<Who, Expectation> => ({
	anon: e,
	viewerOther: e,
	managerOther: e,
	viewerOwn: e,
	managerOwn: e,
	admin: e
});
const signedIn: Record<Who, Expectation> = { ...everyone('allow'), anon: 'login' };
const adminOnly: Record<Who, Expectation> = { ...everyone('deny'), anon: 'login', admin: 'allow' };
// Units, counters and officers (admin/units, admin/counters, admin/officers): "own" users see
// their subtree; managers change what lies in it; "other" users are outside it.
const ownReaders: Record<Who, Expectation> = {
	anon: 'login',
	viewerOther: 'deny',
	managerOther: 'deny',
	viewerOwn: 'allow',
	managerOwn: 'allow',
	admin: 'allow'
};
const ownManagers: Record<Who, Expectation> = { ...ownReaders, viewerOwn: 'deny' };
const anyManager: Record<Who, Expectation> = {
	...signedIn,
	viewerOther: 'deny',
	viewerOwn: 'deny'
};

export const ACCESS: Record<string, Entry> = {
	'GET /': { url: () => '/', expect: everyone('allow') },
	'GET /login': { url: () => '/login', expect: { ...everyone('allow') } },
	'POST /login': { url: () => '/login', expect: everyone('allow') },
	'POST /logout': { url: () => '/logout', expect: everyone('allow') },
	'GET /lang': { url: () => '/lang', expect: everyone('allow') },
	'POST /lang': { url: () => '/lang', expect: everyone('allow'), form: { lang: 'vi', back: '/' } },
	'GET /healthz': { url: () => '/healthz', expect: everyone('allow') },
	'GET /kiosk': { url: () => '/kiosk', expect: everyone('allow') },
	// The phone survey is public; an empty form is refused with 400 and records nothing.
	'GET /s/[code]': { url: (f) => `/s/${f.own.webLinkCode}`, expect: everyone('allow') },
	'POST /s/[code] ?/rate': { url: (f) => `/s/${f.own.webLinkCode}`, expect: everyone('allow') },
	'POST /s/[code] ?/send': { url: (f) => `/s/${f.own.webLinkCode}`, expect: everyone('allow') },
	'GET /s/[code]/thanks': {
		url: (f) => `/s/${f.own.webLinkCode}/thanks`,
		expect: everyone('allow')
	},
	// QR posters: whoever may see the counter's unit may print its poster (viewers too).
	'GET /admin/posters/[id]': {
		url: (f) => `/admin/posters/${f.own.counterId}`,
		expect: ownReaders
	},
	'POST /api/v1/kiosk/pair': {
		url: () => '/api/v1/kiosk/pair',
		expect: everyone('allow'),
		json: { code: 'ZZZZ-ZZZZ' }
	},
	'GET /api/v1/kiosk/config': { url: () => '/api/v1/kiosk/config', expect: everyone('device') },
	'POST /api/v1/kiosk/heartbeat': {
		url: () => '/api/v1/kiosk/heartbeat',
		expect: everyone('device'),
		json: {}
	},
	'POST /api/v1/responses': {
		url: () => '/api/v1/responses',
		expect: everyone('device'),
		json: {}
	},
	'GET /admin': { url: () => '/admin', expect: signedIn },
	'GET /admin/units': { url: () => '/admin/units', expect: signedIn },
	'GET /admin/audit': { url: () => '/admin/audit', expect: adminOnly },
	// Units: anyone signed in reads their scope; managers add units inside it (the empty form
	// is refused with 400 after the guard); rename and close are for units strictly inside the
	// manager's subtree (the child unit; their own root is admin-only, see admin-units.test.ts);
	// move and merge are admin-only.
	'POST /admin/units ?/create': { url: () => '/admin/units', expect: anyManager },
	'GET /admin/units/[id]': { url: (f) => `/admin/units/${f.own.unitId}`, expect: ownReaders },
	'POST /admin/units/[id] ?/rename': {
		url: (f) => `/admin/units/${f.own.childUnitId}`,
		expect: ownManagers
	},
	'POST /admin/units/[id] ?/close': {
		url: (f) => `/admin/units/${f.own.childUnitId}`,
		expect: ownManagers
	},
	'POST /admin/units/[id] ?/move': {
		url: (f) => `/admin/units/${f.own.childUnitId}`,
		expect: adminOnly
	},
	'POST /admin/units/[id] ?/merge': {
		url: (f) => `/admin/units/${f.own.childUnitId}`,
		expect: adminOnly
	},
	'GET /admin/units/[id]/counters': {
		url: (f) => `/admin/units/${f.own.unitId}/counters`,
		expect: ownReaders
	},
	'POST /admin/units/[id]/counters ?/create': {
		url: (f) => `/admin/units/${f.own.unitId}/counters`,
		expect: ownManagers
	},
	'GET /admin/units/[id]/officers': {
		url: (f) => `/admin/units/${f.own.unitId}/officers`,
		expect: ownReaders
	},
	'POST /admin/units/[id]/officers ?/create': {
		url: (f) => `/admin/units/${f.own.unitId}/officers`,
		expect: ownManagers
	},
	// Counters and officers: the child unit's, so (de)activating them touches no demo desk.
	// Delete asks for a confirmation box, so the empty form is refused without deleting.
	'GET /admin/counters': { url: () => '/admin/counters', expect: signedIn },
	'GET /admin/counters/[id]': {
		url: (f) => `/admin/counters/${f.own.childCounterId}`,
		expect: ownReaders
	},
	'POST /admin/counters/[id] ?/update': {
		url: (f) => `/admin/counters/${f.own.childCounterId}`,
		expect: ownManagers
	},
	'POST /admin/counters/[id] ?/deactivate': {
		url: (f) => `/admin/counters/${f.own.childCounterId}`,
		expect: ownManagers
	},
	'POST /admin/counters/[id] ?/activate': {
		url: (f) => `/admin/counters/${f.own.childCounterId}`,
		expect: ownManagers
	},
	'POST /admin/counters/[id] ?/delete': {
		url: (f) => `/admin/counters/${f.own.childCounterId}`,
		expect: ownManagers
	},
	// Makes the counter's phone link (the same one each time): managers of its unit only.
	'POST /admin/counters/[id] ?/phoneLink': {
		url: (f) => `/admin/counters/${f.own.childCounterId}`,
		expect: ownManagers
	},
	'GET /admin/officers': { url: () => '/admin/officers', expect: signedIn },
	'GET /admin/officers/[id]': {
		url: (f) => `/admin/officers/${f.own.childOfficerId}`,
		expect: ownReaders
	},
	'POST /admin/officers/[id] ?/update': {
		url: (f) => `/admin/officers/${f.own.childOfficerId}`,
		expect: ownManagers
	},
	'POST /admin/officers/[id] ?/photo': {
		url: (f) => `/admin/officers/${f.own.childOfficerId}`,
		expect: ownManagers
	},
	'POST /admin/officers/[id] ?/removePhoto': {
		url: (f) => `/admin/officers/${f.own.childOfficerId}`,
		expect: ownManagers
	},
	'POST /admin/officers/[id] ?/deactivate': {
		url: (f) => `/admin/officers/${f.own.childOfficerId}`,
		expect: ownManagers
	},
	'POST /admin/officers/[id] ?/activate': {
		url: (f) => `/admin/officers/${f.own.childOfficerId}`,
		expect: ownManagers
	},
	'POST /admin/officers/[id] ?/delete': {
		url: (f) => `/admin/officers/${f.own.childOfficerId}`,
		expect: ownManagers
	},
	// The photo of an officer without one answers 404 after the guard ('allow').
	'GET /admin/officers/[id]/photo': {
		url: (f) => `/admin/officers/${f.own.childOfficerId}/photo`,
		expect: ownReaders
	},
	// Follow-up cases: everyone signed in lists their scope's lineage; a case of the own lineage is
	// read by own viewers and handled by own managers (the empty forms answer 400 after the guard).
	'GET /admin/calendar': { url: () => '/admin/calendar', expect: signedIn },
	'POST /admin/calendar ?/add': { url: () => '/admin/calendar', expect: adminOnly },
	'POST /admin/calendar ?/remove': { url: () => '/admin/calendar', expect: adminOnly },
	'GET /admin/cases': { url: () => '/admin/cases', expect: signedIn },
	'GET /admin/cases/[id]': { url: (f) => `/admin/cases/${f.own.caseId}`, expect: ownReaders },
	'POST /admin/cases/[id] ?/status': {
		url: (f) => `/admin/cases/${f.own.caseId}`,
		expect: ownManagers
	},
	'POST /admin/cases/[id] ?/note': {
		url: (f) => `/admin/cases/${f.own.caseId}`,
		expect: ownManagers
	},
	'POST /admin/cases/[id] ?/assign': {
		url: (f) => `/admin/cases/${f.own.caseId}`,
		expect: ownManagers
	},
	'POST /admin/cases/[id] ?/deadline': {
		url: (f) => `/admin/cases/${f.own.caseId}`,
		expect: ownManagers
	},
	// Kiosks: everyone signed in lists their scope; any manager creates in their own scope (the
	// empty form is refused with 400 after the guard); a kiosk of the own unit is read by own
	// viewers and managed by own managers. Actions run on a spare kiosk: a re-pair succeeds (303),
	// the others refuse the empty form (revoke asks for its confirmation step).
	'GET /admin/kiosks': { url: () => '/admin/kiosks', expect: signedIn },
	'GET /admin/kiosks/new': { url: () => '/admin/kiosks/new', expect: anyManager },
	'POST /admin/kiosks/new': { url: () => '/admin/kiosks/new', expect: anyManager },
	'GET /admin/kiosks/[id]': {
		url: (f) => `/admin/kiosks/${f.own.spareKioskId}`,
		expect: ownReaders
	},
	'POST /admin/kiosks/[id] ?/rename': {
		url: (f) => `/admin/kiosks/${f.own.spareKioskId}`,
		expect: ownManagers
	},
	'POST /admin/kiosks/[id] ?/move': {
		url: (f) => `/admin/kiosks/${f.own.spareKioskId}`,
		expect: ownManagers
	},
	'POST /admin/kiosks/[id] ?/settings': {
		url: (f) => `/admin/kiosks/${f.own.spareKioskId}`,
		expect: ownManagers
	},
	'POST /admin/kiosks/[id] ?/repair': {
		url: (f) => `/admin/kiosks/${f.own.spareKioskId}`,
		expect: ownManagers
	},
	'POST /admin/kiosks/[id] ?/revoke': {
		url: (f) => `/admin/kiosks/${f.own.spareKioskId}`,
		expect: ownManagers
	},
	'POST /admin/kiosks/[id] ?/phoneLink': {
		url: (f) => `/admin/kiosks/${f.own.spareKioskId}`,
		expect: ownManagers
	},
	// Users: administrators only, on a spare viewer (disable and reset ask for their confirmation
	// step, so the empty form changes nothing). Own account: anyone signed in.
	'GET /admin/users': { url: () => '/admin/users', expect: adminOnly },
	'GET /admin/users/new': { url: () => '/admin/users/new', expect: adminOnly },
	'POST /admin/users/new': { url: () => '/admin/users/new', expect: adminOnly },
	'GET /admin/users/[id]': { url: (f) => `/admin/users/${f.own.spareUserId}`, expect: adminOnly },
	'POST /admin/users/[id] ?/update': {
		url: (f) => `/admin/users/${f.own.spareUserId}`,
		expect: adminOnly
	},
	'POST /admin/users/[id] ?/disable': {
		url: (f) => `/admin/users/${f.own.spareUserId}`,
		expect: adminOnly
	},
	'POST /admin/users/[id] ?/enable': {
		url: (f) => `/admin/users/${f.own.spareUserId}`,
		expect: adminOnly
	},
	'POST /admin/users/[id] ?/reset': {
		url: (f) => `/admin/users/${f.own.spareUserId}`,
		expect: adminOnly
	},
	'POST /admin/users/[id] ?/revokeSession': {
		url: (f) => `/admin/users/${f.own.spareUserId}`,
		expect: adminOnly
	},
	'POST /admin/users/[id] ?/revokeSessions': {
		url: (f) => `/admin/users/${f.own.spareUserId}`,
		expect: adminOnly
	},
	// Insight: the dashboard and comments list show each caller their own scope; asking for the own
	// unit is refused to "other" users (403). The stats API answers anonymous callers 401.
	'GET /admin/stats': { url: (f) => `/admin/stats?unit=${f.own.unitId}`, expect: ownReaders },
	'GET /admin/comments': { url: (f) => `/admin/comments?unit=${f.own.unitId}`, expect: ownReaders },
	// Reports: everyone signed in has the page (their own subtree); a form naming the own unit is
	// refused for "other" users (403) and, incomplete, with 400 for the rest.
	'GET /admin/reports': { url: () => '/admin/reports', expect: signedIn },
	'POST /admin/reports ?/preview': {
		url: () => '/admin/reports',
		expect: ownReaders,
		form: { unit: 'CT-TANBINH' }
	},
	'POST /admin/reports ?/generate': {
		url: () => '/admin/reports',
		expect: ownReaders,
		form: { unit: 'CT-TANBINH' }
	},
	'GET /admin/reports/[id]': { url: (f) => `/admin/reports/${f.own.reportId}`, expect: ownReaders },
	// Managers and admins of the unit (and the report's maker) attach the signed copy; the empty
	// form is refused with 400.
	'POST /admin/reports/[id] ?/attach': {
		url: (f) => `/admin/reports/${f.own.reportId}`,
		expect: ownManagers
	},
	'GET /admin/reports/[id]/[kind]': {
		url: (f) => `/admin/reports/${f.own.reportId}/pdf`,
		expect: ownReaders
	},
	// Report schedules and alert thresholds: managers and admins, each in their subtree; a form
	// naming the own unit is refused for "other" managers (403), incomplete with 400 for the rest.
	'GET /admin/reports/schedules': { url: () => '/admin/reports/schedules', expect: anyManager },
	'POST /admin/reports/schedules ?/subscribe': {
		url: () => '/admin/reports/schedules',
		expect: ownManagers,
		form: { unit: 'CT-TANBINH' }
	},
	'POST /admin/reports/schedules ?/unsubscribe': {
		url: () => '/admin/reports/schedules',
		expect: anyManager
	},
	'POST /admin/reports/schedules ?/threshold': {
		url: () => '/admin/reports/schedules',
		expect: ownManagers,
		form: { unit: 'CT-TANBINH' }
	},
	'POST /admin/reports/schedules ?/resetThreshold': {
		url: () => '/admin/reports/schedules',
		expect: ownManagers,
		form: { unit: 'CT-TANBINH' }
	},
	'GET /api/v1/stats': {
		url: (f) => `/api/v1/stats?unit=${f.own.unitId}&from=2026-01-01&to=2026-01-31`,
		expect: { ...ownReaders, anon: 'device' }
	},
	// Exports: the same scope as the figures (a forged unit is 403 before anything is read or
	// written). Jobs are their owner's: another caller's (here a job that does not exist) is 404.
	'GET /api/v1/export': {
		url: (f) =>
			`/api/v1/export?unit=${f.own.unitId}&period=custom&from=2026-01-01&to=2026-01-07&content=summary`,
		expect: { ...ownReaders, anon: 'device' }
	},
	'GET /api/v1/export-jobs/[id]': {
		url: () => '/api/v1/export-jobs/00000000-0000-4000-8000-000000000000',
		expect: { ...everyone('allow'), anon: 'device' }
	},
	'GET /api/v1/export-jobs/[id]/file': {
		url: () => '/api/v1/export-jobs/00000000-0000-4000-8000-000000000000/file',
		expect: { ...everyone('allow'), anon: 'device' }
	},
	'GET /admin/exports': { url: () => '/admin/exports', expect: signedIn },
	'POST /admin/exports ?/retry': { url: () => '/admin/exports', expect: signedIn },
	// API tokens for the stats and export APIs: everyone signed in issues tokens for their own
	// subtree (parseIssue holds role and unit). The empty forms are refused with 400 after the
	// guard (no label; no token to revoke), so nothing is issued or revoked.
	'GET /admin/api-tokens': { url: () => '/admin/api-tokens', expect: signedIn },
	'POST /admin/api-tokens ?/issue': { url: () => '/admin/api-tokens', expect: signedIn },
	'POST /admin/api-tokens ?/revoke': { url: () => '/admin/api-tokens', expect: signedIn },
	// A resident's phone number on request: a search reaches every unit, so administrators only
	// (the empty forms are refused with 400 after the guard).
	'GET /admin/privacy': { url: () => '/admin/privacy', expect: adminOnly },
	'POST /admin/privacy ?/search': { url: () => '/admin/privacy', expect: adminOnly },
	'POST /admin/privacy ?/erase': { url: () => '/admin/privacy', expect: adminOnly },
	// Survey management: everyone signed in lists the shared surveys and those of their scope; any
	// manager creates or imports one inside their scope (the empty forms are refused with 400 after
	// the guard). The own unit's survey is read and exported (its draft) by own users; own managers
	// assign it and end or delete assignments (the empty forms answer 400 after the guard).
	'GET /admin/surveys': { url: () => '/admin/surveys', expect: signedIn },
	'POST /admin/surveys ?/create': { url: () => '/admin/surveys', expect: anyManager },
	'POST /admin/surveys ?/import': { url: () => '/admin/surveys', expect: anyManager },
	'GET /admin/surveys/[id]': { url: (f) => `/admin/surveys/${f.own.surveyId}`, expect: ownReaders },
	'POST /admin/surveys/[id] ?/assign': {
		url: (f) => `/admin/surveys/${f.own.surveyId}`,
		expect: ownManagers
	},
	'POST /admin/surveys/[id] ?/endAssignment': {
		url: (f) => `/admin/surveys/${f.own.surveyId}`,
		expect: ownManagers
	},
	'POST /admin/surveys/[id] ?/deleteAssignment': {
		url: (f) => `/admin/surveys/${f.own.surveyId}`,
		expect: ownManagers
	},
	'GET /admin/surveys/[id]/export': {
		url: (f) => `/admin/surveys/${f.own.surveyId}/export`,
		expect: ownReaders
	},
	// The survey builder: only those who may edit the survey (own managers, admins) open its
	// draft; the empty forms are refused with 400 after the guard (no JSON, no draft to discard).
	'GET /admin/surveys/[id]/draft': {
		url: (f) => `/admin/surveys/${f.own.surveyId}/draft`,
		expect: ownManagers
	},
	'POST /admin/surveys/[id]/draft ?/save': {
		url: (f) => `/admin/surveys/${f.own.surveyId}/draft`,
		expect: ownManagers
	},
	'POST /admin/surveys/[id]/draft ?/publish': {
		url: (f) => `/admin/surveys/${f.own.surveyId}/draft`,
		expect: ownManagers
	},
	'POST /admin/surveys/[id]/draft ?/discard': {
		url: (f) => `/admin/surveys/${f.own.surveyId}/draft`,
		expect: ownManagers
	},
	'GET /admin/account': { url: () => '/admin/account', expect: signedIn },
	'POST /admin/account': { url: () => '/admin/account', expect: signedIn }
};
