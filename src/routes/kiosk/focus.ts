import type { Attachment } from 'svelte/attachments';

/**
 * Moves focus to a new screen's heading, so that a screen reader announces the screen and a
 * keyboard user continues from its top rather than from a button that no longer exists.
 */
export const focusOnMount: Attachment<HTMLElement> = (node) => {
	node.focus({ preventScroll: true });
};
