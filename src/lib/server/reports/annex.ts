import type { Block, ReportDocument, ReportTexts } from './document';
import {
	column,
	frame,
	intervalColumn,
	nColumn,
	ordinalColumn,
	personTable,
	rankColumn,
	rateColumn,
	t,
	tableOf,
	tableOrNone
} from './document';
import type { CounterRow, ReportFigures } from './figures';

/**
 * Template 3, "Phụ lục xếp hạng": counters and officers of the scope ranked by satisfaction
 * rate, each with n and its 95% interval. Under the minimum n the rate reads "chưa đủ dữ liệu",
 * the interval is hidden and there is no rank.
 */
export function rankingAnnex(f: ReportFigures, texts: ReportTexts): ReportDocument {
	const blocks: Block[] = [];
	blocks.push({ kind: 'heading', text: t('report.doc.a1') });
	blocks.push(
		tableOrNone(
			tableOf(
				t('report.doc.table_counters'),
				[
					ordinalColumn(0.07),
					column<CounterRow>(t('report.doc.col_counter'), 0.17, 'left', (c) => c.label),
					column<CounterRow>(t('report.doc.col_unit'), 0.24, 'left', (c) => c.unitName),
					nColumn(0.09),
					rateColumn(0.15),
					intervalColumn(0.17),
					rankColumn(0.11)
				],
				f.counters
			)
		)
	);
	blocks.push({ kind: 'heading', text: t('report.doc.a2') });
	blocks.push(
		tableOrNone(
			personTable(
				t('report.doc.table_annex_officers'),
				t('report.doc.col_officer'),
				f.officers,
				t('report.doc.no_officer')
			)
		)
	);
	blocks.push({
		kind: 'paragraph',
		italic: true,
		text: t('report.doc.note_min', { min: f.minimumN })
	});
	return frame(f, texts, t('report.doc.title_annex'), t('report.doc.annex_subtitle'), blocks);
}
