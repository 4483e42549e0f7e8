import { formatPercent } from '../../domain/metrics';
import { formatVietnameseDate } from '../../domain/report-periods';
import type { Block, ReportDocument, ReportTexts } from './document';
import { column, frame, lines, ordinalColumn, points, rateCell, t, tableOf } from './document';
import type { ReportFigures, UnitRow, YearFigures, YearRow } from './figures';

/**
 * Template 2, the report on the "Dân vận khéo" model "Lấy ý kiến người dân tại bộ phận tiếp
 * nhận và trả kết quả" across the units of the scope: which maintain it in the period (a kiosk or
 * QR link in service and answers received), residents consulted, the satisfaction rate and its
 * change, unhappy residents contacted and resolved, and the best and weakest units among those
 * with enough answers.
 */

const BEST = 3;

function maintains(u: UnitRow): boolean {
	return u.hasDevice && u.responses > 0;
}

const yesNo = (yes: boolean) => t(yes ? 'report.doc.yes' : 'report.doc.no');

function names(rows: UnitRow[]): string {
	return rows.map((u) => `${u.name} (${formatPercent(u.rate ?? 0, 'vi')})`).join('; ');
}

export function danVanReport(f: ReportFigures, texts: ReportTexts): ReportDocument {
	const blocks: Block[] = [];
	const add = (b: Block) => blocks.push(b);
	const units = f.units.filter((u) => !u.own);
	const keeping = units.filter(maintains);

	add({ kind: 'heading', text: t('report.doc.d1') });
	add({
		kind: 'paragraph',
		text: t('report.doc.d1_text', { n: keeping.length, total: units.length })
	});
	if (units.length > 0) {
		add(
			tableOf(
				t('report.doc.table_model'),
				[
					ordinalColumn(0.08),
					column<UnitRow>(t('report.doc.col_unit'), 0.36, 'left', (u) => u.name),
					column<UnitRow>(t('report.doc.col_device'), 0.18, 'center', (u) => yesNo(u.hasDevice)),
					column<UnitRow>(t('report.doc.col_answers'), 0.18, 'right', (u) => String(u.responses)),
					column<UnitRow>(t('report.doc.col_keeps'), 0.2, 'center', (u) => yesNo(maintains(u)))
				],
				units
			)
		);
	}

	add({ kind: 'heading', text: t('report.doc.d2') });
	add({
		kind: 'paragraph',
		text: t('report.doc.d2_text', {
			responses: f.total.responses,
			rate: rateCell(f.total),
			n: f.total.n,
			previous: points(f.total.change.previous),
			last_year: points(f.total.change.lastYear)
		})
	});
	add({
		kind: 'paragraph',
		text: t('report.doc.d2_cases', {
			received: f.cases.received,
			contacted: f.cases.contacted,
			resolved: f.cases.resolvedOnTime + f.cases.resolvedLate,
			open: f.cases.open,
			as_of: formatVietnameseDate(f.asOf)
		})
	});

	// Only units with enough answers are named, best first (their rank) and weakest last.
	const ranked = units.filter((u) => u.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
	add({ kind: 'heading', text: t('report.doc.d3') });
	if (ranked.length === 0) {
		add({ kind: 'paragraph', text: t('report.doc.d3_none', { min: f.minimumN }) });
	} else {
		const best = ranked.slice(0, BEST);
		const weakest = ranked.slice(Math.max(best.length, ranked.length - BEST)).reverse();
		add({ kind: 'paragraph', text: t('report.doc.d3_best', { list: names(best) }) });
		if (weakest.length > 0) {
			add({ kind: 'paragraph', text: t('report.doc.d3_weakest', { list: names(weakest) }) });
		}
		add({ kind: 'paragraph', italic: true, text: t('report.doc.d3_note', { min: f.minimumN }) });
	}

	add({ kind: 'heading', text: t('report.doc.d4') });
	add({ kind: 'subheading', text: t('report.doc.s5_assessment') });
	for (const l of lines(texts.assessment)) add({ kind: 'paragraph', text: l });
	add({ kind: 'subheading', text: t('report.doc.s5_proposals') });
	for (const l of lines(texts.proposals)) add({ kind: 'paragraph', text: l });

	const doc = frame(f, texts, t('report.doc.title'), t('report.doc.title_dan_van'), blocks);
	if (f.year) doc.annex = yearAnnex(f, f.year);
	return doc;
}

/**
 * The yearly annex units send with their "Dân vận" self-assessment in mid December: for each
 * unit below, the reporting months of the year in which residents were consulted (the model kept
 * up month after month), the answers and the satisfaction rate over the year, and the unhappy
 * residents' cases received and resolved. Facts only: the scoring grid is the province's.
 */
function yearAnnex(f: ReportFigures, y: YearFigures): NonNullable<ReportDocument['annex']> {
	const byUnit = new Map(f.units.map((u) => [u.unitId, u]));
	const blocks: Block[] = [];
	const full = y.rows.filter((r) => r.months.filter((m) => m > 0).length >= y.monthsBegun);
	blocks.push({
		kind: 'paragraph',
		text: t('report.doc.y_text', {
			full: full.length,
			total: y.rows.length,
			begun: y.monthsBegun,
			as_of: formatVietnameseDate(f.asOf)
		})
	});
	const sum = (pick: (r: YearRow) => number) => y.rows.reduce((acc, r) => acc + pick(r), 0);
	const missing = (months: number[]) => {
		const gaps = months
			.slice(0, y.monthsBegun)
			.map((m, i) => (m === 0 ? `T${i + 1}` : ''))
			.filter(Boolean);
		return gaps.length === 0 ? '—' : gaps.join(', ');
	};
	const answers = (r: YearRow) => r.months.reduce((a, b) => a + b, 0);
	blocks.push(
		tableOf(
			t('report.doc.table_year', { year: y.year }),
			[
				ordinalColumn(0.06),
				column<YearRow>(t('report.doc.col_unit'), 0.22, 'left', (r) => r.name),
				column<YearRow>(
					t('report.doc.col_months'),
					0.11,
					'center',
					(r) => `${r.months.filter((m) => m > 0).length}/${y.monthsBegun}`
				),
				column<YearRow>(t('report.doc.col_gaps'), 0.15, 'left', (r) => missing(r.months)),
				column<YearRow>(t('report.doc.col_answers'), 0.1, 'right', (r) => String(answers(r))),
				column<YearRow>(t('report.doc.col_rate'), 0.14, 'right', (r) => {
					const u = byUnit.get(r.unitId);
					return u ? rateCell(u) : '—';
				}),
				column<YearRow>(t('report.doc.col_cases'), 0.11, 'right', (r) => String(r.casesReceived)),
				column<YearRow>(t('report.doc.col_resolved'), 0.11, 'right', (r) => String(r.casesResolved))
			],
			y.rows,
			[
				'',
				t('report.doc.total'),
				'',
				'',
				String(sum(answers)),
				rateCell(f.total),
				String(sum((r) => r.casesReceived)),
				String(sum((r) => r.casesResolved))
			]
		)
	);
	blocks.push({
		kind: 'paragraph',
		italic: true,
		text: t(y.basis === 'cutoff' ? 'report.doc.y_note_cutoff' : 'report.doc.y_note_calendar', {
			min: f.minimumN
		})
	});
	return {
		title: t('report.doc.title_annex'),
		subtitle: t('report.doc.y_subtitle', { year: y.year }),
		blocks
	};
}
