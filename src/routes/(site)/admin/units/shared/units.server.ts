import type { MessageKey } from '$lib/i18n';
import type { Unit } from '$lib/server/db/schema';
import type { DbOrTx } from '$lib/server/db';
import * as units from '$lib/server/units';
import type { UnitStatus } from '$lib/components/unit-labels';

// Unit choices for the create, move and merge forms, and the messages for refusals of the
// units module, shared by the list page and the unit page.

export interface UnitOption {
	value: string;
	label: string;
}

/** The value of "no parent" in parent selects: an empty field is a missing answer instead. */
export const TOP_LEVEL = 'root';

/**
 * Units that can take a unit starting `from` (not merged, not ended by then), in tree order,
 * indented by depth: the choices of the create and move forms. `exclude` drops a subtree.
 */
export async function holderOptions(
	db: DbOrTx,
	withinId: string | null,
	from: string,
	exclude: Set<string> = new Set()
): Promise<UnitOption[]> {
	const nodes = await units.outline(db, withinId);
	return nodes
		.filter((n) => !exclude.has(n.id) && units.parentProblem(n, from) === null)
		.map((n) => ({
			value: n.id,
			// Non-breaking spaces: an option cannot be styled, and plain spaces collapse.
			label: `${'\u00a0\u00a0\u00a0'.repeat(n.depth)}${n.name} (${n.code})`
		}));
}

export const UNIT_ERRORS: Record<string, { field: string; message: MessageKey }> = {
	cycle: { field: 'parentId', message: 'admin.units.error.cycle' },
	self: { field: 'successorId', message: 'admin.units.error.merge_self' },
	already_merged: { field: 'successorId', message: 'admin.units.error.already_merged' },
	successor_closed: { field: 'successorId', message: 'admin.units.error.successor_closed' },
	open_children: { field: '_form', message: 'admin.units.error.open_children' },
	before_start: { field: 'date', message: 'admin.units.error.before_start' },
	merged: { field: 'validTo', message: 'admin.units.error.merged_no_close' },
	parent_merged: { field: 'parentId', message: 'admin.units.error.parent_merged' },
	parent_closed: { field: 'parentId', message: 'admin.units.error.parent_closed' }
};

/** How a unit stands on `today`, for the status line. */
export function statusOf(
	unit: Pick<Unit, 'validFrom' | 'validTo' | 'successorId'>,
	today: string
): UnitStatus {
	if (unit.successorId) return 'merged';
	if (unit.validFrom && unit.validFrom > today) return 'upcoming';
	if (unit.validTo && unit.validTo < today) return 'closed';
	if (unit.validTo) return 'ending';
	return 'active';
}
