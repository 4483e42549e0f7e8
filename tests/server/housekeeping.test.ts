import { describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/sessions';
import { recordFailure } from '../../src/lib/server/auth/throttle';
import { runHousekeeping } from '../../src/lib/server/housekeeping';
import * as users from '../../src/lib/server/users';
import { ensureLink, markAnswered } from '../../src/lib/server/web-links';
import { publishTemplate, smallTree, testDb } from './helpers';

const T0 = new Date('2026-03-10T08:00:00.000Z');
const minutesBefore = (m: number) => new Date(T0.getTime() - m * 60_000);

describe('housekeeping', () => {
	it('deletes expired sessions, stale throttle rows and old phone-survey marks, and keeps the rest', async () => {
		const db = await testDb();
		const tree = await smallTree(db);
		const { surveyId } = await publishTemplate(db, tree.p.id, 'desk3');
		const user = await users.create(db, {
			username: 'lan',
			role: 'admin',
			password: 'a long enough password 42'
		});
		// Sessions: one past its 30 days, one in use.
		await createSession(db, generateSessionToken(), user.id, {}, minutesBefore(31 * 24 * 60));
		await createSession(db, generateSessionToken(), user.id, {}, minutesBefore(5));
		// Throttle: a failure 20 minutes ago (window over), one a minute ago, and an address
		// locked 10 minutes ago after five failures (window over, lock still on).
		await recordFailure(db, 'user:old', 5, minutesBefore(20));
		await recordFailure(db, 'user:recent', 5, minutesBefore(1));
		for (const m of [20, 18, 16, 14, 10])
			await recordFailure(db, 'ip:10.0.0.9', 5, minutesBefore(m));
		// Marks: this link's window is the default, 24 hours.
		const code = await ensureLink(db, tree.c1.id, null, minutesBefore(48 * 60));
		await markAnswered(db, code, surveyId, 'old-browser', minutesBefore(25 * 60));
		await markAnswered(db, code, surveyId, 'new-browser', minutesBefore(3 * 60));
		// Another link keeps a 2-hour window: the same 3-hour-old mark goes there.
		const short = await ensureLink(db, tree.c2.id, null, minutesBefore(48 * 60));
		await db
			.updateTable('webLinks')
			.set({ repeatWindowHours: 2 })
			.where('code', '=', short)
			.execute();
		await markAnswered(db, short, surveyId, 'short-window', minutesBefore(3 * 60));

		expect(await runHousekeeping(db, T0)).toEqual({
			recorded: 0,
			erased: 0,
			sessions: 1,
			throttle: 1,
			marks: 2,
			exportFiles: 0
		});
		expect(await db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
		const throttle = await db.selectFrom('loginThrottle').select('key').orderBy('key').execute();
		expect(throttle.map((r) => r.key)).toEqual(['ip:10.0.0.9', 'user:recent']);
		const marks = await db.selectFrom('webAnswerMarks').select('browserKey').execute();
		expect(marks.map((r) => r.browserKey)).toEqual(['new-browser']);
		await db.destroy();
	});
});
