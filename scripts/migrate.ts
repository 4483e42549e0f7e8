// npm run db:migrate — applies pending migrations to DATABASE_URL (default data/ykien.db).
import { migrateToLatest, openDatabase } from '../src/lib/server/db/index';
import { databaseUrl, run } from './cli';

await run(async () => {
	const url = databaseUrl();
	const db = openDatabase(url);
	try {
		const applied = await migrateToLatest(db);
		console.log(
			applied.length
				? `Applied ${applied.length} migration(s) to ${url}: ${applied.join(', ')}`
				: `Database ${url} is up to date.`
		);
	} finally {
		await db.destroy();
	}
});
