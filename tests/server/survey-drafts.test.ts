import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src/lib/domain/kiosk-settings';
import type { SurveyDefinition } from '../../src/lib/domain/survey';
import * as surveyAdmin from '../../src/lib/server/survey-admin';
import * as drafts from '../../src/lib/server/survey-drafts';
import * as responses from '../../src/lib/server/responses';
import * as stats from '../../src/lib/server/stats';
import * as surveys from '../../src/lib/server/surveys';
import * as users from '../../src/lib/server/users';
import { publishTemplate, smallTree, testDb } from './helpers';

const actor = { id: 'u-admin', username: 'admin' };
const NOW = new Date('2026-03-03T02:00:00.000Z');

async function setup() {
	const db = await testDb();
	const user = await users.create(db, {
		username: 'admin',
		displayName: 'Admin',
		password: 'correct horse battery staple',
		role: 'admin'
	});
	actor.id = user.id;
	const tree = await smallTree(db);
	const { surveyId, versionId } = await publishTemplate(db, tree.p.id, 'desk3');
	return { db, tree, surveyId, versionId };
}

const json = (def: SurveyDefinition) => JSON.stringify(def);

describe('survey drafts and versions', () => {
	it('starts the next draft from the latest version and publishes it as version 2', async () => {
		const { db, tree, surveyId } = await setup();
		const start = await drafts.editable(db, (await surveyAdmin.byId(db, surveyId))!);
		expect(start?.hasDraft).toBe(false);
		expect(start?.versions).toHaveLength(1);
		const next: SurveyDefinition = {
			...start!.definition,
			title: { vi: 'Phiên bản hai' }
		};
		const saved = await drafts.saveDraft(db, actor, surveyId, json(next), start!.updatedAt, NOW);
		expect(saved.ok).toBe(true);
		expect((await drafts.editable(db, (await surveyAdmin.byId(db, surveyId))!))?.hasDraft).toBe(
			true
		);
		// The kiosk still answers version 1 while the draft is being edited.
		expect((await surveys.versionInForce(db, tree.c1.id, 'kiosk', '2026-03-03'))?.version).toBe(1);

		const published = await drafts.publish(db, actor, surveyId, json(next), saved.updatedAt!, NOW);
		expect(published).toEqual({ ok: true, version: 2 });
		const inForce = await surveys.versionInForce(db, tree.c1.id, 'kiosk', '2026-03-03');
		expect(inForce?.version).toBe(2);
		expect(inForce?.definition.title.vi).toBe('Phiên bản hai');
		const after = await drafts.editable(db, (await surveyAdmin.byId(db, surveyId))!);
		expect(after?.hasDraft).toBe(false);
		expect(after?.versions).toHaveLength(2);
		expect(after?.versions[1].title.vi).toBe('Phiên bản hai');
		const audit = await db.selectFrom('auditLog').select('action').orderBy('at').execute();
		expect(audit.map((a) => a.action)).toEqual(['survey.draft_saved', 'survey.published']);
	});

	it('refuses a stale save, invalid JSON, a hostile label and a changed scale, writing nothing', async () => {
		const { db, surveyId } = await setup();
		const start = (await drafts.editable(db, (await surveyAdmin.byId(db, surveyId))!))!;
		const ok = await drafts.saveDraft(db, actor, surveyId, json(start.definition), start.updatedAt);
		expect(ok.ok).toBe(true);
		const stale = await drafts.saveDraft(
			db,
			actor,
			surveyId,
			json(start.definition),
			start.updatedAt
		);
		expect(stale).toEqual({ ok: false, errors: [], stale: true });

		expect(await drafts.saveDraft(db, actor, surveyId, '{', null)).toEqual({
			ok: false,
			errors: [{ path: '', message: 'the survey is not valid JSON' }]
		});
		const hostile = structuredClone(start.definition);
		hostile.questions[0].prompt.vi = '<script>alert(1)</script>';
		const refused = await drafts.saveDraft(db, actor, surveyId, json(hostile), null);
		expect(refused.ok).toBe(false);
		expect(!refused.ok && refused.errors[0]).toEqual({
			path: 'questions[0].prompt.vi',
			message: 'must be plain text (no < or > or control characters)'
		});
		const huge = json({ ...start.definition, title: { vi: 'x'.repeat(300 * 1024) } });
		expect(await drafts.saveDraft(db, actor, surveyId, huge, null)).toMatchObject({ ok: false });

		const fourLevels = { ...start.definition };
		fourLevels.questions = [...structuredClone(start.definition.questions)];
		const main = fourLevels.questions[0];
		if (main.type !== 'rating') throw new Error('main is a rating');
		main.levels = [
			...main.levels,
			{ value: 4, label: { vi: 'Rất hài lòng' }, tone: 'very_positive' }
		];
		const scale = await drafts.publish(db, actor, surveyId, json(fourLevels), null);
		expect(scale.ok).toBe(false);
		expect(!scale.ok && scale.errors[0].path).toBe('questions[0].levels');
		const versions = await db.selectFrom('surveyVersions').select('version').execute();
		expect(versions).toHaveLength(1);
	});

	it('merges the answers to both versions in the figures of the survey', async () => {
		const { db, tree, surveyId, versionId } = await setup();
		const place: responses.Place = {
			channel: 'kiosk',
			unitId: tree.c1.id,
			counterId: null,
			kioskId: null,
			settings: { ...DEFAULT_KIOSK_SETTINGS, minIntervalSeconds: 0 }
		};
		const answer = (surveyVersionId: string, rating: number, minutes: number) =>
			responses.record(
				db,
				place,
				{
					id: randomUUID(),
					surveyVersionId,
					answers: { satisfaction: rating },
					submittedAt: new Date(NOW.getTime() + minutes * 60_000).toISOString()
				},
				new Date(NOW.getTime() + minutes * 60_000)
			);
		expect((await answer(versionId, 3, 0)).ok).toBe(true);
		const start = (await drafts.editable(db, (await surveyAdmin.byId(db, surveyId))!))!;
		const v2 = { ...start.definition, title: { vi: 'Bản 2' } };
		expect(await drafts.publish(db, actor, surveyId, json(v2), start.updatedAt)).toEqual({
			ok: true,
			version: 2
		});
		const second = await surveys.versionInForce(db, tree.c1.id, 'kiosk', '2026-03-03');
		expect((await answer(second!.id, 1, 5)).ok).toBe(true);
		expect((await answer(second!.id, 3, 10)).ok).toBe(true);

		const filters = { unitId: tree.p.id, from: '2026-03-01', to: '2026-03-31', surveyId };
		const figures = await stats.dashboard(db, filters);
		expect(figures.headline.responses).toBe(3);
		expect(figures.headline.satisfaction.satisfied).toBe(2);
		// The version filter is the survey: a filter on another survey finds none of them.
		const other = await stats.dashboard(db, { ...filters, surveyId: 'no-such-survey' });
		expect(other.headline.responses).toBe(0);
	});
});
