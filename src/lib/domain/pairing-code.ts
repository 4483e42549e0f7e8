/**
 * A pairing code as typed: 'abcd-2345' and 'ABCD2345' are the same code, and the letters left
 * out of the alphabet (O, I, L) read as the digits they look like. Shared by the kiosk's form
 * check and the server (server/pairing-code.ts), so both read a code the same way.
 */
export function normalizePairingCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
