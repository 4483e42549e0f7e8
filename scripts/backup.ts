/**
 * An online backup of the database (npm run backup -- FILE), safe while the server runs:
 *   DATABASE_URL=data/ykien.db npm run backup -- /var/backups/ykien/ykien-2026-12-06.db
 * Kiosks' answers are acknowledged throughout (src/lib/server/backup.ts); the file appears
 * only once the copy is complete and checked.
 */
import { BackupError, backupDatabase } from '../src/lib/server/backup';
import { CliError, databaseUrl, run } from './cli';
import { progressLine } from './progress';

await run(async () => {
	const [target, ...rest] = process.argv.slice(2);
	if (!target || rest.length > 0 || target.startsWith('--')) {
		throw new CliError('Usage: npm run backup -- FILE');
	}
	const source = databaseUrl();
	if (/^postgres(ql)?:/.test(source)) throw new CliError('backup is for the SQLite file');
	const started = performance.now();
	try {
		const done = await backupDatabase(source, target, progressLine('Backing up'));
		const s = ((performance.now() - started) / 1000).toFixed(1);
		console.log(`\nBacked up ${source} to ${target}: ${done.pagesTotal} pages in ${s} s`);
	} catch (e) {
		if (e instanceof BackupError) throw new CliError(e.message);
		throw e;
	}
});
