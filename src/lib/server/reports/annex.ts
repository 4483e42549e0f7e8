import type { Block, ReportDocument, ReportTexts } from './document';
import { frame, intervalCell, personTable, rateCell, t } from './document';
import type { ReportFigures } from './figures';

/**
 * Template 3, "Phụ lục xếp hạng": counters and officers of the scope ranked by satisfaction
 * rate, each with n and its 95% interval. Under the minimum n the rate reads "chưa đủ dữ liệu",
 * the interval is hidden and there is no rank.
 */
export function rankingAnnex(f: ReportFigures, texts: ReportTexts): ReportDocument {
	const blocks: Block[] = [];
	blocks.push({ kind: 'heading', text: t('report.doc.a1') });
	if (f.counters.length > 0) {
		blocks.push({
			kind: 'table',
			caption: t('report.doc.table_counters'),
			columns: [
				{ header: t('report.doc.col_no'), width: 0.07, align: 'center' },
				{ header: t('report.doc.col_counter'), width: 0.17, align: 'left' },
				{ header: t('report.doc.col_unit'), width: 0.24, align: 'left' },
				{ header: t('report.doc.col_n'), width: 0.09, align: 'right' },
				{ header: t('report.doc.col_rate'), width: 0.15, align: 'right' },
				{ header: t('report.doc.col_interval'), width: 0.17, align: 'center' },
				{ header: t('report.doc.col_rank'), width: 0.11, align: 'center' }
			],
			rows: f.counters.map((c, i) => [
				String(i + 1),
				c.label,
				c.unitName,
				String(c.n),
				rateCell(c),
				intervalCell(c),
				c.rank === null ? '—' : String(c.rank)
			])
		});
	} else blocks.push({ kind: 'paragraph', text: t('report.doc.none_rows') });
	blocks.push({ kind: 'heading', text: t('report.doc.a2') });
	if (f.officers.length > 0) {
		blocks.push(
			personTable(
				t('report.doc.table_annex_officers'),
				t('report.doc.col_officer'),
				f.officers,
				t('report.doc.no_officer')
			)
		);
	} else blocks.push({ kind: 'paragraph', text: t('report.doc.none_rows') });
	blocks.push({
		kind: 'paragraph',
		italic: true,
		text: t('report.doc.note_min', { min: f.minimumN })
	});
	return frame(f, texts, t('report.doc.title_annex'), t('report.doc.annex_subtitle'), blocks);
}
