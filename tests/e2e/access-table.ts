// The access matrix: every page, form action and endpoint against every kind of caller.
// 'allow'  the guard lets the caller through (a page answers 200; an action answers anything but
//          401/403/a redirect to the login page, e.g. 400 for the empty form the test sends)
// 'deny'   403 (401 for API endpoints)
// 'login'  redirected to the login page (anonymous caller on a protected page)
// 'device' the endpoint is for paired kiosks: without a device token everyone gets 401
export type Who = 'anon' | 'viewerOther' | 'managerOther' | 'viewerOwn' | 'managerOwn' | 'admin';
export type Expectation = 'allow' | 'deny' | 'login' | 'device';

export interface Fixtures {
	own: { unitId: string; counterId: string; kioskId: string; officerId: string; caseId: string | null };
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

export const ACCESS: Record<string, Entry> = {
	'GET /': { url: () => '/', expect: everyone('allow') },
	'GET /login': { url: () => '/login', expect: { ...everyone('allow') } },
	'POST /login': { url: () => '/login', expect: everyone('allow') },
	'POST /logout': { url: () => '/logout', expect: everyone('allow') },
	'GET /lang': { url: () => '/lang', expect: everyone('allow') },
	'POST /lang': { url: () => '/lang', expect: everyone('allow'), form: { lang: 'vi', back: '/' } },
	'GET /healthz': { url: () => '/healthz', expect: everyone('allow') },
	'GET /kiosk': { url: () => '/kiosk', expect: everyone('allow') },
	'POST /api/v1/kiosk/pair': { url: () => '/api/v1/kiosk/pair', expect: everyone('allow'), json: { code: 'ZZZZ-ZZZZ' } },
	'GET /api/v1/kiosk/config': { url: () => '/api/v1/kiosk/config', expect: everyone('device') },
	'POST /api/v1/kiosk/heartbeat': { url: () => '/api/v1/kiosk/heartbeat', expect: everyone('device'), json: {} },
	'POST /api/v1/responses': { url: () => '/api/v1/responses', expect: everyone('device'), json: {} },
	'GET /admin': { url: () => '/admin', expect: signedIn },
	'GET /admin/units': { url: () => '/admin/units', expect: signedIn },
	'GET /admin/audit': { url: () => '/admin/audit', expect: adminOnly }
};
