import type { DbOrTx } from '../db';
import type { Channel } from '../db/schema';
import type { DateRange } from '../../domain/periods';
import { lineage, loadTree, rollupsFresh, rootsOf, type UnitNode, type UnitTree } from './scopes';

/** What one dashboard view looks at. Every filter is optional except the scope and the dates. */
export interface StatsFilters extends DateRange {
	/** The unit whose lineage (subtree and merged units) is counted; null: every unit. */
	unitId: string | null;
	channel?: Channel | null;
	/** A survey (all its versions). */
	surveyId?: string | null;
	counterId?: string | null;
	officerId?: string | null;
	procedureFieldId?: string | null;
	/** Leave out answers flagged as a burst or out of hours. */
	excludeFlagged?: boolean;
}

export interface ChildScope {
	unit: UnitNode;
	lineage: string[];
	roots: string[];
}

/** A view resolved once and shared by every figure of a dashboard. */
export interface View {
	filters: StatsFilters;
	tree: UnitTree;
	/** Units counted. */
	lineage: string[];
	/** Disjoint subtrees covering `lineage`, whose rollups add up to it. */
	roots: string[];
	/** Direct children of the scope (top-level units for every unit), each with its lineage. */
	children: ChildScope[];
	/** Survey versions of the survey filter; null when no survey is chosen. */
	versionIds: string[] | null;
	/** False after a unit moved since the rollups were written: per-unit rows are read instead. */
	fresh: boolean;
}

export async function prepare(db: DbOrTx, filters: StatsFilters): Promise<View> {
	const tree = await loadTree(db);
	let members: string[];
	let kids: UnitNode[];
	if (filters.unitId === null) {
		members = [...tree.byId.keys()];
		kids = tree.children.get(null) ?? [];
	} else if (tree.byId.has(filters.unitId)) {
		members = lineage(tree, filters.unitId);
		kids = tree.children.get(filters.unitId) ?? [];
	} else {
		members = [];
		kids = [];
	}
	const children = kids.map((unit) => {
		const l = lineage(tree, unit.id);
		return { unit, lineage: l, roots: rootsOf(tree, l) };
	});
	let versionIds: string[] | null = null;
	if (filters.surveyId) {
		const rows = await db
			.selectFrom('surveyVersions')
			.select('id')
			.where('surveyId', '=', filters.surveyId)
			.execute();
		versionIds = rows.map((r) => r.id);
	}
	return {
		filters,
		tree,
		lineage: members,
		roots: rootsOf(tree, members),
		children,
		versionIds,
		fresh: await rollupsFresh(db)
	};
}

/** A counter or officer filter: figures come from per-unit rows. */
export function hasUnitFilter(view: View): boolean {
	return Boolean(view.filters.counterId || view.filters.officerId);
}
