/**
 * A same-origin path to send the browser back to, or null. Only '/x…' passes: '//host' and
 * '/\host' are protocol-relative to browsers (an open redirect), and control characters could
 * split a header.
 */
export function safeRelativePath(value: unknown): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(value)) return null;
	return value;
}
