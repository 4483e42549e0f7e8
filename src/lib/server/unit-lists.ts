// The shape shared by the lists of a unit's things (counters, officers): where a list looks and
// the unit columns of its rows, so the two lists and their pages agree on one set of names.

/** Which rows a list of a unit's things takes, and which page of them. */
export interface UnitListQuery {
	/** Of this unit only. */
	unitId?: string;
	/** Of every unit in this subtree (the caller's scope); null means everywhere. */
	withinId?: string | null;
	/** The search text, folded like the unit search: "ho tich" finds "Hộ tịch". */
	query?: string;
	/** With a date: the rows of units closed before it come after the others (2025 merger). */
	today?: string;
	limit: number;
	offset: number;
}

/** The unit of a row of such a list. */
export interface UnitOfRow {
	unitId: string;
	unitName: string;
	unitCode: string;
	/** The unit's last valid day; null while it is in force. */
	unitValidTo: string | null;
}
