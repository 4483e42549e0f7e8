import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane); about 30 ms here.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password.normalize('NFC'));
	} catch {
		return false;
	}
}

export const MIN_PASSWORD_LENGTH = 10;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_username' | 'too_simple';

/** Strength rules for passwords people choose (generated ones always pass). */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
	if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
	if (password.length > 200) return 'too_long';
	if (username && password.toLowerCase().includes(username.toLowerCase())) {
		return 'contains_username';
	}
	const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password));
	if (classes.length < 2 || new Set(password).size < 5) return 'too_simple';
	return null;
}

/** A readable generated password: 4 groups of 4 from an alphabet without look-alikes. */
export function generatePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
	// Modulo bias over 54 symbols from 256 values is small and irrelevant for 16 characters.
	return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
