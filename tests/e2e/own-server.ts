// A built server of a test's own (`node build`), beside the run's e2e server: on a copy of its
// database (shutdown.test.ts) or on a PostgreSQL schema shared with a second one
// (two-servers.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';

export interface OwnServer {
	child: ChildProcess;
	/** http://localhost:<port> */
	base: string;
	exited: Promise<{ code: number | null; at: number }>;
	output: () => string;
	/** SIGTERM, then the exit code. */
	stop: () => Promise<number | null>;
}

/** Starts the server on `databaseUrl` and `port`; resolves once /healthz answers. */
export async function startServer(
	databaseUrl: string,
	port: number,
	env: Record<string, string> = {}
): Promise<OwnServer> {
	const base = `http://localhost:${port}`;
	const child = spawn(process.execPath, ['build'], {
		env: { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port), ORIGIN: base },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
		child.on('exit', (code) => resolve({ code, at: Date.now() }))
	);
	for (let i = 0; ; i++) {
		const up = await fetch(`${base}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (up) break;
		if (i > 1200 || child.exitCode !== null) {
			throw new Error(`the server on ${base} did not start:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const stop = async () => {
		if (child.exitCode === null) child.kill('SIGTERM');
		return (await exited).code;
	};
	return { child, base, exited, output: () => output, stop };
}
