import type { Insertable, Selectable } from 'kysely';
import type {
	FollowUpCasesTable,
	FollowUpNotesTable,
	ResponseAnswersTable,
	ResponsesTable
} from '../db/schema';
import type { KioskSettings } from '../../domain/kiosk-settings';
import type { Answers, SurveyDefinition } from '../../domain/survey';
import type { DemoPlace } from './places';
import type { DemoCounter } from './staff';

/** The shapes that the day generator, the answers and the follow-up cases pass around. */

export interface DemoSurvey {
	versionId: string;
	def: SurveyDefinition;
}

export interface DemoUnit {
	id: string;
	place: DemoPlace;
	counters: DemoCounter[];
	settings: KioskSettings;
	/** What residents answer on their phones here: the desk survey, or SIPAS after the merger. */
	web: 'desk' | 'sipas';
}

export interface DayContext {
	/** Last date of the run: follow-up cases are only as far along as that day allows. */
	until: string;
	scale: number;
	fieldIds: Map<string, string>;
	desk: DemoSurvey;
	sipas: DemoSurvey;
}

export interface DayRows {
	/** Complete rows (every column set), as the statistics summaries read them back. */
	responses: Selectable<ResponsesTable>[];
	answers: Insertable<ResponseAnswersTable>[];
	cases: Insertable<FollowUpCasesTable>[];
	notes: Insertable<FollowUpNotesTable>[];
}

export function emptyRows(): DayRows {
	return { responses: [], answers: [], cases: [], notes: [] };
}

/** One response while it is being drawn. */
export interface Draft {
	id: string;
	counter: DemoCounter | null;
	/** The officer the resident would name, if they answer that question. */
	officerId: string | null;
	/** Procedure field code, known to the generator even when the resident skips the question. */
	field: string;
	fieldId: string | null;
	kiosk: boolean;
	submittedMs: number;
	durationMs: number;
	/** A child or a bored officer tapping the top of the screen: the main answer only. */
	tap: boolean;
	survey: DemoSurvey;
	level: number;
	answers: Answers;
	phone: string | null;
	locale: string;
}
