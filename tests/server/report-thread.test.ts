import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigrated, type Db } from '../../src/lib/server/db/index';
import * as reports from '../../src/lib/server/reports';
import * as users from '../../src/lib/server/users';
import { pdfPages, squash } from './report-text';
import { reportWorld } from './report-world';

// "Lập và lưu báo cáo" makes the figures and files on a report thread with its own connection
// to the database file (reports/worker.ts): what it archives must be exactly what the server's
// thread would have made.

const opened: Db[] = [];
const folders: string[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) await db.destroy();
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const TEXTS: reports.ReportTexts = {
	issuer: 'Ủy ban nhân dân tỉnh Hậu Giang',
	number: 'Số: 7/BC-UBND',
	place: 'Phụng Hiệp',
	date: '2026-12-05',
	assessment: 'Đánh giá chung.',
	proposals: 'Đề xuất.',
	recipients: 'Lưu: VT.',
	signerTitle: 'Chủ tịch',
	signerName: 'Nguyễn Văn Bình'
};

describe('the report thread', () => {
	it('archives the figures and files the server’s thread would make', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ykien-reports-'));
		folders.push(dir);
		const db = await openMigrated(join(dir, 'ykien.db'));
		opened.push(db);
		const w = await reportWorld(db);
		const user = await users.create(db, {
			username: 'bc.thread',
			displayName: 'Người lập',
			role: 'admin',
			password: 'mật-khẩu-dài-đủ-12'
		});
		const actor = { id: user.id, username: user.username, displayName: user.displayName };
		const input: reports.ReportInput = {
			template: 'results',
			unitId: w.d.id,
			period: { basis: 'cutoff', kind: 'quarter', year: 2026, index: 1 },
			texts: TEXTS,
			commentIds: []
		};
		const opts = { asOf: '2026-12-05', reasonLabels: {} };
		const id = await reports.generate(db, input, actor, opts);
		const archived = await reports.archive.byId(db, id);
		const { figures } = await reports.compose(db, input, opts);
		expect(archived!.figures).toEqual(figures);
		expect(archived!.figures.total.n).toBe(87);
		expect(archived!.files.map((f) => f.kind).sort()).toEqual(['docx', 'pdf']);
		const pdf = await reports.archive.file(db, id, 'pdf');
		expect(pdf!.name).toBe('bao-cao-PH-2026-Q1-ND09.pdf');
		const text = pdfPages(pdf!.content).join(' ');
		expect(text).toContain(squash('(Từ ngày 15/12/2025 đến ngày 14/03/2026)'));
		expect(text).toContain('trên 87 ý kiến có đánh giá');
		expect((await reports.reopen(db, id, {}))!.differs).toBe(false);
	});
});
