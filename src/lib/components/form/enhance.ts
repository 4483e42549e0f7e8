import { tick } from 'svelte';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * After a refused submission, puts the keyboard on the first field marked invalid, so its error
 * (tied to it by aria-describedby) is read out. For forms whose enhance callback does more.
 */
export async function focusFirstInvalid(form: HTMLFormElement): Promise<void> {
	await tick();
	if (!form.isConnected) return;
	form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/**
 * use:enhance for the admin forms: after a refusal, focus moves to the first field marked
 * invalid so a keyboard or screen-reader user lands on the error; success follows the redirect.
 */
export const focusFirstError: SubmitFunction = ({ formElement }) => {
	return async ({ result, update }) => {
		await update();
		if (result.type === 'failure') {
			await tick();
			formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
	};
};

/** Mirrors officers.MAX_PHOTO_BYTES; the server checks again, this only saves a long upload. */
export const MAX_PHOTO_BYTES = 300 * 1024;

/**
 * focusFirstError for forms with a photo field: a file over the limit is refused in the
 * browser before it is sent (a large body would otherwise meet the server's body limit).
 */
export function checkPhotoFirst(onTooBig: (tooBig: boolean) => void): SubmitFunction {
	return (input) => {
		const file = input.formData.get('photo');
		const tooBig = file instanceof File && file.size > MAX_PHOTO_BYTES;
		onTooBig(tooBig);
		if (tooBig) {
			input.cancel();
			tick().then(() => input.formElement.querySelector<HTMLElement>('[name="photo"]')?.focus());
			return;
		}
		return focusFirstError(input);
	};
}

/**
 * use:enhance that keeps what was typed after any answer (no form reset) and then focuses the
 * first field marked invalid: for pages with several small forms (kiosk, user).
 */
export const keepValuesFocusInvalid: SubmitFunction = ({ formElement }) => {
	return async ({ update }) => {
		await update({ reset: false });
		await focusFirstInvalid(formElement);
	};
};
