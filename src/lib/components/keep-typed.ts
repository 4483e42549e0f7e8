/**
 * What a person typed before the client script arrived survives hydration.
 *
 * Svelte sets `value`, `checked` and `selected` from component state when it hydrates a page the
 * server rendered: `value={form?.values?.username ?? ''}` writes '' over a name typed while the
 * script was still loading (a slow tablet, a busy server). The password beside it, which has no
 * `value`, keeps its text, so the form comes back half empty. `bind:value` already prefers the
 * DOM; plain `value=`, `checked=` and `<option selected=>` do not. Rather than rely on every form
 * being written one way, the root layout notes each control a person changed before hydration
 * (its value differs from what the server sent) and puts it back once hydration is done.
 */

type Noted =
	| { kind: 'value'; el: HTMLInputElement | HTMLTextAreaElement; value: string }
	| { kind: 'checked'; el: HTMLInputElement; checked: boolean }
	| { kind: 'select'; el: HTMLSelectElement; selected: boolean[] };

const NOT_TYPED = new Set(['hidden', 'file', 'submit', 'reset', 'button', 'image']);

/** The options a select shows when nobody has touched it, as the browser chooses them. */
function defaultSelection(select: HTMLSelectElement): boolean[] {
	const options = [...select.options];
	if (select.multiple) return options.map((o) => o.defaultSelected);
	let index = -1;
	options.forEach((o, i) => {
		if (o.defaultSelected) index = i;
	});
	if (index < 0 && select.size <= 1) index = options.findIndex((o) => !o.disabled);
	return options.map((_, i) => i === index);
}

function sameSelection(a: boolean[], b: boolean[]): boolean {
	return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The controls under `root` whose state a person changed from what the server rendered. */
export function noteChanged(root: ParentNode): Noted[] {
	const noted: Noted[] = [];
	for (const el of root.querySelectorAll('input, textarea, select')) {
		if (el instanceof HTMLInputElement) {
			if (NOT_TYPED.has(el.type)) continue;
			if (el.type === 'radio') {
				// A person can only pick a radio; picking it unpicks the rest of its group.
				if (el.checked && !el.defaultChecked) noted.push({ kind: 'checked', el, checked: true });
			} else if (el.type === 'checkbox') {
				if (el.checked !== el.defaultChecked)
					noted.push({ kind: 'checked', el, checked: el.checked });
			} else if (el.value !== el.defaultValue) {
				noted.push({ kind: 'value', el, value: el.value });
			}
		} else if (el instanceof HTMLTextAreaElement) {
			if (el.value !== el.defaultValue) noted.push({ kind: 'value', el, value: el.value });
		} else if (el instanceof HTMLSelectElement) {
			const selected = [...el.options].map((o) => o.selected);
			if (!sameSelection(selected, defaultSelection(el)))
				noted.push({ kind: 'select', el, selected });
		}
	}
	return noted;
}

/**
 * Puts back what hydration overwrote, and tells the page's own handlers (`bind:`, `oninput`) as
 * if the person had just typed it. Controls hydration left alone are not touched.
 */
export function restoreChanged(noted: Noted[]): number {
	let restored = 0;
	for (const n of noted) {
		if (!n.el.isConnected) continue;
		if (n.kind === 'value') {
			if (n.el.value === n.value) continue;
			n.el.value = n.value;
		} else if (n.kind === 'checked') {
			if (n.el.checked === n.checked) continue;
			n.el.checked = n.checked;
		} else {
			const options = [...n.el.options];
			if (options.length !== n.selected.length) continue;
			if (
				sameSelection(
					options.map((o) => o.selected),
					n.selected
				)
			)
				continue;
			options.forEach((o, i) => (o.selected = n.selected[i]));
		}
		n.el.dispatchEvent(new Event('input', { bubbles: true }));
		n.el.dispatchEvent(new Event('change', { bubbles: true }));
		restored++;
	}
	return restored;
}
