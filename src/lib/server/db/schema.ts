// Over 300 lines: one row type per table, and the tables belong together as Kysely's Database.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Row types in camelCase; CamelCasePlugin maps them to the snake_case columns of the migrations.
// Timestamps are ISO-8601 UTC text, dates 'YYYY-MM-DD', booleans 0/1 (portable to PostgreSQL).

export type Role = 'admin' | 'manager' | 'viewer';
export type Channel = 'kiosk' | 'web';
export type CaseStatus = 'new' | 'contacted' | 'resolved';

export interface UnitsTable {
	id: string;
	parentId: string | null;
	code: string;
	name: string;
	searchText: string;
	kind: string;
	validFrom: string | null;
	validTo: string | null;
	successorId: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface UnitClosureTable {
	ancestorId: string;
	descendantId: string;
	depth: number;
}

export interface CountersTable {
	id: string;
	unitId: string;
	number: number;
	name: string;
	active: Generated<number>;
	createdAt: string;
	updatedAt: string;
}

export interface OfficersTable {
	id: string;
	unitId: string;
	counterId: string | null;
	fullName: string;
	searchText: string;
	title: string;
	photoMime: string | null;
	photo: Uint8Array | null;
	active: Generated<number>;
	createdAt: string;
	updatedAt: string;
}

export interface ProcedureFieldsTable {
	id: string;
	code: string;
	nameVi: string;
	nameEn: string | null;
	active: Generated<number>;
}

export interface KiosksTable {
	id: string;
	unitId: string;
	counterId: string | null;
	name: string;
	tokenHash: string | null;
	pairingCodeHash: string | null;
	pairingExpiresAt: string | null;
	settings: string;
	lastSeenAt: string | null;
	lastSubmissionAt: string | null;
	queueLength: number | null;
	appVersion: string | null;
	pairedAt: string | null;
	revokedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface UsersTable {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	unitId: string | null;
	passwordHash: string;
	locale: Generated<string>;
	disabledAt: string | null;
	passwordChangedAt: string;
	createdAt: string;
	updatedAt: string;
}

export interface SessionsTable {
	id: string;
	userId: string;
	createdAt: string;
	lastActiveAt: string;
	expiresAt: string;
	ip: string | null;
	userAgent: string | null;
}

export interface LoginThrottleTable {
	key: string;
	failures: number;
	firstFailureAt: string;
	lockedUntil: string | null;
}

export interface ApiTokensTable {
	id: string;
	name: string;
	tokenHash: string;
	role: Role;
	unitId: string | null;
	createdBy: string | null;
	createdAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
}

export interface SurveysTable {
	id: string;
	code: string;
	name: string;
	template: string | null;
	ownerUnitId: string | null;
	draft: string | null;
	archivedAt: string | null;
	createdBy: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface SurveyVersionsTable {
	id: string;
	surveyId: string;
	version: number;
	definition: string;
	publishedAt: string;
	publishedBy: string | null;
}

export interface SurveyAssignmentsTable {
	id: string;
	surveyId: string;
	unitId: string;
	channel: Channel;
	validFrom: string;
	validTo: string | null;
	createdAt: string;
}

export interface ResponsesTable {
	id: string;
	surveyVersionId: string;
	unitId: string;
	counterId: string | null;
	officerId: string | null;
	procedureFieldId: string | null;
	kioskId: string | null;
	channel: Channel;
	startedAt: string | null;
	submittedAt: string;
	receivedAt: string;
	durationMs: number | null;
	localDate: string;
	localHour: number;
	weekday: number;
	mainLevel: number | null;
	mainLevels: number | null;
	satisfied: number | null;
	flagBurst: Generated<number>;
	flagOutOfHours: Generated<number>;
	locale: string | null;
}

export interface ResponseAnswersTable {
	responseId: string;
	questionKey: string;
	seq: number;
	valueInt: number | null;
	valueText: string | null;
	/** A free-text answer folded for search (domain/survey answerSearchText); else null. */
	searchText: string | null;
}

export interface FollowUpCasesTable {
	id: string;
	responseId: string;
	unitId: string;
	phone: string | null;
	consentAt: string | null;
	phoneEraseAfter: string | null;
	status: CaseStatus;
	deadline: string;
	assignedTo: string | null;
	createdAt: string;
	updatedAt: string;
	resolvedAt: string | null;
}

export interface FollowUpNotesTable {
	id: string;
	caseId: string;
	userId: string | null;
	body: string;
	statusTo: CaseStatus | null;
	/** A deadline change: the dates, and who moved it (a leader by hand, or the calendar). */
	deadlineFrom: string | null;
	deadlineTo: string | null;
	deadlineReason: 'hand' | 'calendar' | null;
	createdAt: string;
}

export interface AuditLogTable {
	id: string;
	at: string;
	userId: string | null;
	username: string | null;
	action: string;
	targetType: string | null;
	targetId: string | null;
	detail: string | null;
	ip: string | null;
	requestId: string | null;
}

export interface WebLinksTable {
	code: string;
	unitId: string;
	counterId: string | null;
	repeatWindowHours: Generated<number>;
	createdAt: string;
	revokedAt: string | null;
}

export interface WebAnswerMarksTable {
	linkCode: string;
	surveyId: string;
	browserKey: string;
	answeredAt: string;
}

export interface WebHeldRatingsTable {
	id: string;
	linkCode: string;
	surveyVersionId: string;
	rating: number;
	browserKey: string;
	locale: string;
	startedAt: string | null;
	ratedAt: string;
	/** JSON answers of the follow-up pages sent so far, keyed by question; null before any. */
	answers: string | null;
}

export interface CalendarDaysTable {
	/** 'YYYY-MM-DD' */
	date: string;
	kind: 'off' | 'work';
	name: string;
	createdBy: string | null;
	createdAt: string;
}

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJobsTable {
	id: string;
	userId: string | null;
	tokenId: string | null;
	username: string | null;
	role: Role;
	scopeUnitId: string | null;
	format: 'xlsx' | 'csv';
	content: 'summary' | 'responses' | 'comments' | 'cases';
	/** The query string asked with (URLSearchParams text). */
	params: string;
	/** JSON: the scope and filters as resolved when asked (exports/describe.ts). */
	scope: string;
	status: ExportStatus;
	rowsDone: Generated<number>;
	rowsTotal: Generated<number>;
	bytes: number | null;
	fileName: string | null;
	error: string | null;
	attempts: Generated<number>;
	claimedBy: string | null;
	heartbeatAt: string | null;
	createdAt: string;
	startedAt: string | null;
	finishedAt: string | null;
	/** When the housekeeping deleted the file (kept 7 days). */
	purgedAt: string | null;
}

export interface ReportsTable {
	id: string;
	template: string;
	unitId: string;
	basis: string;
	kind: string;
	year: number;
	periodIndex: number;
	periodFrom: string;
	periodTo: string;
	/** JSON: the free texts (reports/document.ts ReportTexts). */
	texts: string;
	/** JSON: the response ids of the comments chosen for section IV. */
	commentIds: string;
	/** JSON: the figures the report was made with (reports/figures.ts ReportFigures). */
	figures: string;
	createdBy: string | null;
	createdByName: string;
	createdAt: string;
}

export interface ReportFilesTable {
	reportId: string;
	/** 'pdf' | 'docx' (generated), 'signed' (the signed copy, uploaded). */
	kind: string;
	name: string;
	mime: string;
	size: number;
	sha256: string;
	content: Uint8Array;
	createdAt: string;
}

/** Background work run exactly once (server/jobs.ts). */
export interface JobsTable {
	id: string;
	/** The idempotency key: one row per key, ever. */
	key: string;
	kind: string;
	/** JSON, the job's input. */
	payload: string;
	status: 'queued' | 'running' | 'done' | 'failed';
	attempts: Generated<number>;
	claimedBy: string | null;
	leaseUntil: string | null;
	runAfter: string;
	/** JSON, what the job made (a report id). */
	result: string | null;
	error: string | null;
	createdAt: string;
	startedAt: string | null;
	finishedAt: string | null;
}

export interface ReportSubscriptionsTable {
	id: string;
	userId: string;
	email: string | null;
	template: string;
	unitId: string;
	basis: string;
	kind: string;
	createdBy: string | null;
	createdAt: string;
}

export interface SentEmailsTable {
	jobKey: string;
	recipient: string;
	status: 'sending' | 'sent' | 'failed';
	subject: string;
	error: string | null;
	attempts: Generated<number>;
	updatedAt: string;
}

export interface AlertThresholdsTable {
	unitId: string;
	minAnswers: number;
	unhappyPercent: number;
	windowMinutes: number;
	/** One address per line. */
	emails: Generated<string>;
	updatedBy: string | null;
	updatedAt: string;
}

export interface UnitAlertsTable {
	id: string;
	unitId: string;
	windowFrom: string;
	windowTo: string;
	answers: number;
	unhappy: number;
	createdAt: string;
}

export interface AppMetaTable {
	key: string;
	value: string;
}

export interface Database {
	units: UnitsTable;
	unitClosure: UnitClosureTable;
	counters: CountersTable;
	officers: OfficersTable;
	procedureFields: ProcedureFieldsTable;
	kiosks: KiosksTable;
	users: UsersTable;
	sessions: SessionsTable;
	loginThrottle: LoginThrottleTable;
	apiTokens: ApiTokensTable;
	surveys: SurveysTable;
	surveyVersions: SurveyVersionsTable;
	surveyAssignments: SurveyAssignmentsTable;
	responses: ResponsesTable;
	responseAnswers: ResponseAnswersTable;
	followUpCases: FollowUpCasesTable;
	followUpNotes: FollowUpNotesTable;
	auditLog: AuditLogTable;
	appMeta: AppMetaTable;
	webLinks: WebLinksTable;
	webAnswerMarks: WebAnswerMarksTable;
	webHeldRatings: WebHeldRatingsTable;
	calendarDays: CalendarDaysTable;
	exportJobs: ExportJobsTable;
	reports: ReportsTable;
	reportFiles: ReportFilesTable;
	jobs: JobsTable;
	reportSubscriptions: ReportSubscriptionsTable;
	sentEmails: SentEmailsTable;
	alertThresholds: AlertThresholdsTable;
	unitAlerts: UnitAlertsTable;
}

export type Unit = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type Kiosk = Selectable<KiosksTable>;
export type Response = Selectable<ResponsesTable>;
