import type { FieldError, Question, SurveyDefinition } from './survey-model';

/**
 * What may change between two versions of one survey. Figures merge across versions by survey
 * and question key (the dashboard's survey filter sums every version), so a key must keep its
 * meaning: the same type, and for a rating the same number of levels and the same satisfied
 * threshold. Wording, order, options, conditions and new questions may change freely; a
 * question whose scale changes needs a new key (or a new survey).
 */

/** The last version each key appeared in, with its question there. */
function lastSeen(previous: readonly SurveyDefinition[]): Map<string, { q: Question; v: number }> {
	const seen = new Map<string, { q: Question; v: number }>();
	previous.forEach((def, i) => {
		for (const q of def.questions) seen.set(q.key, { q, v: i + 1 });
	});
	return seen;
}

/**
 * Problems that stop `next` from being published after `previous` (oldest first, so index 0 is
 * version 1). Paths point at the question of `next` that breaks the rule.
 */
export function compatibilityErrors(
	previous: readonly SurveyDefinition[],
	next: SurveyDefinition
): FieldError[] {
	if (previous.length === 0) return [];
	const errors: FieldError[] = [];
	const latest = previous[previous.length - 1];
	if (next.mainQuestion !== latest.mainQuestion) {
		errors.push({
			path: 'mainQuestion',
			message: `the main question must stay '${latest.mainQuestion}' as in version ${previous.length}, so figures stay comparable`
		});
	}
	const seen = lastSeen(previous);
	next.questions.forEach((q, i) => {
		const before = seen.get(q.key);
		if (!before) return;
		const at = `questions[${i}]`;
		const was = before.q;
		if (was.type !== q.type) {
			errors.push({
				path: `${at}.type`,
				message: `'${q.key}' was ${was.type} in version ${before.v}; a changed question needs a new key`
			});
			return;
		}
		if (was.type === 'rating' && q.type === 'rating') {
			if (was.levels.length !== q.levels.length) {
				errors.push({
					path: `${at}.levels`,
					message: `'${q.key}' had ${was.levels.length} levels in version ${before.v}; a different scale needs a new key`
				});
			} else if (was.satisfiedFrom !== q.satisfiedFrom) {
				errors.push({
					path: `${at}.satisfiedFrom`,
					message: `'${q.key}' counted level ${was.satisfiedFrom} and above as satisfied in version ${before.v}; keep it so rates stay comparable`
				});
			}
		}
	});
	return errors;
}
