import { existsSync, renameSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/**
 * Online backup and restore of the SQLite file (npm run backup / restore).
 *
 * The backup copies the file with SQLite's backup API in steps of STEP_PAGES pages, on a
 * connection of its own that holds one read transaction from the first step to the last. In WAL
 * mode a reader never holds up a writer, so the server keeps acknowledging answers between the
 * steps (tests/server/backup.test.ts: answers acknowledged during a backup of 8-page steps); and
 * the copy is the database as of that one transaction, so SQLite's documented restart of a
 * backup whose source another connection changed between steps has nothing to restart for.
 * The copy is checked (quick_check) before it gets its name.
 */

export const STEP_PAGES = 2048;

export interface BackupProgress {
	pagesDone: number;
	pagesTotal: number;
}

export class BackupError extends Error {}

/** Copies the database at `source` into a new file `target` (refused if it exists). */
export async function backupDatabase(
	source: string,
	target: string,
	onProgress?: (p: BackupProgress) => void,
	stepPages = STEP_PAGES
): Promise<BackupProgress> {
	if (!existsSync(source)) throw new BackupError(`There is no database at ${source}`);
	if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file`);
	const db = new SQLite(source, { fileMustExist: true });
	const partial = `${target}.partial`;
	rmSync(partial, { force: true });
	try {
		db.pragma('busy_timeout = 5000');
		// The snapshot: every step below reads the database as of this transaction.
		db.exec('BEGIN');
		db.prepare('SELECT count(*) FROM sqlite_master').get();
		let last: BackupProgress = { pagesDone: 0, pagesTotal: 0 };
		await db.backup(partial, {
			progress: ({ totalPages, remainingPages }) => {
				last = { pagesDone: totalPages - remainingPages, pagesTotal: totalPages };
				onProgress?.(last);
				return stepPages;
			}
		});
		db.exec('COMMIT');
		const copy = new SQLite(partial);
		try {
			const check = copy.pragma('quick_check', { simple: true });
			if (check !== 'ok') throw new BackupError(`The copy failed its check: ${String(check)}`);
			last = { pagesDone: last.pagesTotal || pageCount(copy), pagesTotal: pageCount(copy) };
		} finally {
			copy.close();
		}
		// Only a finished, checked copy gets the name asked for.
		renameSync(partial, target);
		return last;
	} catch (e) {
		rmSync(partial, { force: true });
		throw e;
	} finally {
		if (db.inTransaction) db.exec('ROLLBACK');
		db.close();
	}
}

function pageCount(db: SQLite.Database): number {
	return Number(db.pragma('page_count', { simple: true }));
}

/**
 * Whether another connection (a running server, even an idle one) has the database open: in WAL
 * mode every open connection holds a shared lock on the file, so leaving WAL mode, which needs
 * the database to itself, fails at once.
 */
export function inUse(path: string): boolean {
	if (!existsSync(path)) return false;
	const db = new SQLite(path, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 0');
		try {
			db.pragma('journal_mode = DELETE');
		} catch (e) {
			if (/locked|busy/i.test(String(e))) return true;
			throw e;
		}
		db.pragma('journal_mode = WAL');
		return false;
	} finally {
		db.close();
	}
}

/**
 * Puts the backup `source` in place of the database at `target`, refused while a server has
 * `target` open. The backup is checked first; the old file is kept beside it as
 * `<target>.before-restore` until the copy is complete.
 */
export async function restoreDatabase(
	source: string,
	target: string,
	onProgress?: (p: BackupProgress) => void
): Promise<BackupProgress> {
	if (!existsSync(source)) throw new BackupError(`There is no backup at ${source}`);
	const backup = new SQLite(source, { readonly: true, fileMustExist: true });
	try {
		const check = backup.pragma('quick_check', { simple: true });
		if (check !== 'ok') throw new BackupError(`${source} is damaged: ${String(check)}`);
		const migrated = backup
			.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'responses'")
			.get();
		if (!migrated) throw new BackupError(`${source} is not a Ý Kiến database`);
	} catch (e) {
		backup.close();
		if (e instanceof BackupError) throw e;
		throw new BackupError(`${source} is not a SQLite database`);
	}
	backup.close();
	if (inUse(target)) {
		throw new BackupError(`A server has ${target} open: stop it first, then restore`);
	}
	const before = `${target}.before-restore`;
	const partial = `${target}.restoring`;
	rmSync(partial, { force: true });
	const progress = await backupDatabase(source, partial, onProgress);
	if (existsSync(target)) {
		rmSync(before, { force: true });
		renameSync(target, before);
	}
	for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
	renameSync(partial, target);
	const db = new SQLite(target);
	db.pragma('journal_mode = WAL');
	db.close();
	rmSync(before, { force: true });
	return progress;
}
