import { describe, expect, it } from 'vitest';
import { defaultValues, parse, readValues } from '../../src/lib/server/reports/form';

function formOf(fields: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
	}
	return form;
}

const complete = {
	template: 'results',
	unit: 'unit-1',
	basis: 'cutoff',
	kind: 'quarter',
	year: '2026',
	index: '1',
	date: '2026-12-05',
	issuer: 'Ủy ban nhân dân tỉnh',
	number: 'Số: 12/BC-UBND',
	place: 'Phụng Hiệp',
	assessment: '',
	proposals: '',
	recipients: 'Lưu: VT.',
	signerTitle: 'Chủ tịch',
	signerName: 'Nguyễn Văn Bình'
};

describe('the report form', () => {
	it('opens on the last Decree 09 quarter closed', () => {
		// On 6/12/2026 the fourth cut-off quarter (15/9–14/12) is still running.
		expect(defaultValues('u', 'Tỉnh', '2026-12-06')).toMatchObject({
			basis: 'cutoff',
			kind: 'quarter',
			year: '2026',
			index: '3'
		});
		expect(defaultValues('u', 'Tỉnh', '2026-12-15')).toMatchObject({ year: '2026', index: '4' });
	});

	it('reads a complete form into a report input, texts in NFC and comments in order', () => {
		// "Phụng" typed with a combining dot below (NFD) is stored as the single NFC letter.
		const values = readValues(
			formOf({ ...complete, place: 'Phu\u0323ng Hiệp', comment: ['r-2', 'r-1'] })
		);
		const parsed = parse(values);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.input.period).toEqual({ basis: 'cutoff', kind: 'quarter', year: 2026, index: 1 });
		expect(parsed.input.texts.place).toBe('Phụng Hiệp');
		expect(parsed.input.commentIds).toEqual(['r-2', 'r-1']);
	});

	it('names each problem by its field and keeps what was typed', () => {
		const values = readValues(
			formOf({ ...complete, number: ' ', index: '5', place: 'x'.repeat(101), date: '2026-02-30' })
		);
		const parsed = parse(values);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toEqual({
			number: { key: 'admin.reports.err.required' },
			index: { key: 'admin.reports.err.period' },
			place: { key: 'admin.reports.err.too_long', max: 100 },
			date: { key: 'admin.reports.err.date' }
		});
		expect(values.index).toBe('5');
	});

	it('needs no month or quarter for six months, nine months and the year', () => {
		const parsed = parse(readValues(formOf({ ...complete, kind: 'year', index: '' })));
		expect(parsed.ok && parsed.input.period).toEqual({
			basis: 'cutoff',
			kind: 'year',
			year: 2026,
			index: 1
		});
		const bad = parse(readValues(formOf({ ...complete, kind: 'week', year: '1999' })));
		expect(bad.ok ? null : bad.errors.kind).toEqual({ key: 'admin.reports.err.period' });
	});
});
