import type { UnitKind } from '../units';

/**
 * The demo map: Phụng Hiệp district of Hậu Giang before 1/7/2025, and the communes of the new
 * Cần Thơ city on the same ground after it. Names are public facts (DOMAIN.md); which old unit
 * went into which new commune is illustrative, and the volumes are invented.
 */

export const MERGE_DATE = '2025-07-01';
export const LAST_OLD_DATE = '2025-06-30';

export interface DemoPlace {
	code: string;
	name: string;
	kind: UnitKind;
	/** Typical responses on an ordinary weekday before weekday and season factors. */
	base: number;
	/** Some one-stop desks also receive dossiers on Saturday morning. */
	saturday: boolean;
}

export const PROVINCE = { code: 'HG', name: 'Tỉnh Hậu Giang', kind: 'province' } as const;
export const DISTRICT = { code: 'HG-PH', name: 'Huyện Phụng Hiệp', kind: 'district' } as const;
export const CITY = { code: 'CT', name: 'Thành phố Cần Thơ', kind: 'city' } as const;

function town(slug: string, name: string, base: number, saturday: boolean): DemoPlace {
	return { code: `HG-PH-${slug}`, name: `Thị trấn ${name}`, kind: 'town', base, saturday };
}

function oldCommune(slug: string, name: string, base: number, saturday = false): DemoPlace {
	return { code: `HG-PH-${slug}`, name: `Xã ${name}`, kind: 'commune', base, saturday };
}

/** The 15 commune-level units of Phụng Hiệp district until 30/6/2025. */
export const OLD_COMMUNES: DemoPlace[] = [
	town('CAYDUONG', 'Cây Dương', 26, true),
	town('KINHCUNG', 'Kinh Cùng', 20, true),
	town('BUNGTAU', 'Búng Tàu', 18, false),
	oldCommune('TANBINH', 'Tân Bình', 16, true),
	oldCommune('BINHTHANH', 'Bình Thành', 12),
	oldCommune('THANHHOA', 'Thạnh Hòa', 15),
	oldCommune('LONGTHANH', 'Long Thạnh', 13),
	oldCommune('PHUNGHIEP', 'Phụng Hiệp', 14),
	oldCommune('HOAAN', 'Hòa An', 16, true),
	oldCommune('HOAMY', 'Hòa Mỹ', 12),
	oldCommune('PHUONGBINH', 'Phương Bình', 13),
	oldCommune('HIEPHUNG', 'Hiệp Hưng', 14),
	oldCommune('TANPHUOCHUNG', 'Tân Phước Hưng', 18),
	oldCommune('PHUONGPHU', 'Phương Phú', 11),
	oldCommune('TANLONG', 'Tân Long', 10)
];

export interface NewPlace extends DemoPlace {
	/** Codes of the old units it absorbed (illustrative). */
	predecessors: string[];
}

function newCommune(
	slug: string,
	name: string,
	predecessors: string[],
	saturday: boolean
): NewPlace {
	const codes = predecessors.map((p) => `HG-PH-${p}`);
	// A merged commune serves the people of all its predecessors at one desk, a little fewer
	// than before since some now file online or at the city's centre.
	const base = Math.round(
		0.95 * codes.reduce((sum, c) => sum + OLD_COMMUNES.find((o) => o.code === c)!.base, 0)
	);
	return {
		code: `CT-${slug}`,
		name: `Xã ${name}`,
		kind: 'commune',
		base,
		saturday,
		predecessors: codes
	};
}

/** New communes of Cần Thơ on the former Phụng Hiệp district, from 1/7/2025. */
export const NEW_COMMUNES: NewPlace[] = [
	newCommune('TANBINH', 'Tân Bình', ['TANBINH', 'BINHTHANH', 'LONGTHANH'], true),
	newCommune('HOAAN', 'Hòa An', ['HOAAN', 'HOAMY'], true),
	newCommune('PHUONGBINH', 'Phương Bình', ['PHUONGBINH', 'PHUONGPHU'], false),
	newCommune('TANPHUOCHUNG', 'Tân Phước Hưng', ['TANPHUOCHUNG', 'BUNGTAU'], false),
	newCommune('HIEPHUNG', 'Hiệp Hưng', ['HIEPHUNG', 'KINHCUNG'], true),
	newCommune('PHUNGHIEP', 'Phụng Hiệp', ['PHUNGHIEP', 'CAYDUONG', 'TANLONG'], true),
	newCommune('THANHHOA', 'Thạnh Hòa', ['THANHHOA'], false)
];

/**
 * Counters whose residents are often unhappy, so that the figures have something to find:
 * unit code, counter number and the share of "Không hài lòng" there.
 */
export const UNHAPPY_COUNTERS: { unit: string; counter: number; dissatisfied: number }[] = [
	{ unit: 'HG-PH-KINHCUNG', counter: 2, dissatisfied: 0.32 },
	{ unit: 'HG-PH-HOAMY', counter: 1, dissatisfied: 0.27 },
	{ unit: 'CT-HIEPHUNG', counter: 2, dissatisfied: 0.36 }
];

export interface DemoField {
	code: string;
	nameVi: string;
	nameEn: string;
	/** Relative share of dossiers at a commune desk. */
	weight: number;
}

export const PROCEDURE_FIELDS: DemoField[] = [
	{ code: 'ho-tich', nameVi: 'Hộ tịch', nameEn: 'Civil status registration', weight: 30 },
	{ code: 'chung-thuc', nameVi: 'Chứng thực', nameEn: 'Certification', weight: 34 },
	{ code: 'dat-dai', nameVi: 'Đất đai', nameEn: 'Land', weight: 12 },
	{ code: 'xay-dung', nameVi: 'Xây dựng', nameEn: 'Construction', weight: 4 },
	{ code: 'bao-tro-xa-hoi', nameVi: 'Bảo trợ xã hội', nameEn: 'Social protection', weight: 8 },
	{
		code: 'nguoi-co-cong',
		nameVi: 'Người có công',
		nameEn: 'People with meritorious service',
		weight: 3
	},
	{ code: 'ly-lich-tu-phap', nameVi: 'Lý lịch tư pháp', nameEn: 'Judicial record', weight: 3 },
	{ code: 'ho-kinh-doanh', nameVi: 'Hộ kinh doanh', nameEn: 'Household business', weight: 6 }
];

/**
 * The desk roles of a commune and the fields each handles. With fewer counters than roles, a
 * counter takes several roles, as small communes do.
 */
export const DESK_ROLES: { title: string; fields: string[] }[] = [
	{ title: 'Công chức Tư pháp - Hộ tịch', fields: ['ho-tich', 'chung-thuc', 'ly-lich-tu-phap'] },
	{ title: 'Công chức Địa chính - Xây dựng', fields: ['dat-dai', 'xay-dung'] },
	{ title: 'Công chức Văn hóa - Xã hội', fields: ['bao-tro-xa-hoi', 'nguoi-co-cong'] },
	{ title: 'Công chức Văn phòng - Thống kê', fields: ['ho-kinh-doanh'] }
];
