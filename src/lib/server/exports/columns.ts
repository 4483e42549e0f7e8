import type { Question } from '../../domain/survey';
import type { Labels } from './request';
import type { VersionInfo } from './lookups';

// The columns of the "Phản hồi" sheet and CSV: fixed ones, then one per question key of the
// survey versions in the export (select-many: one 0/1 column per option and a joined text
// column), then the flags. Phone questions never get a column (the number lives only in the
// follow-up case, and is never exported); officer and procedure field have fixed columns.

export type CellKind = 'datetime' | 'text' | 'int' | 'percent' | 'number' | 'date';

export interface Column {
	header: string;
	kind: CellKind;
	width: number;
}

/** A cell: text, a number, or a Vietnam wall-clock time held as a UTC Date (Excel has no zone). */
export type Cell = string | number | Date | null;

export const FIXED_COLUMNS: Column[] = [
	{ header: 'Thời gian (giờ Việt Nam)', kind: 'datetime', width: 20 },
	{ header: 'Mã phản hồi', kind: 'text', width: 38 },
	{ header: 'Mã đơn vị', kind: 'text', width: 16 },
	{ header: 'Đơn vị', kind: 'text', width: 30 },
	{ header: 'Quầy', kind: 'text', width: 14 },
	{ header: 'Cán bộ', kind: 'text', width: 24 },
	{ header: 'Lĩnh vực', kind: 'text', width: 20 },
	{ header: 'Kênh', kind: 'text', width: 8 },
	{ header: 'Khảo sát', kind: 'text', width: 16 },
	{ header: 'Phiên bản', kind: 'int', width: 10 },
	{ header: 'Hài lòng', kind: 'int', width: 10 }
];

export const FLAG_COLUMNS: Column[] = [
	{ header: 'Gửi dồn dập', kind: 'int', width: 12 },
	{ header: 'Ngoài giờ làm việc', kind: 'int', width: 12 }
];

export interface QuestionColumn {
	key: string;
	type: Question['type'];
	/** multi_choice: the options, each a 0/1 column before the joined text column. */
	options: string[];
}

const SKIPPED: Question['type'][] = ['phone', 'officer', 'procedure_field'];

/** Question columns of the versions in the export, in the order questions first appear. */
export function questionColumns(versions: VersionInfo[]): QuestionColumn[] {
	const ordered = [...versions].sort(
		(a, b) => a.surveyCode.localeCompare(b.surveyCode) || a.version - b.version
	);
	const out = new Map<string, QuestionColumn>();
	for (const v of ordered) {
		for (const q of v.definition.questions) {
			if (SKIPPED.includes(q.type)) continue;
			let col = out.get(q.key);
			if (!col) {
				col = { key: q.key, type: q.type, options: [] };
				out.set(q.key, col);
			}
			if (q.type === 'multi_choice') {
				for (const o of q.options) if (!col.options.includes(o.value)) col.options.push(o.value);
			}
		}
	}
	return [...out.values()];
}

export function answerHeaders(questions: QuestionColumn[], labels: Labels): Column[] {
	const out: Column[] = [];
	for (const q of questions) {
		if (q.type === 'multi_choice') {
			for (const o of q.options) out.push({ header: `${q.key}.${o}`, kind: 'int', width: 8 });
			out.push({ header: q.key, kind: 'text', width: 30 });
		} else if (q.type === 'text') {
			out.push({ header: q.key, kind: 'text', width: 40 });
		} else if ((q.type === 'rating' || q.type === 'single_choice') && labels === 'text') {
			out.push({ header: q.key, kind: 'text', width: 18 });
		} else {
			out.push({ header: q.key, kind: q.type === 'single_choice' ? 'text' : 'int', width: 12 });
		}
	}
	return out;
}

export interface StoredAnswer {
	questionKey: string;
	seq: number;
	valueInt: number | null;
	valueText: string | null;
}

/** The question cells of one response, in the order of answerHeaders. */
export function answerCells(
	questions: QuestionColumn[],
	labels: Labels,
	version: VersionInfo | undefined,
	answers: StoredAnswer[]
): Cell[] {
	const byKey = new Map<string, StoredAnswer[]>();
	for (const a of answers) {
		const list = byKey.get(a.questionKey);
		if (list) list.push(a);
		else byKey.set(a.questionKey, [a]);
	}
	const defs = new Map(version?.definition.questions.map((q) => [q.key, q]) ?? []);
	const label = (key: string, value: string | number): string => {
		const q = defs.get(key);
		if (q?.type === 'rating') return q.levels.find((l) => l.value === value)?.label.vi ?? '';
		if (q?.type === 'single_choice' || q?.type === 'multi_choice') {
			return q.options.find((o) => o.value === value)?.label.vi ?? String(value);
		}
		return String(value);
	};
	const cells: Cell[] = [];
	for (const q of questions) {
		const given = (byKey.get(q.key) ?? []).sort((a, b) => a.seq - b.seq);
		const values = given.map((a) => a.valueInt ?? a.valueText).filter((x) => x !== null);
		if (q.type === 'multi_choice') {
			for (const o of q.options) cells.push(given.length ? Number(values.includes(o)) : null);
			const shown = values.map((v) => (labels === 'text' ? label(q.key, v) : String(v)));
			cells.push(shown.length ? shown.join('; ') : null);
		} else if (values.length === 0) {
			cells.push(null);
		} else if ((q.type === 'rating' || q.type === 'single_choice') && labels === 'text') {
			cells.push(label(q.key, values[0]));
		} else {
			cells.push(values[0]);
		}
	}
	return cells;
}
