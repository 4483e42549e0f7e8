import { formatPercent } from '../../domain/metrics';
import { formatVietnameseDate } from '../../domain/report-periods';
import type { Block, ReportDocument, ReportTexts } from './document';
import { frame, lines, points, rateCell, t } from './document';
import type { ReportFigures, UnitRow } from './figures';

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
		add({
			kind: 'table',
			caption: t('report.doc.table_model'),
			columns: [
				{ header: t('report.doc.col_no'), width: 0.08, align: 'center' },
				{ header: t('report.doc.col_unit'), width: 0.36, align: 'left' },
				{ header: t('report.doc.col_device'), width: 0.18, align: 'center' },
				{ header: t('report.doc.col_answers'), width: 0.18, align: 'right' },
				{ header: t('report.doc.col_keeps'), width: 0.2, align: 'center' }
			],
			rows: units.map((u, i) => [
				String(i + 1),
				u.name,
				t(u.hasDevice ? 'report.doc.yes' : 'report.doc.no'),
				String(u.responses),
				t(maintains(u) ? 'report.doc.yes' : 'report.doc.no')
			])
		});
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

	return frame(f, texts, t('report.doc.title'), t('report.doc.title_dan_van'), blocks);
}
