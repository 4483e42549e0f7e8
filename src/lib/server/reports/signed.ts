import type { MessageKey } from '../../i18n';

/**
 * The signed copy an office attaches to an archived report: a PDF (checked by its first bytes,
 * not only by the name or type the browser claims), at most MAX_SIGNED_BYTES. Bigger bodies are
 * refused earlier by adapter-node's BODY_SIZE_LIMIT unless it is raised (README).
 */
export const MAX_SIGNED_BYTES = 10 * 1024 * 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

export type SignedCheck =
	{ ok: true; name: string; content: Uint8Array } | { ok: false; key: MessageKey };

export async function checkSignedPdf(value: FormDataEntryValue | null): Promise<SignedCheck> {
	if (!value || typeof value === 'string' || value.size === 0) {
		return { ok: false, key: 'admin.reports.err.signed_required' };
	}
	if (value.size > MAX_SIGNED_BYTES)
		return { ok: false, key: 'admin.reports.err.signed_too_large' };
	const content = new Uint8Array(await value.arrayBuffer());
	const isPdf = PDF_MAGIC.every((b, i) => content[i] === b);
	const claimed = value.type === 'application/pdf' || /\.pdf$/i.test(value.name);
	if (!isPdf || !claimed) return { ok: false, key: 'admin.reports.err.signed_type' };
	return { ok: true, name: value.name, content };
}
