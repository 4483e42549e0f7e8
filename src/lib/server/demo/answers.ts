import { isShown } from '../../domain/conditions';
import type { ChoiceQuestion } from '../../domain/survey';
import type { Draft } from './model';
import { HAPPY_COMMENTS, NEUTRAL_COMMENTS, UNHAPPY_COMMENTS } from './names';
import type { Rng } from './random';

// Waiting and unclear guidance dominate complaints at commune desks; unknown options (a reworded
// survey) still get a small share.
const REASON_WEIGHTS: Record<string, number> = {
	wait: 30,
	attitude: 12,
	guidance: 18,
	resubmit: 14,
	late: 9,
	fees: 5,
	facilities: 8,
	other: 4
};
// Vietnamese mobile numbers: ten digits, mostly 09x, also the newer 03x, 07x, 08x ranges.
const PHONE_PREFIXES = ['09', '09', '09', '03', '08', '07'];

function chooseReasons(rng: Rng, q: ChoiceQuestion, field: string) {
	const land = field === 'dat-dai' || field === 'xay-dung';
	const options = q.options.map((o) => o.value);
	const weights = options.map((v) => {
		const w = REASON_WEIGHTS[v] ?? 3;
		return land && (v === 'resubmit' || v === 'late') ? w * 2.5 : w;
	});
	const k = rng.weightedIndex([60, 30, 10]) + 1;
	const chosen = new Set<number>();
	while (chosen.size < Math.min(k, options.length)) {
		const i = rng.weightedIndex(weights);
		chosen.add(i);
	}
	// Stored in the order the chips appear on screen.
	return [...chosen].sort((a, b) => a - b).map((i) => options[i]);
}

function unhappyComment(rng: Rng, reasons: string[]): string {
	const topic = reasons.length > 0 ? rng.pick(reasons) : rng.pick(Object.keys(UNHAPPY_COMMENTS));
	return rng.pick(UNHAPPY_COMMENTS[topic] ?? UNHAPPY_COMMENTS.other);
}

/**
 * Answers the questions the survey would have shown, in its order (as validateAnswers checks
 * them), so that a hidden question, such as the reasons after a good desk rating, never carries
 * an answer. The phone number goes only to the follow-up case, as responses.record keeps it.
 */
export function fillAnswers(rng: Rng, d: Draft): void {
	const def = d.survey.def;
	const main = def.questions.find((q) => q.key === def.mainQuestion);
	const top = main?.type === 'rating' ? main.levels.length : 3;
	if (d.tap) {
		d.answers[def.mainQuestion] = d.level;
		d.durationMs = rng.int(3000, 4000);
		return;
	}
	let seconds = rng.range(2.5, d.level === top ? 8 : 12);
	let reasons: string[] = [];
	for (const q of def.questions) {
		if (!isShown(q, d.answers)) continue;
		if (q.key === def.mainQuestion) {
			d.answers[q.key] = d.level;
			continue;
		}
		switch (q.type) {
			case 'rating': {
				// Criterion answers sit around the overall verdict; complaint-handling items are
				// often skipped by residents who never complained.
				if ((q.group === 'feedback' && rng.chance(0.45)) || rng.chance(0.03)) break;
				const shift = rng.weightedIndex([20, 60, 20]) - 1;
				d.answers[q.key] = Math.min(q.levels.length, Math.max(1, d.level + shift));
				seconds += rng.range(3, 9);
				break;
			}
			case 'officer':
				if (d.officerId) {
					d.answers[q.key] = d.officerId;
					seconds += rng.range(1.5, 4);
				}
				break;
			case 'procedure_field':
				if (d.fieldId) {
					d.answers[q.key] = d.fieldId;
					seconds += rng.range(1.5, 4);
				}
				break;
			case 'multi_choice':
				if (rng.chance(0.85)) {
					reasons = chooseReasons(rng, q, d.field);
					d.answers[q.key] = reasons;
					seconds += 3 + 2 * reasons.length;
				}
				break;
			case 'single_choice':
				if (rng.chance(0.6)) d.answers[q.key] = rng.pick(q.options).value;
				break;
			case 'text': {
				const low = d.level <= Math.ceil(top / 3);
				const p = low ? (reasons.includes('other') ? 0.8 : 0.35) : 0.08;
				if (rng.chance(p)) {
					d.answers[q.key] = low
						? unhappyComment(rng, reasons)
						: d.level >= top - 1
							? rng.pick(HAPPY_COMMENTS)
							: rng.pick(NEUTRAL_COMMENTS);
					seconds += rng.range(10, 22);
				}
				break;
			}
			case 'phone':
				if (rng.chance(0.18)) {
					d.phone = rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
					seconds += rng.range(6, 10);
				}
				break;
			default:
				break;
		}
	}
	// A desk survey takes 3-40 s; the long SIPAS form takes minutes of reading.
	const long = def.questions.length > 8;
	d.durationMs = long
		? Math.round(seconds * 1000) + rng.int(30_000, 120_000)
		: Math.round(Math.min(40, Math.max(3, seconds)) * 1000);
}

/** The answer to the first question of a type (officer, field), as record() fills the columns. */
export function answerOfType(d: Draft, type: 'officer' | 'procedure_field'): string | null {
	const q = d.survey.def.questions.find((x) => x.type === type);
	const value = q ? d.answers[q.key] : undefined;
	return typeof value === 'string' ? value : null;
}
