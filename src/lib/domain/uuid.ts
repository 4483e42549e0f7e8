/**
 * Answer ids as time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then 74
 * random bits. The kiosk and the phone form make an answer's id; the server keys the answer and
 * its answers' rows by it. Random (version 4) ids land on a random page of those B-trees at
 * every insert, so each answer rewrote a page of each; ids that grow with time are written side
 * by side, a few pages per batch. Still unguessable (74 random bits) and still a plain UUID to
 * everything that reads one. Runs in browsers and in Node (Web Crypto).
 */
export function uuidV7(now: number = Date.now()): string {
	const b = crypto.getRandomValues(new Uint8Array(16));
	let ms = Math.max(0, Math.floor(now));
	for (let i = 5; i >= 0; i--) {
		b[i] = ms % 256;
		ms = Math.floor(ms / 256);
	}
	b[6] = (b[6] & 0x0f) | 0x70;
	b[8] = (b[8] & 0x3f) | 0x80;
	const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
