/**
 * Restores a backup made by `npm run backup` (npm run restore -- FILE), with the server stopped:
 *   systemctl stop ykien && DATABASE_URL=data/ykien.db npm run restore -- FILE && systemctl start ykien
 * Refused while any process has the database open. The summaries come with the backup.
 */
import { BackupError, restoreDatabase } from '../src/lib/server/backup';
import { CliError, databaseUrl, run } from './cli';
import { progressLine } from './progress';

await run(async () => {
	const [source, ...rest] = process.argv.slice(2);
	if (!source || rest.length > 0 || source.startsWith('--')) {
		throw new CliError('Usage: npm run restore -- FILE');
	}
	const target = databaseUrl();
	if (/^postgres(ql)?:/.test(target)) throw new CliError('restore is for the SQLite file');
	try {
		const done = await restoreDatabase(source, target, progressLine('Restoring'));
		console.log(`\nRestored ${source} into ${target} (${done.pagesTotal} pages)`);
	} catch (e) {
		if (e instanceof BackupError) throw new CliError(e.message);
		throw e;
	}
});
