// npm run user:create -- --username U --role admin|manager|viewer [--unit CODE] [--name "Full name"]
//                        [--password-stdin]
// Prints a generated password unless one is given on standard input.
import { openMigrated } from '../src/lib/server/db/index';
import type { Role } from '../src/lib/server/db/schema';
import * as audit from '../src/lib/server/audit';
import { generatePassword, passwordProblem } from '../src/lib/server/auth/password';
import * as units from '../src/lib/server/units';
import * as users from '../src/lib/server/users';
import { CliError, databaseUrl, parseArgs, readStdin, run } from './cli';

const USAGE =
	'usage: npm run user:create -- --username U --role admin|manager|viewer [--unit CODE] [--name "Full name"] [--password-stdin]';

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	for (const name of Object.keys(args)) {
		if (!['username', 'role', 'unit', 'name', 'password-stdin'].includes(name)) {
			throw new CliError(`unknown option --${name}\n${USAGE}`);
		}
	}
	const username = typeof args.username === 'string' ? args.username : '';
	const role = args.role as Role;
	if (!username) throw new CliError(`--username is required\n${USAGE}`);
	if (!users.ROLES.includes(role))
		throw new CliError(`--role must be admin, manager or viewer\n${USAGE}`);
	const fromStdin = args['password-stdin'] === true;
	const password = fromStdin ? (await readStdin()).replace(/\r?\n$/, '') : generatePassword();
	if (fromStdin) {
		const problem = passwordProblem(password, username);
		if (problem)
			throw new CliError(`the password is not acceptable (${problem.replace('_', ' ')})`);
	}
	const db = await openMigrated(databaseUrl());
	try {
		let unitId: string | null = null;
		if (typeof args.unit === 'string') {
			const unit = await units.byCode(db, args.unit);
			if (!unit) throw new CliError(`no unit with code ${args.unit}`);
			unitId = unit.id;
		}
		const user = await users
			.create(db, {
				username,
				displayName: typeof args.name === 'string' ? args.name : username,
				role,
				unitId,
				password
			})
			.catch((e) => {
				if (e instanceof users.UserError) throw new CliError(e.message);
				throw e;
			});
		await audit.record(db, {
			action: 'user.create',
			username: 'cli',
			targetType: 'user',
			targetId: user.id,
			detail: { username: user.username, role, unit: args.unit ?? null, via: 'cli' }
		});
		console.log(`Created ${role} "${user.username}".`);
		if (!fromStdin) console.log(`Password: ${password}`);
	} finally {
		await db.destroy();
	}
});
