import {
	REPORT_BASES,
	REPORT_KINDS,
	ReportPeriodError,
	lastClosedReportPeriod,
	reportPeriod,
	type ReportBasis,
	type ReportKind
} from '../../domain/report-periods';
import { REPORT_TEMPLATES } from '../../domain/report-templates';
import { isIsoDate } from '../../domain/time';
import type { MessageKey } from '../../i18n';
import { field } from '../forms';
import type { ReportTexts, TemplateId } from './document';
import { MAX_SELECTED_COMMENTS } from './comments';
import type { ReportInput } from './index';

/**
 * The report form, read once at the edge. Values come back as typed (strings), so a refused form
 * shows exactly what the user entered, with one message per field.
 */

export const TEXT_LIMITS = {
	issuer: 200,
	number: 60,
	place: 100,
	assessment: 8000,
	proposals: 8000,
	recipients: 2000,
	signerTitle: 200,
	signerName: 100
} as const;
type TextField = keyof typeof TEXT_LIMITS;
const REQUIRED: TextField[] = ['number', 'place', 'signerTitle', 'signerName'];

export type ReportField =
	'template' | 'unit' | 'basis' | 'kind' | 'year' | 'index' | 'date' | TextField;

export interface ReportValues {
	template: string;
	unit: string;
	basis: string;
	kind: string;
	year: string;
	index: string;
	date: string;
	issuer: string;
	number: string;
	place: string;
	assessment: string;
	proposals: string;
	recipients: string;
	signerTitle: string;
	signerName: string;
	comments: string[];
}

export type ReportErrors = Partial<Record<ReportField, { key: MessageKey; max?: number }>>;

/** The form as first shown: the last Decree 09 quarter closed, dated today. */
export function defaultValues(unitId: string, issuer: string, today: string): ReportValues {
	const p = lastClosedReportPeriod('cutoff', 'quarter', today);
	return {
		template: 'results',
		unit: unitId,
		basis: 'cutoff',
		kind: 'quarter',
		year: String(p.year),
		index: String(p.index),
		date: today,
		issuer,
		number: '',
		place: '',
		assessment: '',
		proposals: '',
		recipients: '',
		signerTitle: '',
		signerName: '',
		comments: []
	};
}

export function readValues(form: FormData): ReportValues {
	const text = (name: string, max: number) =>
		field(form, name)
			.normalize('NFC')
			.slice(0, max + 1);
	return {
		template: text('template', 40).trim(),
		unit: text('unit', 100).trim(),
		basis: text('basis', 20).trim(),
		kind: text('kind', 20).trim(),
		year: text('year', 10).trim(),
		index: text('index', 10).trim(),
		date: text('date', 20).trim(),
		issuer: text('issuer', TEXT_LIMITS.issuer).trim(),
		number: text('number', TEXT_LIMITS.number).trim(),
		place: text('place', TEXT_LIMITS.place).trim(),
		assessment: text('assessment', TEXT_LIMITS.assessment).trim(),
		proposals: text('proposals', TEXT_LIMITS.proposals).trim(),
		recipients: text('recipients', TEXT_LIMITS.recipients).trim(),
		signerTitle: text('signerTitle', TEXT_LIMITS.signerTitle).trim(),
		signerName: text('signerName', TEXT_LIMITS.signerName).trim(),
		comments: form
			.getAll('comment')
			.filter((c): c is string => typeof c === 'string')
			.map((c) => c.slice(0, 64))
			.slice(0, MAX_SELECTED_COMMENTS)
	};
}

/** The period part alone: what the comments offered and the preview depend on. */
export function parsePeriod(v: ReportValues, errors: ReportErrors) {
	if (!(REPORT_BASES as readonly string[]).includes(v.basis)) {
		errors.basis = { key: 'admin.reports.err.period' };
	}
	if (!(REPORT_KINDS as readonly string[]).includes(v.kind)) {
		errors.kind = { key: 'admin.reports.err.period' };
	}
	const year = /^\d{4}$/.test(v.year) ? Number(v.year) : NaN;
	const index = /^\d{1,2}$/.test(v.index) ? Number(v.index) : undefined;
	if (errors.basis || errors.kind) return null;
	try {
		return reportPeriod({
			basis: v.basis as ReportBasis,
			kind: v.kind as ReportKind,
			year,
			index
		});
	} catch (e) {
		if (!(e instanceof ReportPeriodError)) throw e;
		if (!(year >= 2000 && year <= 2100)) errors.year = { key: 'admin.reports.err.period' };
		else errors.index = { key: 'admin.reports.err.period' };
		return null;
	}
}

/** Everything but the unit's access, which the action checks through the guard. */
export function parse(
	v: ReportValues
): { ok: true; input: ReportInput } | { ok: false; errors: ReportErrors } {
	const errors: ReportErrors = {};
	if (!(REPORT_TEMPLATES as readonly string[]).includes(v.template)) {
		errors.template = { key: 'admin.reports.err.template' };
	}
	if (!v.unit) errors.unit = { key: 'admin.reports.err.unit' };
	const period = parsePeriod(v, errors);
	if (!isIsoDate(v.date)) errors.date = { key: 'admin.reports.err.date' };
	for (const [name, max] of Object.entries(TEXT_LIMITS) as [TextField, number][]) {
		if (v[name].length > max) errors[name] = { key: 'admin.reports.err.too_long', max };
		else if (REQUIRED.includes(name) && v[name] === '') {
			errors[name] = { key: 'admin.reports.err.required' };
		}
	}
	if (!period || Object.keys(errors).length > 0) return { ok: false, errors };
	const texts: ReportTexts = {
		issuer: v.issuer,
		number: v.number,
		place: v.place,
		date: v.date,
		assessment: v.assessment,
		proposals: v.proposals,
		recipients: v.recipients,
		signerTitle: v.signerTitle,
		signerName: v.signerName
	};
	return {
		ok: true,
		input: {
			template: v.template as TemplateId,
			unitId: v.unit,
			period: { basis: period.basis, kind: period.kind, year: period.year, index: period.index },
			texts,
			commentIds: v.comments
		}
	};
}
