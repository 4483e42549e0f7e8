/**
 * Unit names after the 2025 merger: "Xã Tân Bình" is both the commune closed on 30/06/2025 and
 * the new commune that absorbed it, so a list that names units by name alone shows the same line
 * twice. Where a name repeats, the unit's code tells them apart; closed units come after the
 * units in force and say that they are closed.
 */

/** Names borne by more than one unit. */
export function repeatedNames(names: Iterable<string>): Set<string> {
	const seen = new Set<string>();
	const repeated = new Set<string>();
	for (const name of names) {
		if (seen.has(name)) repeated.add(name);
		seen.add(name);
	}
	return repeated;
}

/** "Xã Tân Bình (CT-TANBINH)" where the name repeats, else the name alone. */
export function unitLabel(unit: { name: string; code: string }, repeated: ReadonlySet<string>) {
	return repeated.has(unit.name) ? `${unit.name} (${unit.code})` : unit.name;
}

/** A unit whose last valid day (validTo, included) is before `today` is closed. */
export function isClosed(validTo: string | null, today: string): boolean {
	return validTo !== null && validTo < today;
}

/** Units in force first, closed ones after, each group in its given order. */
export function openFirst<T>(items: readonly T[], closed: (item: T) => boolean): T[] {
	return [...items.filter((x) => !closed(x)), ...items.filter((x) => closed(x))];
}
