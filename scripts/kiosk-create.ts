// npm run kiosk:create -- --unit CODE [--counter NUMBER|NAME] [--name NAME]
// Creates a kiosk and prints its one-time pairing code and the URL the tablet opens.
import { openMigrated } from '../src/lib/server/db/index';
import * as audit from '../src/lib/server/audit';
import * as kiosks from '../src/lib/server/kiosks';
import * as units from '../src/lib/server/units';
import { CliError, databaseUrl, parseArgs, run } from './cli';

const USAGE = 'usage: npm run kiosk:create -- --unit CODE [--counter NUMBER|NAME] [--name NAME]';

await run(async () => {
	const args = parseArgs(process.argv.slice(2));
	for (const name of Object.keys(args)) {
		if (!['unit', 'counter', 'name'].includes(name))
			throw new CliError(`unknown option --${name}\n${USAGE}`);
	}
	if (typeof args.unit !== 'string') throw new CliError(`--unit is required\n${USAGE}`);
	const db = await openMigrated(databaseUrl());
	try {
		const unit = await units.byCode(db, args.unit);
		if (!unit) throw new CliError(`no unit with code ${args.unit}`);
		let counter: { id: string; number: number; name: string } | undefined;
		if (typeof args.counter === 'string') {
			const wanted = args.counter;
			const rows = await db
				.selectFrom('counters')
				.select(['id', 'number', 'name'])
				.where('unitId', '=', unit.id)
				.execute();
			counter = rows.find((c) => String(c.number) === wanted || c.name === wanted);
			if (!counter) {
				throw new CliError(
					`unit ${unit.code} has no counter "${wanted}" (it has: ${rows.map((c) => c.number).join(', ') || 'none'})`
				);
			}
		}
		const name =
			typeof args.name === 'string' ? args.name : `Kiosk ${counter ? counter.name : unit.name}`;
		const { kiosk, pairingCode } = await kiosks.create(db, {
			unitId: unit.id,
			counterId: counter?.id ?? null,
			name
		});
		await audit.record(db, {
			action: 'kiosk.create',
			username: 'cli',
			targetType: 'kiosk',
			targetId: kiosk.id,
			detail: { name, unit: unit.code, counter: counter?.number ?? null, via: 'cli' }
		});
		const origin = process.env.ORIGIN ?? 'http://localhost:3000';
		console.log(`Kiosk "${name}" created for ${unit.name}${counter ? `, ${counter.name}` : ''}.`);
		console.log(
			`Pairing code: ${pairingCode}  (valid ${kiosks.PAIRING_TTL_MS / 3600_000} h, once)`
		);
		console.log(
			`On the tablet open ${origin}/kiosk and enter the code, or open ${origin}/kiosk?code=${pairingCode}`
		);
	} finally {
		await db.destroy();
	}
});
