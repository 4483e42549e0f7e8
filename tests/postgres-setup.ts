import pg from 'pg';

/**
 * Global setup of the vitest project 'postgres' (vite.config.ts, which names the run): the test
 * databases of this run (tests/server/helpers.ts) are dropped at its end, those of a test
 * process that failed included.
 */
export default function setup(): () => Promise<void> {
	const run = process.env.YKIEN_TEST_RUN;
	return async () => {
		const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
		await admin.connect();
		try {
			const { rows } = await admin.query<{ datname: string }>(
				`SELECT datname FROM pg_database WHERE datname LIKE $1`,
				[`ykien_test_${run}_%`]
			);
			for (const { datname } of rows) await admin.query(`DROP DATABASE ${datname} WITH (FORCE)`);
		} finally {
			await admin.end();
		}
	};
}
