import type { DbOrTx } from '../db';
import type { CaseStatus } from '../db/schema';
import { nowIso } from '../ids';
import { normalizeText } from '../../domain/text';
import { deadlineNote } from './deadlines';
import { byId } from './detail';
import { recordOnCase, updateCase, writeNote } from './history';
import type { AuditContext, StatusMove } from './model';
import { assignableManagers } from './scope';

// What a leader does to a case: each command checks, writes and records its audit row in one
// transaction, and answers with a code the page turns into a message.

export type ChangeResult =
	{ ok: true } | { ok: false; code: 'not_found' | 'stale' | 'transition' | 'note_required' };

type CaseRow = NonNullable<Awaited<ReturnType<typeof byId>>>;

/** Runs `work` on the case in one transaction; a case that is not there answers not_found. */
function onCase<R>(
	db: DbOrTx,
	caseId: string,
	work: (tx: DbOrTx, c: CaseRow) => Promise<R>
): Promise<R | { ok: false; code: 'not_found' }> {
	return db.transaction().execute(async (tx) => {
		const c = await byId(tx, caseId);
		if (!c) return { ok: false, code: 'not_found' } as const;
		return work(tx, c);
	});
}

const MOVES: Record<StatusMove, { from: CaseStatus; to: CaseStatus }> = {
	contacted: { from: 'new', to: 'contacted' },
	resolved: { from: 'contacted', to: 'resolved' },
	reopen: { from: 'resolved', to: 'contacted' }
};

/**
 * Moves a case along new → contacted → resolved (or reopens it), with the note that explains it.
 * `seen` is the status the user's page showed: if someone else moved the case meanwhile, nothing
 * happens. Resolving needs a note: what was done for the resident is the point of the case.
 */
export async function changeStatus(
	db: DbOrTx,
	input: { caseId: string; seen: CaseStatus; move: StatusMove; note: string },
	ctx: AuditContext,
	now = new Date()
): Promise<ChangeResult> {
	const note = normalizeText(input.note);
	if (input.move === 'resolved' && !note) return { ok: false, code: 'note_required' };
	const { from, to } = MOVES[input.move];
	return onCase(db, input.caseId, async (tx, c) => {
		if (c.status !== input.seen) return { ok: false, code: 'stale' } as const;
		if (c.status !== from) return { ok: false, code: 'transition' } as const;
		const result = await tx
			.updateTable('followUpCases')
			.set({
				status: to,
				updatedAt: nowIso(now),
				resolvedAt: to === 'resolved' ? nowIso(now) : null
			})
			.where('id', '=', c.id)
			.where('status', '=', from)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows ?? 0) !== 1) return { ok: false, code: 'stale' } as const;
		// The status change is a line of the case history even without words.
		await writeNote(tx, c.id, { body: note, statusTo: to }, ctx, now);
		await recordOnCase(tx, c.id, 'case.status', { from, to, note: note.length > 0 }, ctx, now);
		return { ok: true } as const;
	});
}

export async function addNote(
	db: DbOrTx,
	input: { caseId: string; body: string },
	ctx: AuditContext,
	now = new Date()
): Promise<ChangeResult> {
	const body = normalizeText(input.body);
	if (!body) return { ok: false, code: 'note_required' };
	return onCase(db, input.caseId, async (tx, c) => {
		await writeNote(tx, c.id, { body }, ctx, now);
		await updateCase(tx, c.id, {}, now);
		await recordOnCase(tx, c.id, 'case.note', null, ctx, now);
		return { ok: true } as const;
	});
}

/** Assigns the case to a manager who may handle it (see assignableManagers), or to nobody. */
export async function assign(
	db: DbOrTx,
	input: { caseId: string; userId: string | null },
	ctx: AuditContext,
	now = new Date()
): Promise<ChangeResult | { ok: false; code: 'not_assignable' }> {
	return onCase(db, input.caseId, async (tx, c) => {
		if (input.userId) {
			const candidates = await assignableManagers(tx, c.unitId);
			if (!candidates.some((u) => u.id === input.userId)) {
				return { ok: false, code: 'not_assignable' } as const;
			}
		}
		await updateCase(tx, c.id, { assignedTo: input.userId }, now);
		const detail = { from: c.assignedTo, to: input.userId };
		await recordOnCase(tx, c.id, 'case.assign', detail, ctx, now);
		return { ok: true } as const;
	});
}

/** Moves the deadline; the caller has checked it is a real date not before today. */
export async function setDeadline(
	db: DbOrTx,
	input: { caseId: string; deadline: string },
	ctx: AuditContext,
	now = new Date()
): Promise<ChangeResult> {
	return onCase(db, input.caseId, async (tx, c) => {
		if (c.status === 'resolved') return { ok: false, code: 'transition' } as const;
		await updateCase(tx, c.id, { deadline: input.deadline }, now);
		await deadlineNote(
			tx,
			c.id,
			{ from: c.deadline, to: input.deadline, reason: 'hand' },
			ctx,
			now
		);
		return { ok: true } as const;
	});
}
