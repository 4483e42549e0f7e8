import type { Unit } from '../db/schema';

// The words of administrative units shared by the tree, the lineage and the merge, and the pure
// rules about a unit's dates.

export const UNIT_KINDS = [
	'province',
	'city',
	'district',
	'town',
	'commune',
	'ward',
	'special_zone',
	'agency',
	'centre',
	'other'
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface CreateUnitInput {
	code: string;
	name: string;
	kind: UnitKind;
	parentId?: string | null;
	validFrom?: string | null;
	validTo?: string | null;
}

export class UnitError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** Whether a unit is in operation on `date`: started, not ended and not merged away. */
export function isOpenOn(
	unit: Pick<Unit, 'validFrom' | 'validTo' | 'successorId'>,
	date: string
): boolean {
	if (unit.successorId) return false;
	if (unit.validFrom && unit.validFrom > date) return false;
	return !unit.validTo || unit.validTo >= date;
}

/**
 * Why `parent` cannot take a unit that starts on `from`, or null: a merged unit takes no new
 * units (its successor does), nor does one that has ended by then.
 */
export function parentProblem(
	parent: Pick<Unit, 'validTo' | 'successorId'>,
	from: string
): 'parent_merged' | 'parent_closed' | null {
	if (parent.successorId) return 'parent_merged';
	if (parent.validTo && parent.validTo < from) return 'parent_closed';
	return null;
}
