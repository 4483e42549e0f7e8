import { tick } from 'svelte';

/**
 * After a refused submission, puts the keyboard on the first field marked invalid, so its error
 * (tied to it by aria-describedby) is read out. TODO(admin): move to $lib/components with the
 * other shared form helpers; it lives here because this change may only touch its own routes.
 */
export async function focusFirstInvalid(form: HTMLFormElement): Promise<void> {
	await tick();
	if (!form.isConnected) return;
	form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
