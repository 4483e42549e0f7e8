import type { SubmitFunction } from '@sveltejs/kit';
import { focusFirstInvalid } from './enhance';

/**
 * use:enhance for a form whose buttons are disabled while it is sent (a slow report, a double
 * click): `busy(true)` on submit, `busy(false)` once the answer is shown, then the keyboard goes
 * to the first field refused. `reset: false` keeps what was typed after a success that stays on
 * the page (a preview).
 */
export function disableWhileSending(
	busy: (sending: boolean) => void,
	{ reset = true }: { reset?: boolean } = {}
): SubmitFunction {
	return ({ formElement }) => {
		busy(true);
		return async ({ update }) => {
			await update({ reset });
			busy(false);
			await focusFirstInvalid(formElement);
		};
	};
}
