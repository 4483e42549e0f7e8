import { isPlainText, parseSurveyDefinition, type SurveyDefinition } from './survey';
import { normalizeText } from './text';

/**
 * The file a survey definition travels in between deployments (docs/survey-format.md):
 *
 *   { "format": "ykien-survey", "formatVersion": 1, "exportedAt": "<ISO instant>",
 *     "survey": { "name": "…", "code": "…" }, "version": 3 | null, "definition": { … } }
 *
 * `formatVersion` versions the envelope; the definition carries its own `schemaVersion`. An
 * import is untrusted input from a file anyone can edit: it is size-checked before parsing and
 * the definition goes through the same validation as the builder's drafts.
 */

export const SURVEY_FORMAT = 'ykien-survey';
export const SURVEY_FORMAT_VERSION = 1;
/** Checked on the declared size before the bytes are read, and again on the bytes. */
export const MAX_IMPORT_BYTES = 256 * 1024;
export const MAX_SURVEY_NAME_LENGTH = 200;

export interface SurveyEnvelope {
	format: typeof SURVEY_FORMAT;
	formatVersion: typeof SURVEY_FORMAT_VERSION;
	exportedAt: string;
	survey: { name: string; code: string };
	/** The published version exported, or null for a draft. */
	version: number | null;
	definition: SurveyDefinition | unknown;
}

export function buildEnvelope(input: {
	name: string;
	code: string;
	version: number | null;
	definition: unknown;
	now?: Date;
}): SurveyEnvelope {
	return {
		format: SURVEY_FORMAT,
		formatVersion: SURVEY_FORMAT_VERSION,
		exportedAt: (input.now ?? new Date()).toISOString(),
		survey: { name: input.name, code: input.code },
		version: input.version,
		definition: input.definition
	};
}

// A survey name obeys the labels' rule (isPlainText): it appears in lists, file names, reports.
export { isPlainText };

/** What is wrong with an imported file: the file as a whole, or one field with its path. */
export type ImportProblem =
	| {
			code:
				| 'empty'
				| 'too_large'
				| 'not_utf8'
				| 'not_json'
				| 'not_object'
				| 'wrong_format'
				| 'wrong_format_version';
	  }
	| { code: 'field'; path: string; message: string };

export interface ImportedSurvey {
	name: string;
	/** The code in the file, for the record only: an import always gets a code of its own. */
	code: string | null;
	version: number | null;
	definition: SurveyDefinition;
}

export type ImportResult =
	{ ok: true; value: ImportedSurvey } | { ok: false; problems: ImportProblem[] };

const ENVELOPE_FIELDS = new Set([
	'format',
	'formatVersion',
	'exportedAt',
	'survey',
	'version',
	'definition'
]);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an uploaded file. File-level problems stop at the first one (there is nothing more to
 * say about a file that is not JSON); field problems are all listed, with paths inside the
 * definition as parseSurveyDefinition gives them (e.g. "questions[2].prompt.vi").
 */
export function readEnvelope(bytes: Uint8Array): ImportResult {
	const fail = (problem: ImportProblem): ImportResult => ({ ok: false, problems: [problem] });
	if (bytes.byteLength === 0) return fail({ code: 'empty' });
	if (bytes.byteLength > MAX_IMPORT_BYTES) return fail({ code: 'too_large' });
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return fail({ code: 'not_utf8' });
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return fail({ code: 'not_json' });
	}
	if (!isRecord(data)) return fail({ code: 'not_object' });
	if (data.format !== SURVEY_FORMAT) return fail({ code: 'wrong_format' });
	if (data.formatVersion !== SURVEY_FORMAT_VERSION) return fail({ code: 'wrong_format_version' });

	const problems: ImportProblem[] = [];
	const field = (path: string, message: string) => problems.push({ code: 'field', path, message });
	for (const key of Object.keys(data)) {
		if (!ENVELOPE_FIELDS.has(key)) field(key, 'unknown field');
	}
	if (data.exportedAt !== undefined && typeof data.exportedAt !== 'string') {
		field('exportedAt', 'must be text');
	}

	let name = '';
	let code: string | null = null;
	if (!isRecord(data.survey)) {
		field('survey', 'must be an object with a name');
	} else {
		for (const key of Object.keys(data.survey)) {
			if (key !== 'name' && key !== 'code') field(`survey.${key}`, 'unknown field');
		}
		if (typeof data.survey.name !== 'string') {
			field('survey.name', 'is required');
		} else {
			name = normalizeText(data.survey.name);
			if (name === '') field('survey.name', 'is required');
			else if (!isPlainText(name)) {
				field('survey.name', 'must be plain text (no < or > or control characters)');
			} else if (name.length > MAX_SURVEY_NAME_LENGTH) {
				field('survey.name', `must be at most ${MAX_SURVEY_NAME_LENGTH} characters`);
			}
		}
		if (data.survey.code !== undefined) {
			if (typeof data.survey.code !== 'string' || data.survey.code.length > 60) {
				field('survey.code', 'must be text of at most 60 characters');
			} else {
				code = data.survey.code;
			}
		}
	}

	const version = data.version ?? null;
	if (version !== null && !(Number.isInteger(version) && (version as number) >= 1)) {
		field('version', 'must be null or a whole number from 1');
	}

	let definition: SurveyDefinition | null = null;
	if (data.definition === undefined) {
		field('definition', 'is required');
	} else {
		const parsed = parseSurveyDefinition(data.definition);
		if (parsed.ok) definition = parsed.value;
		else for (const e of parsed.errors) field(e.path || 'definition', e.message);
	}

	if (problems.length > 0 || !definition) return { ok: false, problems };
	return { ok: true, value: { name, code, version: version as number | null, definition } };
}
