/**
 * Seeded randomness for the demo. Every stream is keyed by a string such as 'HG-PH-CAYDUONG|
 * 2024-03-04', so one unit-day comes out the same whichever run, machine or range produced it.
 * sfc32 keeps 128 bits of state: with thousands of unit-day streams, a 32-bit generator such as
 * mulberry32 would make two streams collide (and repeat ids) with a few per cent probability.
 */

/** cyrb128: a fast 128-bit string hash, used only to seed sfc32 (not for anything secret). */
export function cyrb128(key: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < key.length; i++) {
		const k = key.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(key: string) {
		[this.a, this.b, this.c, this.d] = cyrb128(key);
		// The first outputs of sfc32 still echo the seed; discard them.
		for (let i = 0; i < 12; i++) this.uint32();
	}

	uint32(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.uint32() / 4294967296;
	}

	/** Uniform integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	range(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Index chosen with probability proportional to its weight. */
	weightedIndex(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += w;
		let x = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			x -= weights[i];
			if (x < 0) return i;
		}
		return weights.length - 1;
	}

	shuffle<T>(items: readonly T[]): T[] {
		const out = [...items];
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[out[i], out[j]] = [out[j], out[i]];
		}
		return out;
	}

	/**
	 * A UUID in the version 7 layout (time first), so that a month of responses is appended near
	 * the end of the primary-key index instead of scattered through it: a faster seed.
	 */
	uuidAt(ms: number): string {
		const t = Math.floor(ms).toString(16).padStart(12, '0');
		const b = this.uint32().toString(16).padStart(8, '0');
		const c = this.uint32().toString(16).padStart(8, '0');
		const d = this.uint32().toString(16).padStart(8, '0');
		const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
		return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${b.slice(1, 4)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
	}

	/** A version-4-shaped UUID drawn from this stream, so demo rows get the same ids every run. */
	uuid(): string {
		const hex = (n: number) => n.toString(16).padStart(8, '0');
		const a = hex(this.uint32());
		const b = hex(this.uint32());
		const c = hex(this.uint32());
		const d = hex(this.uint32());
		const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
		return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
	}
}

/** A deterministic id for a named demo row (a counter, an officer, a survey version…). */
export function demoId(...parts: (string | number)[]): string {
	return new Rng(`id|${parts.join('|')}`).uuid();
}
