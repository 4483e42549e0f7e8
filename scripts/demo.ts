// npm run demo — builds the app (its log in data/build.log), migrates data/ykien.db, loads the
// demo data once (up to today, or --until YYYY-MM-DD), gives the demo accounts fresh generated passwords, serves the app on
// http://localhost:3000 and prints the addresses and sign-ins last, in a box.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { openMigrated, type Db } from '../src/lib/server/db/index';
import * as audit from '../src/lib/server/audit';
import * as kiosks from '../src/lib/server/kiosks';
import { generatePassword } from '../src/lib/server/auth/password';
import { invalidateUserSessions } from '../src/lib/server/auth/sessions';
import { liveDemoKiosks } from '../src/lib/server/demo/kiosks';
import { ensureDemoLinks } from '../src/lib/server/demo/links';
import { DEMO_NOTICE, seedDemo } from '../src/lib/server/demo/seed';
import { isIsoDate, vietnamToday } from '../src/lib/domain/time';
import * as units from '../src/lib/server/units';
import * as users from '../src/lib/server/users';
import type { Role } from '../src/lib/server/db/schema';
import { CliError, databaseUrl, parseArgs, run } from './cli';
import { box, quietBuild } from './demo-output';

const port = process.env.PORT ?? '3000';
const origin = process.env.ORIGIN ?? `http://localhost:${port}`;

const DEMO_ACCOUNTS: { username: string; name: string; role: Role; unitCode?: string }[] = [
	{ username: 'admin', name: 'Quản trị viên', role: 'admin' },
	{ username: 'quanly.tanbinh', name: 'Lê Thị Hồng', role: 'manager', unitCode: 'CT-TANBINH' },
	{ username: 'dandan', name: 'Ban Dân vận (xem báo cáo)', role: 'viewer', unitCode: 'CT' }
];

/** Creates the demo accounts or gives them new passwords; returns username -> password. */
async function demoAccounts(db: Db): Promise<Map<string, string>> {
	const passwords = new Map<string, string>();
	for (const account of DEMO_ACCOUNTS) {
		const password = generatePassword();
		const existing = await users.byUsername(db, account.username);
		if (existing) {
			await users.setPassword(db, existing.id, password);
			await invalidateUserSessions(db, existing.id);
		} else {
			const unit = account.unitCode ? await units.byCode(db, account.unitCode) : undefined;
			const user = await users.create(db, {
				username: account.username,
				displayName: account.name,
				role: account.role,
				unitId: unit?.id ?? null,
				password
			});
			await audit.record(db, {
				action: 'user.create',
				username: 'demo',
				targetType: 'user',
				targetId: user.id,
				detail: { username: user.username, role: account.role, via: 'demo' }
			});
		}
		passwords.set(account.username, password);
	}
	return passwords;
}

/** A fresh pairing code for the demo's first kiosk, so the kiosk can be tried at once. */
async function demoKioskCode(db: Db): Promise<{ id: string; code: string; place: string } | null> {
	const kiosk = await db
		.selectFrom('kiosks')
		.innerJoin('units', 'units.id', 'kiosks.unitId')
		.select(['kiosks.id', 'kiosks.name', 'units.name as unitName'])
		.where('units.code', '=', 'CT-TANBINH')
		.where('kiosks.revokedAt', 'is', null)
		.orderBy('kiosks.name')
		.executeTakeFirst();
	if (!kiosk) return null;
	const code = await kiosks.issuePairingCode(db, kiosk.id);
	return { id: kiosk.id, code, place: `${kiosk.unitName}, ${kiosk.name}` };
}

/** The version name of the build being served (svelte.config.js), as its kiosks report it. */
function buildVersion(): string | null {
	try {
		return JSON.parse(readFileSync('build/client/_app/version.json', 'utf8')).version ?? null;
	} catch {
		return null;
	}
}

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	for (const name of Object.keys(args))
		if (name !== 'no-build' && name !== 'until') throw new CliError(`unknown option --${name}`);
	const until = typeof args.until === 'string' ? args.until : undefined;
	if (args.until === true || (until !== undefined && !isIsoDate(until)))
		throw new CliError('--until needs a date YYYY-MM-DD, e.g. --until 2026-11-27');
	if (args['no-build']) {
		if (!existsSync('build/index.js')) {
			console.error('error: no build/ found; run `npm run demo`, which builds first.');
			process.exit(2);
		}
	} else {
		const built = quietBuild();
		if (!built.ok) {
			console.error(built.tail);
			process.exit(built.status);
		}
	}
	const url = databaseUrl();
	const db = await openMigrated(url);
	const started = Date.now();
	const result = await seedDemo(db, { until, onProgress: (line) => console.log(`  ${line}`) });
	console.log(
		result.seeded
			? `Demo data loaded into ${url} (${result.responses} responses, ${((Date.now() - started) / 1000).toFixed(1)} s).`
			: `Demo data already present in ${url}; reusing it.`
	);
	const passwords = await demoAccounts(db);
	const demoKiosk = await demoKioskCode(db);
	// The other kiosks look like a district at work: paired, heard from, one queueing, one silent.
	await liveDemoKiosks(db, new Date(), { keepId: demoKiosk?.id, appVersion: buildVersion() });
	// Phone links for the counters in force, so their QR posters print and the phone survey opens.
	const links = await ensureDemoLinks(db, vietnamToday());
	const phone = links.find((l) => l.unitCode === 'CT-TANBINH') ?? links[0];
	await db.destroy();

	const lines = [
		`Ý Kiến on ${origin}`,
		'',
		`Kiosk:  ${origin}/kiosk${demoKiosk ? `?code=${demoKiosk.code}` : ''}`,
		...(demoKiosk
			? [`        pairs ${demoKiosk.place} at once (code ${demoKiosk.code}, valid 72 h)`]
			: []),
		`Phone:  ${phone ? `${origin}/s/${phone.code}` : '(no counter in force)'}`,
		...(phone
			? [
					`        ${phone.counterName}, ${phone.unitName}; ${links.length} counters have a QR poster`
				]
			: []),
		`Admin:  ${origin}/admin`,
		'',
		'Sign in (new passwords on every start of the demo):',
		...DEMO_ACCOUNTS.map(
			(a) =>
				`  ${a.username.padEnd(16)} ${passwords.get(a.username)}   (${a.role}${a.unitCode ? ', ' + a.unitCode : ''})`
		),
		'',
		'Press Ctrl+C to stop.'
	];
	const server = spawn(process.execPath, ['build'], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, DATABASE_URL: url, PORT: port, ORIGIN: origin }
	});
	// The box once the server listens, so it is the last thing on the screen at start.
	// The server's start-up lines (listening, then the summaries read into memory) come first.
	let shown = false;
	const show = () => {
		if (shown) return;
		shown = true;
		console.log(`\n${DEMO_NOTICE.vi}\n${box(lines)}\n`);
	};
	server.stdout!.on('data', (chunk: Buffer) => {
		process.stdout.write(chunk);
		const text = chunk.toString();
		if (text.includes('Listening on')) setTimeout(show, 3000).unref();
		if (text.includes('summary pages read')) show();
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.on(signal, () => server.kill(signal));
	server.on('exit', (code) => process.exit(code ?? 0));
});
