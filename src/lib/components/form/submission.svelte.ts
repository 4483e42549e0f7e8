import type { SubmitFunction } from '@sveltejs/kit';
import { focusFirstInvalid } from './enhance';

/**
 * A form whose submit button is disabled while its post is on its way (no double kiosk, user
 * or password change). `enhance()` is its use:enhance: after the answer the keyboard goes to the
 * first field marked invalid; `keep` keeps what was typed after any answer (a settings form),
 * `refused` runs first on a refusal (to empty password fields, as without JavaScript).
 */
export class Submission {
	busy = $state(false);

	enhance(
		options: { keep?: boolean; refused?: (form: HTMLFormElement) => void } = {}
	): SubmitFunction {
		return ({ formElement }) => {
			this.busy = true;
			return async ({ update, result }) => {
				await update({ reset: !options.keep });
				if (result.type === 'failure') options.refused?.(formElement);
				this.busy = false;
				await focusFirstInvalid(formElement);
			};
		};
	}
}
