import type { DbOrTx } from './db';

// What an administrator may pick in a form: units of their scope that are in force today, in
// tree order, and for kiosks the counters of each. A merged (expired) unit is offered only when
// the thing being edited is already there, so saving an unrelated change never moves it.

export interface UnitChoice {
	id: string;
	name: string;
	code: string;
	/** 0 for the top of what is offered; for indenting. */
	depth: number;
}

export interface CounterChoice {
	id: string;
	number: number;
	name: string;
}

export interface Placement {
	unit: UnitChoice;
	counters: CounterChoice[];
}

export interface ChoiceQuery {
	/** The caller's scope root; null for everything. */
	withinId: string | null;
	/** 'YYYY-MM-DD' (Vietnam): units in force that day are offered. */
	on: string;
	/** Ids offered whatever their validity (the current unit or counter of what is edited). */
	include?: (string | null | undefined)[];
}

export async function unitChoices(db: DbOrTx, q: ChoiceQuery): Promise<UnitChoice[]> {
	const include = (q.include ?? []).filter((id): id is string => Boolean(id));
	const rows = await db
		.selectFrom('units')
		.select(['id', 'parentId', 'name', 'code'])
		.$if(q.withinId !== null, (qb) =>
			qb.where('id', 'in', (eb) =>
				eb.selectFrom('unitClosure').select('descendantId').where('ancestorId', '=', q.withinId!)
			)
		)
		.where((eb) => {
			const inForce = eb.and([
				eb.or([eb('validFrom', 'is', null), eb('validFrom', '<=', q.on)]),
				eb.or([eb('validTo', 'is', null), eb('validTo', '>=', q.on)])
			]);
			return include.length > 0 ? eb.or([inForce, eb('id', 'in', include)]) : inForce;
		})
		.execute();
	const ids = new Set(rows.map((r) => r.id));
	const children = new Map<string | null, typeof rows>();
	for (const r of rows) {
		// A unit whose parent is not offered starts a tree of its own.
		const key = r.parentId && ids.has(r.parentId) ? r.parentId : null;
		children.set(key, [...(children.get(key) ?? []), r]);
	}
	const out: UnitChoice[] = [];
	const visit = (parent: string | null, depth: number) => {
		const kids = (children.get(parent) ?? []).sort(
			(a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code)
		);
		for (const k of kids) {
			out.push({ id: k.id, name: k.name, code: k.code, depth });
			visit(k.id, depth + 1);
		}
	};
	visit(null, 0);
	return out;
}

/** Units of the scope with their active counters: where a kiosk may be placed. */
export async function placements(db: DbOrTx, q: ChoiceQuery): Promise<Placement[]> {
	const units = await unitChoices(db, q);
	if (units.length === 0) return [];
	const include = (q.include ?? []).filter((id): id is string => Boolean(id));
	const counters: (CounterChoice & { unitId: string })[] = [];
	const unitIds = units.map((u) => u.id);
	// Chunked so a province-wide list stays under SQLite's bound-parameter limit.
	for (let i = 0; i < unitIds.length; i += 500) {
		const rows = await db
			.selectFrom('counters')
			.select(['id', 'unitId', 'number', 'name'])
			.where('unitId', 'in', unitIds.slice(i, i + 500))
			.where((eb) =>
				include.length > 0
					? eb.or([eb('active', '=', 1), eb('id', 'in', include)])
					: eb('active', '=', 1)
			)
			.orderBy('number')
			.execute();
		counters.push(...rows.map((r) => ({ ...r, number: Number(r.number) })));
	}
	return units.map((unit) => ({
		unit,
		counters: counters
			.filter((c) => c.unitId === unit.id)
			.map(({ id, number, name }) => ({ id, number, name }))
	}));
}

/** The value of a placement option: the unit id, or unit and counter ids joined by '/'. */
export function placementValue(unitId: string, counterId: string | null): string {
	return counterId ? `${unitId}/${counterId}` : unitId;
}

/** Reads a placement value back if it is one of `offered`; null otherwise. */
export function findPlacement(
	offered: Placement[],
	value: string
): { unitId: string; counterId: string | null } | null {
	const [unitId, counterId = null, extra] = value.split('/');
	if (extra !== undefined) return null;
	const place = offered.find((p) => p.unit.id === unitId);
	if (!place) return null;
	if (counterId && !place.counters.some((c) => c.id === counterId)) return null;
	return { unitId, counterId };
}
