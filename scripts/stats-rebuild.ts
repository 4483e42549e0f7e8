/**
 * Recomputes the Insight summary tables from the raw responses (npm run stats:rebuild).
 *   DATABASE_URL=data/ykien.db tsx scripts/stats-rebuild.ts
 * Needed after restoring a backup, after loading responses that bypassed the app, or after a
 * unit was moved in the tree (the dashboard reads slower per-unit rows until then). Runs in one
 * transaction: a server running meanwhile waits for the write lock, and kiosks keep their
 * answers queued until it is done; at night, or with the server stopped, is best.
 */
import { openMigrated } from '../src/lib/server/db/index';
import * as stats from '../src/lib/server/stats';
import { databaseUrl, parseArgs, run, CliError } from './cli';

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	if (Object.keys(args).length > 0) throw new CliError('stats:rebuild takes no options');
	const url = databaseUrl();
	// A URL may carry a password: show only where the data is, never the credentials.
	console.log(`Rebuilding the summaries of ${url.replace(/\/\/[^/@]*@/, '//***@')}`);
	const started = performance.now();
	const db = await openMigrated(url);
	try {
		const result = await stats.rebuild(db, {
			onProgress: (p) => {
				const s = ((performance.now() - started) / 1000).toFixed(0);
				console.log(`  ${p.done}/${p.total} ${p.step} (${s} s)`);
			}
		});
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(
			`Summaries rebuilt from ${result.responses} responses in ${result.units} units (${seconds} s)`
		);
	} finally {
		await db.destroy();
	}
});
