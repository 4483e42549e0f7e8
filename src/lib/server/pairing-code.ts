import { createHash, randomBytes } from 'node:crypto';
import { normalizePairingCode } from '../domain/pairing-code';

// A kiosk's one-time pairing code: how it is made, read and stored (only its SHA-256). Kept free
// of other imports so the browser tests can make one for a kiosk copy (tests/e2e/db.ts).

// Crockford-style alphabet: no I, L, O, U, so a code read aloud or typed on a tablet is unambiguous.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export { normalizePairingCode };

/** A fresh code, as shown to the administrator: 'XXXX-XXXX'. */
export function newPairingCode(): string {
	const bytes = randomBytes(8);
	const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('');
	return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What the kiosks table stores for a code (the hash of its normalized form). */
export function pairingCodeHash(code: string): string {
	return createHash('sha256').update(normalizePairingCode(code), 'utf8').digest('hex');
}
