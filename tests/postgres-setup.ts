import pg from 'pg';

/**
 * Global setup of the vitest project 'postgres' (vite.config.ts, which names the run): the test
 * schemas of this run (tests/server/helpers.ts) are dropped at its end, those of a test
 * process that failed included.
 */
export default function setup(): () => Promise<void> {
	const run = process.env.YKIEN_TEST_RUN;
	return async () => {
		const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
		await admin.connect();
		try {
			const { rows } = await admin.query<{ name: string }>(
				`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`,
				[`ykien_test_${run}_%`]
			);
			for (const { name } of rows) await admin.query(`DROP SCHEMA ${name} CASCADE`);
		} finally {
			await admin.end();
		}
	};
}
