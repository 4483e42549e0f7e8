import { focusFirstInvalid } from '../../kiosks/focus';

// What the two forms of the schedules page share. TODO(kit): the shared form kit
// ($lib/components/form) replaces these once merged.

/** The ids describing a field: its hint and its error, when there are. */
export function describedBy(
	prefix: string,
	name: string,
	errors: Partial<Record<string, unknown>>,
	hint = false
): string | undefined {
	const ids = [hint ? `${prefix}-${name}-hint` : '', errors[name] ? `${prefix}-${name}-error` : ''];
	return ids.filter(Boolean).join(' ') || undefined;
}

/** use:enhance that keeps what was typed and puts the keyboard on the first field refused. */
export const refocus = ({ formElement }: { formElement: HTMLFormElement }) => {
	return async ({ update }: { update: (o?: { reset?: boolean }) => Promise<void> }) => {
		await update({ reset: false });
		await focusFirstInvalid(formElement);
	};
};
