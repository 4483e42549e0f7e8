import type { MessageKey } from '$lib/i18n';
import type { Translate } from '$lib/components/form/form-state';

/** The names N for which `${P}.col_${N}` is a message. */
type ColumnName<P extends string> = MessageKey extends infer K
	? K extends `${P}.col_${infer N}`
		? N
		: never
	: never;

/** True when every word of S (space-separated) names a column message of P. */
type Columns<P extends string, S extends string> = S extends `${infer A} ${infer R}`
	? A extends ColumnName<P>
		? Columns<P, R>
		: false
	: S extends ColumnName<P>
		? true
		: false;

/**
 * A table's column headings, which the catalogue names by place: `keyedColumns(t, 'admin.users',
 * 'username name')` reads admin.users.col_username and admin.users.col_name; a name that is no
 * message fails the type check. The columns named in `num` hold numbers (right-aligned).
 */
export function keyedColumns<P extends string, S extends string>(
	t: Translate,
	prefix: P,
	names: S & (Columns<P, S> extends true ? unknown : never),
	num: readonly ColumnName<P>[] = []
): { label: string; num?: boolean }[] {
	return names.split(' ').map((name) => ({
		label: t(`${prefix}.col_${name}` as MessageKey),
		...((num as readonly string[]).includes(name) ? { num: true } : {})
	}));
}
