import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index';
import * as alerts from '../../src/lib/server/jobs/alerts';
import * as queue from '../../src/lib/server/jobs/queue';
import { Ticker } from '../../src/lib/server/jobs/runner';
import { SCHEDULED_BY } from '../../src/lib/server/jobs/report-job';
import { mailerFrom, redactSmtpUrl } from '../../src/lib/server/mail';
import * as users from '../../src/lib/server/users';
import { testDb } from './helpers';
import { reportWorld } from './report-world';
import { addSurvey, insertResponses, type ResponseSpec } from './stats-world';

// E-mail against an SMTP server started here (smtp-server), with a password in the URL.

interface Received {
	to: string[];
	raw: string;
}

let server: SMTPServer;
let port = 0;
const received: Received[] = [];
const SECRET = 'pa55-w0rd-secret';

beforeAll(async () => {
	server = new SMTPServer({
		authOptional: false,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(auth, _session, cb) {
			if (auth.username === 'mailer' && auth.password === SECRET) cb(null, { user: 'mailer' });
			else cb(new Error('Invalid username or password'));
		},
		onData(stream, session, cb) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				cb();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.server.address() as { port: number }).port;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

const smtpUrl = (password = SECRET) => `smtp://mailer:${password}@127.0.0.1:${port}`;

/** A header's value with RFC 2047 encoded words decoded and folded lines joined. */
function header(raw: string, name: string): string {
	const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
	const line = head
		.split(/\r?\n/)
		.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
	const value = (line ?? '').slice(name.length + 1).trim();
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
			enc.toLowerCase() === 'b'
				? Buffer.from(text, 'base64').toString('utf8')
				: Buffer.from(
						text
							.replace(/_/g, ' ')
							.replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
						'latin1'
					).toString('utf8')
		);
}

/** The base64 body of the MIME part whose type is `type`. */
function part(raw: string, type: string): Buffer | null {
	const parts = raw.split(/\r?\n--/);
	const found = parts.find((p) => p.toLowerCase().includes(`content-type: ${type}`));
	if (!found) return null;
	const body = found
		.split(/\r?\n\r?\n/)
		.slice(1)
		.join('\n');
	return Buffer.from(body.replace(/--\s*$/, '').replace(/\s+/g, ''), 'base64');
}

function pdfText(pdf: Buffer): string {
	const dir = mkdtempSync(join(tmpdir(), 'sched-mail-'));
	writeFileSync(join(dir, 'r.pdf'), pdf);
	return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
}

async function subscribe(db: Db, unitId: string, email: string | null, username: string) {
	const u = await users.create(db, {
		username,
		role: 'manager',
		unitId,
		password: 'x-long-password-1'
	});
	await db
		.insertInto('reportSubscriptions')
		.values({
			id: `sub-${username}`,
			userId: u.id,
			email,
			template: 'results',
			unitId,
			basis: 'cutoff',
			kind: 'quarter',
			createdBy: u.id,
			createdAt: '2026-03-01T00:00:00.000Z'
		})
		.execute();
	return u;
}

const LABELS = async () => ({});

async function adminOf(db: Db): Promise<SessionUser> {
	const u = await users.create(db, {
		username: 'quantri',
		role: 'admin',
		password: 'x-long-password-1'
	});
	return {
		id: u.id,
		username: u.username,
		displayName: u.displayName,
		role: 'admin',
		unitId: null
	};
}

describe('scheduled report by e-mail', () => {
	it('archives the report once and e-mails its PDF once to each subscriber, across restarts', async () => {
		received.length = 0;
		const db = await testDb();
		const w = await reportWorld(db);
		await subscribe(db, w.d.id, 'lanh.dao@phunghiep.gov.vn', 'lanhdao');
		await subscribe(db, w.d.id, 'van.phong@phunghiep.gov.vn', 'vanphong');
		await subscribe(db, w.d.id, null, 'chixem');
		const mailer = mailerFrom(smtpUrl());
		// 07:00 on Monday 16/3/2026, the first working day after the Decree 09 Q1 closed (14/3).
		const now = new Date('2026-03-16T00:00:30.000Z');
		const first = new Ticker(db, { mailer, reasonLabels: LABELS });
		const outcome = await first.tick(now);
		expect(outcome.ran.filter((r) => r.kind === 'report')).toEqual([
			{
				key: expect.stringMatching(/^report:results:.*:cutoff:quarter:2026-1$/),
				kind: 'report',
				ok: true
			}
		]);
		const archived = await db
			.selectFrom('reports')
			.select(['id', 'createdByName', 'periodFrom', 'periodTo'])
			.execute();
		expect(archived).toHaveLength(1);
		expect(archived[0]).toMatchObject({
			createdByName: SCHEDULED_BY,
			periodFrom: '2025-12-15',
			periodTo: '2026-03-14'
		});

		expect(received.map((r) => r.to).sort()).toEqual([
			['lanh.dao@phunghiep.gov.vn'],
			['van.phong@phunghiep.gov.vn']
		]);
		const subject = header(received[0].raw, 'Subject');
		expect(subject).toBe(
			'Báo cáo định kỳ: Kết quả lấy ý kiến người dân về sự phục vụ tại bộ phận tiếp nhận và trả kết quả - Huyện Phụng Hiệp (15/12/2025 - 14/03/2026)'
		);
		const pdf = part(received[0].raw, 'application/pdf');
		expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
		const text = pdfText(pdf!);
		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('Từ ngày 15/12/2025 đến ngày 14/03/2026');
		const sent = await db
			.selectFrom('sentEmails')
			.select(['recipient', 'status'])
			.orderBy('recipient')
			.execute();
		expect(sent).toEqual([
			{ recipient: 'lanh.dao@phunghiep.gov.vn', status: 'sent' },
			{ recipient: 'van.phong@phunghiep.gov.vn', status: 'sent' }
		]);

		// A restarted server (a new ticker) an hour later: nothing made or sent again.
		const second = new Ticker(db, { mailer, reasonLabels: LABELS });
		const again = await second.tick(new Date('2026-03-16T01:00:00.000Z'));
		expect(again.ran.filter((r) => r.kind === 'report')).toEqual([]);
		expect(await db.selectFrom('reports').select('id').execute()).toHaveLength(1);
		expect(received).toHaveLength(2);
	}, 60_000);

	it('resumes a report job whose process died mid-run: one report, the missing e-mail only', async () => {
		received.length = 0;
		const db = await testDb();
		const w = await reportWorld(db);
		await subscribe(db, w.d.id, 'a@phunghiep.gov.vn', 'nguoia');
		await subscribe(db, w.d.id, 'b@phunghiep.gov.vn', 'nguoib');
		const mailer = mailerFrom(smtpUrl());
		const now = new Date('2026-03-16T00:00:30.000Z');
		// The first process archived the report and sent to a@ before dying (its lease was taken).
		const ticker = new Ticker(db, { mailer, reasonLabels: LABELS });
		await ticker.tick(now);
		const job = await db
			.selectFrom('jobs')
			.selectAll()
			.where('kind', '=', 'report')
			.executeTakeFirstOrThrow();
		await db.deleteFrom('sentEmails').where('recipient', '=', 'b@phunghiep.gov.vn').execute();
		await db
			.updateTable('jobs')
			.set({
				status: 'running',
				claimedBy: 'dead',
				leaseUntil: '2026-03-16T00:10:00.000Z',
				finishedAt: null
			})
			.where('id', '=', job.id)
			.execute();
		received.length = 0;
		// Within the lease nobody takes it; after, a new process does.
		await new Ticker(db, { mailer, reasonLabels: LABELS }).tick(
			new Date('2026-03-16T00:05:00.000Z')
		);
		expect(received).toHaveLength(0);
		await new Ticker(db, { mailer, reasonLabels: LABELS }).tick(
			new Date('2026-03-16T00:11:00.000Z')
		);
		expect(received.map((r) => r.to)).toEqual([['b@phunghiep.gov.vn']]);
		expect(await db.selectFrom('reports').select('id').execute()).toHaveLength(1);
		expect((await queue.byKey(db, job.key))?.status).toBe('done');
	}, 60_000);

	it('keeps the password out of what it records and shows', async () => {
		const db = await testDb();
		const wrong = 'not-the-Secret-42';
		const mailer = mailerFrom(smtpUrl(wrong))!;
		expect(mailer.server).not.toContain(wrong);
		expect(redactSmtpUrl(smtpUrl(wrong))).toBe(`smtp://mailer:***@127.0.0.1:${port}`);
		const { sendOnce } = await import('../../src/lib/server/mail');
		expect(await sendOnce(db, mailer, 'job-x', { to: 'x@y.vn', subject: 'Thử', text: 'x' })).toBe(
			'failed'
		);
		const row = await db.selectFrom('sentEmails').selectAll().executeTakeFirstOrThrow();
		expect(row.status).toBe('failed');
		expect(row.error).toBeTruthy();
		expect(row.error).not.toContain(wrong);
	});
});

describe('alerts for unit leaders', () => {
	const NOW = new Date('2026-03-16T03:00:00.000Z'); // 10:00 in Vietnam
	let seq = 0;
	function answers(
		unitId: string,
		survey: Awaited<ReturnType<typeof addSurvey>>,
		levels: number[]
	): ResponseSpec[] {
		return levels.map((level) => ({
			id: `al-${++seq}`,
			unitId,
			survey,
			level,
			date: '2026-03-16',
			hour: 9
		}));
	}
	async function insertAt(db: Db, specs: ResponseSpec[], at: Date) {
		await insertResponses(db, specs);
		await db
			.updateTable('responses')
			.set({ submittedAt: at.toISOString(), receivedAt: at.toISOString() })
			.where(
				'id',
				'in',
				specs.map((s) => s.id)
			)
			.execute();
	}
	const minutes = (m: number) => new Date(NOW.getTime() - m * 60_000);

	it('raises an alert at the threshold, not under it, and once an hour per unit', async () => {
		received.length = 0;
		const db = await testDb();
		const w = await reportWorld(db);
		const survey = await addSurvey(db, 'ALERT', 'desk3');
		// Tân Bình: 4 answers within 15 minutes, 2 not satisfied (half of 4): at the threshold.
		await insertAt(db, answers(w.tb.id, survey, [1, 1, 3, 3]), minutes(10));
		// Hòa An: 4 answers, 1 not satisfied: under it.
		await insertAt(db, answers(w.ha.id, survey, [1, 3, 3, 3]), minutes(5));
		// Long Thạnh: 3 not satisfied of 3: too few answers; and 3 more 20 minutes ago, outside.
		await insertAt(db, answers(w.lt.id, survey, [1, 1, 1]), minutes(5));
		await insertAt(db, answers(w.lt.id, survey, [1, 1, 1]), minutes(20));
		await alerts.setThreshold(
			db,
			{ unitId: w.tb.id, ...alerts.DEFAULT_THRESHOLD, emails: ['chu.tich@tanbinh.gov.vn'] },
			await adminOf(db)
		);
		const raised = await alerts.checkAlerts(db, NOW);
		expect(raised.map((a) => [a.unitId, a.answers, a.unhappy])).toEqual([[w.tb.id, 4, 2]]);

		// Shown to the district's managers, with links to the answers and cases behind it.
		const shown = await alerts.recent(db, w.d.id, NOW);
		expect(shown).toHaveLength(1);
		expect(shown[0].commentsHref).toBe(
			`/admin/comments?unit=${w.tb.id}&from=2026-03-16&to=2026-03-16&rating=unsatisfied`
		);
		expect(shown[0].casesHref).toBe(`/admin/cases?unit=${w.tb.id}&from=2026-03-16&to=2026-03-16`);
		expect(await alerts.recent(db, w.ha.id, NOW)).toEqual([]);

		// Worse 30 minutes later: still no second alert within the hour.
		await insertAt(
			db,
			answers(w.tb.id, survey, [1, 1, 1, 1]),
			new Date(NOW.getTime() + 29 * 60_000)
		);
		expect(await alerts.checkAlerts(db, new Date(NOW.getTime() + 30 * 60_000))).toEqual([]);
		// After the hour, a new one.
		await insertAt(
			db,
			answers(w.tb.id, survey, [1, 1, 1, 1]),
			new Date(NOW.getTime() + 60 * 60_000)
		);
		const next = await alerts.checkAlerts(db, new Date(NOW.getTime() + 61 * 60_000));
		expect(next.map((a) => [a.unitId, a.answers, a.unhappy])).toEqual([[w.tb.id, 4, 4]]);

		// The e-mails: one per alert, sent by the ticker, never twice.
		const ticker = new Ticker(db, { mailer: mailerFrom(smtpUrl()), reasonLabels: LABELS });
		await ticker.tick(new Date(NOW.getTime() + 62 * 60_000));
		await ticker.tick(new Date(NOW.getTime() + 63 * 60_000));
		expect(received.map((r) => r.to)).toEqual([
			['chu.tich@tanbinh.gov.vn'],
			['chu.tich@tanbinh.gov.vn']
		]);
		expect(header(received[0].raw, 'Subject')).toBe(
			'Cảnh báo: người dân chưa hài lòng tại Xã Tân Bình'
		);
	}, 60_000);

	it('follows a unit’s own threshold', async () => {
		const db = await testDb();
		const w = await reportWorld(db);
		const survey = await addSurvey(db, 'ALERT', 'desk3');
		await insertAt(db, answers(w.ha.id, survey, [1, 3, 3, 3]), minutes(5));
		expect(await alerts.checkAlerts(db, NOW)).toEqual([]);
		await alerts.setThreshold(
			db,
			{ unitId: w.ha.id, minAnswers: 4, unhappyPercent: 25, windowMinutes: 10, emails: [] },
			await adminOf(db)
		);
		expect((await alerts.checkAlerts(db, NOW)).map((a) => a.unhappy)).toEqual([1]);
	});
});
