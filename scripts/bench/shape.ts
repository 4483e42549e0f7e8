/**
 * The shape of a province's year of answers, after the demo generator (src/lib/server/demo/
 * day.ts and answers.ts): the same weekday, month and hour curves, procedure-field weights,
 * satisfaction mix per unit, reasons, flags and phone-survey share. It is restated here rather
 * than imported because the benchmark needs five million rows in a couple of minutes, written
 * straight to SQLite, and a stable recipe while the demo evolves.
 */

// sfc32 seeded by cyrb128, as the demo's Rng: cheap and deterministic per key.
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(key: string) {
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
		this.a = Math.imul(h3 ^ (h1 >>> 18), 597399067) >>> 0;
		this.b = Math.imul(h4 ^ (h2 >>> 22), 2869860233) >>> 0;
		this.c = Math.imul(h1 ^ (h3 >>> 17), 951274213) >>> 0;
		this.d = Math.imul(h2 ^ (h4 >>> 19), 2716044179) >>> 0;
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

	next(): number {
		return this.uint32() / 4294967296;
	}

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

	weighted(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += w;
		let x = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			x -= weights[i];
			if (x < 0) return i;
		}
		return weights.length - 1;
	}

	/** Time-ordered UUID (version 7 layout): rows inserted in time order append to the index. */
	uuidAt(ms: number): string {
		const t = Math.floor(ms).toString(16).padStart(12, '0');
		const hex = (n: number) => n.toString(16).padStart(8, '0');
		const b = hex(this.uint32());
		const c = hex(this.uint32());
		const d = hex(this.uint32());
		const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
		return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${b.slice(1, 4)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
	}
}

export const WEEKDAY_FACTOR = [0, 1.6, 1.1, 1.0, 1.0, 0.85, 0.3, 0];
export const MONTH_FACTOR = [0, 1.15, 0.85, 1.0, 0.95, 1.0, 1.0, 1.0, 1.1, 1.0, 0.95, 1.0, 1.1];

export const FIELDS = [
	{ code: 'ho-tich', nameVi: 'Hộ tịch', weight: 30 },
	{ code: 'chung-thuc', nameVi: 'Chứng thực', weight: 34 },
	{ code: 'dat-dai', nameVi: 'Đất đai', weight: 12 },
	{ code: 'xay-dung', nameVi: 'Xây dựng', weight: 4 },
	{ code: 'bao-tro-xa-hoi', nameVi: 'Bảo trợ xã hội', weight: 8 },
	{ code: 'nguoi-co-cong', nameVi: 'Người có công', weight: 3 },
	{ code: 'ly-lich-tu-phap', nameVi: 'Lý lịch tư pháp', weight: 3 },
	{ code: 'ho-kinh-doanh', nameVi: 'Hộ kinh doanh', weight: 6 }
];
export const FIELD_WEIGHTS = FIELDS.map((f) => f.weight);

/** Desk roles and the fields each handles; a counter takes roles r with r % counters == i. */
export const ROLES: string[][] = [
	['ho-tich', 'chung-thuc', 'ly-lich-tu-phap'],
	['dat-dai', 'xay-dung'],
	['bao-tro-xa-hoi', 'nguoi-co-cong'],
	['ho-kinh-doanh']
];

export const REASONS = [
	'wait',
	'attitude',
	'guidance',
	'resubmit',
	'late',
	'fees',
	'facilities',
	'other'
];
export const REASON_WEIGHTS = [30, 12, 18, 14, 9, 5, 8, 4];

export const SIPAS_LEVELS = [3, 6, 15, 44, 32];

// Public holidays of 2026 on which desks are closed (demo calendar.ts).
const HOLIDAYS = new Set<string>();
for (const [first, days] of [
	['2026-01-01', 4],
	['2026-02-14', 9],
	['2026-04-27', 1],
	['2026-04-30', 4],
	['2026-08-29', 5]
] as const) {
	for (let i = 0; i < days; i++) {
		const d = new Date(`${first}T00:00:00Z`);
		d.setUTCDate(d.getUTCDate() + i);
		HOLIDAYS.add(d.toISOString().slice(0, 10));
	}
}

export function isOpenDay(date: string, weekday: number): boolean {
	return weekday !== 7 && !HOLIDAYS.has(date);
}

/** Seconds after local midnight of one desk response, and whether it falls out of hours. */
export function deskSecond(rng: Rng, saturday: boolean): [number, boolean] {
	const hours = (h: number) => Math.round(h * 3600);
	if (saturday) return [hours(7.5 + 4 * ((rng.next() + rng.next()) / 2)), false];
	const r = rng.next();
	if (r < 0.01) {
		return [rng.chance(0.5) ? hours(rng.range(5.75, 6.9)) : hours(rng.range(17.6, 20.5)), true];
	}
	if (r < 0.04) {
		return [rng.chance(0.5) ? hours(rng.range(11.5, 12)) : hours(rng.range(13, 13.5)), false];
	}
	const shape = () => (rng.chance(0.4) ? rng.next() : (rng.next() + rng.next()) / 2);
	if (r < 0.64) return [hours(7.5 + 4 * shape()), false];
	return [hours(13.5 + 3.5 * shape()), false];
}

export function chooseReasons(rng: Rng, field: string): string[] {
	const land = field === 'dat-dai' || field === 'xay-dung';
	const weights = REASONS.map((r, i) =>
		land && (r === 'resubmit' || r === 'late') ? REASON_WEIGHTS[i] * 2.5 : REASON_WEIGHTS[i]
	);
	const k = rng.weighted([60, 30, 10]) + 1;
	const chosen = new Set<number>();
	while (chosen.size < k) chosen.add(rng.weighted(weights));
	return [...chosen].sort((a, b) => a - b).map((i) => REASONS[i]);
}

export const COMMENTS = {
	unhappy: [
		'Phải chờ quá lâu mới đến lượt.',
		'Cán bộ hướng dẫn chưa rõ, phải đi lại nhiều lần.',
		'Hồ sơ bị trả về vì thiếu giấy tờ mà không được báo trước.'
	],
	happy: ['Cán bộ nhiệt tình, cảm ơn.', 'Nhanh gọn, dễ hiểu.'],
	neutral: ['Bình thường.']
};
