/**
 * Report generation benchmark (npm run bench:report): how long "Lập và lưu báo cáo" takes and,
 * above all, how long it holds the server's event loop, on a copy of a demo database.
 *
 *   tsx scripts/bench-report.ts --db .e2e-cache/demo-<hash>.db [--unit CT-TANBINH] [--runs 3]
 *
 * Each run generates template 1 for the unit's last Decree 09 quarter through reports.generate,
 * the action's own call, while a 5 ms timer measures the event loop's longest stall (the
 * longest gap between its ticks): first with everything on the server's thread (`inline`, as
 * before the report thread), then as the action does it now. Medians over the runs:
 *   unit=… runs=N figures_ms=X render_ms=X
 *   report: on_server_thread generate_ms=X loop_max_block_ms=X
 *   report: on_worker_thread generate_ms=X loop_max_block_ms=X
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastClosedReportPeriod } from '../src/lib/domain/report-periods';
import { vietnamToday } from '../src/lib/domain/time';
import { openMigrated } from '../src/lib/server/db/index';
import * as reports from '../src/lib/server/reports';
import * as stats from '../src/lib/server/stats';
import * as units from '../src/lib/server/units';
import * as users from '../src/lib/server/users';
import { CliError, parseArgs, run } from './cli';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	const source = typeof args.db === 'string' ? args.db : '';
	if (!source) throw new CliError('--db <a demo database file> is required');
	const code = typeof args.unit === 'string' ? args.unit : 'CT-TANBINH';
	const runs = Number(args.runs ?? 3);
	const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
	const file = join(dir, 'db.sqlite');
	copyFileSync(source, file);
	const db = await openMigrated(file);
	try {
		const unit = await units.byCode(db, code);
		if (!unit) throw new CliError(`no unit ${code}`);
		const today = vietnamToday();
		const p = lastClosedReportPeriod('cutoff', 'quarter', today);
		const input: reports.ReportInput = {
			template: 'results',
			unitId: unit.id,
			period: { basis: 'cutoff', kind: 'quarter', year: p.year, index: p.index },
			texts: {
				issuer: 'Ủy ban nhân dân thành phố Cần Thơ',
				number: 'Số: 1/BC-UBND',
				place: 'Cần Thơ',
				date: today,
				assessment: 'Đánh giá.',
				proposals: 'Đề xuất.',
				recipients: 'Lưu: VT.',
				signerTitle: 'Chủ tịch',
				signerName: 'Nguyễn Văn A'
			},
			commentIds: []
		};
		const reasonLabels = await stats.reasonLabels(db);
		const opts = { asOf: today, reasonLabels };
		// The copy gets its own maker (the demo's users are made by its start-up, not its seed).
		const admin = await users.create(db, {
			username: 'bench.report',
			displayName: 'Bench',
			password: 'bench-report-password-1',
			role: 'admin'
		});
		/** Generates `runs` times; the median time and longest event-loop stall. */
		const measure = async (inline: boolean) => {
			const generateMs: number[] = [];
			const blockMs: number[] = [];
			for (let i = 0; i < runs; i++) {
				// The longest gap between two ticks of a 5 ms timer: how long a request arriving
				// meanwhile would wait before the server could even read it.
				let last = performance.now();
				let longest = 0;
				const tick = setInterval(() => {
					const now = performance.now();
					longest = Math.max(longest, now - last);
					last = now;
				}, 5);
				const started = performance.now();
				await reports.generate(db, input, admin, { ...opts, inline });
				generateMs.push(performance.now() - started);
				clearInterval(tick);
				blockMs.push(Math.max(longest, performance.now() - last));
			}
			return { generate: median(generateMs), block: median(blockMs) };
		};
		const figuresMs: number[] = [];
		const renderMs: number[] = [];
		for (let i = 0; i < runs; i++) {
			const t0 = performance.now();
			const { figures, document } = await reports.compose(db, input, opts);
			const t1 = performance.now();
			await reports.renderFiles(figures, document, input.period);
			figuresMs.push(t1 - t0);
			renderMs.push(performance.now() - t1);
		}
		const before = await measure(true);
		const after = await measure(false);
		const f = (x: number) => x.toFixed(0);
		console.log(
			`unit=${code} runs=${runs} figures_ms=${f(median(figuresMs))} render_ms=${f(median(renderMs))}`
		);
		console.log(
			`report: on_server_thread generate_ms=${f(before.generate)} loop_max_block_ms=${f(before.block)}`
		);
		console.log(
			`report: on_worker_thread generate_ms=${f(after.generate)} loop_max_block_ms=${f(after.block)}`
		);
	} finally {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
});
