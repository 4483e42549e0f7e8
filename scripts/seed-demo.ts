/**
 * Loads the invented demo data (see DEMO_NOTICE) into DATABASE_URL, or extends it to a later date.
 *   tsx scripts/seed-demo.ts [--until YYYY-MM-DD] [--from YYYY-MM-DD] [--scale N]
 * --from and --scale apply to a fresh database only; a later run keeps what the first one chose.
 */
import { openMigrated } from '../src/lib/server/db/index';
import { DEMO_NOTICE, seedDemo } from '../src/lib/server/demo/seed';
import { isIsoDate } from '../src/lib/domain/time';
import { CliError, databaseUrl, parseArgs, run } from './cli';

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	for (const name of Object.keys(args)) {
		if (!['until', 'from', 'scale'].includes(name)) throw new CliError(`Unknown option --${name}`);
	}
	const date = (name: 'until' | 'from') => {
		const value = args[name];
		if (value === undefined) return undefined;
		if (value === true || !isIsoDate(value))
			throw new CliError(`--${name} needs a date YYYY-MM-DD`);
		return value;
	};
	const until = date('until');
	const from = date('from');
	const scale = args.scale === undefined ? undefined : Number(args.scale);
	if (scale !== undefined && !(scale > 0 && scale <= 100)) {
		throw new CliError('--scale needs a number above 0 and up to 100');
	}

	const url = databaseUrl();
	// A URL may carry a password: show where the data goes, never the credentials.
	const shown = url.replace(/\/\/[^/@]*@/, '//***@');
	const started = performance.now();
	const db = await openMigrated(url);
	try {
		console.log(`Demo data for ${shown}`);
		console.log(DEMO_NOTICE.en);
		const result = await seedDemo(db, {
			until,
			from,
			scale,
			onProgress: (line) => console.log(`  ${line}`)
		});
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(
			result.seeded
				? `Demo seeded: ${result.responses} responses added in ${seconds} s`
				: `Demo already seeded up to ${until ?? 'today'}; nothing added (${seconds} s)`
		);
	} finally {
		await db.destroy();
	}
});
