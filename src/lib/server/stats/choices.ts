import { isClosed, openFirst, unitLabel } from '../../domain/unit-names';
import type { DbOrTx } from '../db';
import { repeatedUnitNames } from '../unit-names';
import { filterOptions, unitOptions, type UnitOption } from './options';
import { chunks } from './sql-util';

// The dashboard's choices as shown: options.ts decides which units, counters and officers
// the asker may pick; this names them so that none reads twice after the 2025 merger (the unit's
// code where its name repeats) and puts those of closed units after the others, marked closed.

export interface Choice {
	id: string;
	label: string;
	/** Belongs to a unit closed before today: listed last, in a group of its own. */
	closed: boolean;
}

type Options = Awaited<ReturnType<typeof filterOptions>>;

interface WithUnit {
	id: string;
	name: string;
	unitName: string;
	code: string;
	validTo: string | null;
}

/** Choices for `ids`, read a chunk at a time, each labelled with its unit. */
async function choicesWithUnit(
	ids: string[],
	repeated: Set<string>,
	today: string,
	read: (part: string[]) => Promise<WithUnit[]>
) {
	const out = new Map<string, Choice>();
	for (const part of chunks(ids)) {
		for (const r of await read(part)) {
			const unit = unitLabel({ name: r.unitName, code: r.code }, repeated);
			out.set(r.id, { id: r.id, label: `${r.name} – ${unit}`, closed: isClosed(r.validTo, today) });
		}
	}
	return out;
}

function counterChoices(db: DbOrTx, ids: string[], repeated: Set<string>, today: string) {
	return choicesWithUnit(ids, repeated, today, (part) =>
		db
			.selectFrom('counters')
			.innerJoin('units', 'units.id', 'counters.unitId')
			.select(['counters.id', 'counters.name', 'units.name as unitName', 'units.code', 'validTo'])
			.where('counters.id', 'in', part)
			.execute()
	);
}

function officerChoices(db: DbOrTx, ids: string[], repeated: Set<string>, today: string) {
	return choicesWithUnit(ids, repeated, today, (part) =>
		db
			.selectFrom('officers')
			.innerJoin('units', 'units.id', 'officers.unitId')
			.select([
				'officers.id',
				'fullName as name',
				'units.name as unitName',
				'units.code',
				'validTo'
			])
			.where('officers.id', 'in', part)
			.execute()
	);
}

/** The same choices, in the same scope, named and ordered for people. */
export async function namedChoices(
	db: DbOrTx,
	units: UnitOption[],
	options: Options,
	today: string
) {
	const repeated = await repeatedUnitNames(db);
	const counters = await counterChoices(
		db,
		options.counters.map((o) => o.id),
		repeated,
		today
	);
	const officers = await officerChoices(
		db,
		options.officers.map((o) => o.id),
		repeated,
		today
	);
	const pick = (list: { id: string; label: string }[], named: Map<string, Choice>) =>
		openFirst(
			list.map((o) => named.get(o.id) ?? { ...o, closed: false }),
			(c) => c.closed
		);
	return {
		units: openFirst(
			units.map((u) => ({ ...u, closed: isClosed(u.validTo, today) })),
			(u) => u.closed
		),
		options: {
			...options,
			counters: pick(options.counters, counters),
			officers: pick(options.officers, officers)
		}
	};
}

/**
 * The dashboard's selects for an asker whose scope is `root` (scopeRoot, null for an admin), with
 * `unitId` the unit chosen (its counters and officers), named and ordered as namedChoices does.
 */
export async function dashboardChoices(
	db: DbOrTx,
	root: string | null,
	unitId: string | null,
	today: string
) {
	return namedChoices(
		db,
		await unitOptions(db, root),
		await filterOptions(db, unitId, root),
		today
	);
}
