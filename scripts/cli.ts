// Small helpers shared by the command-line scripts.
import { DEFAULT_DATABASE_URL } from '../src/lib/server/db/index';

export function databaseUrl(): string {
	return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** Parses `--name value` and `--flag` arguments; unknown names are reported by the caller. */
export function parseArgs(argv: string[]): Record<string, string | true> {
	const out: Record<string, string | true> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new CliError(`Unexpected argument: ${arg}`);
		const name = arg.slice(2);
		const next = argv[i + 1];
		if (next !== undefined && !next.startsWith('--')) {
			out[name] = next;
			i++;
		} else {
			out[name] = true;
		}
	}
	return out;
}

export class CliError extends Error {}

/** Runs a script body; expected errors print one line and exit 2, others a stack and exit 1. */
export async function run(main: () => Promise<void>): Promise<void> {
	try {
		await main();
	} catch (e) {
		if (e instanceof CliError) {
			console.error(`error: ${e.message}`);
			process.exit(2);
		}
		throw e;
	}
}

export async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
