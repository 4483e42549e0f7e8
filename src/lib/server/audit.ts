import type { DbOrTx } from './db';
import { newId, nowIso } from './ids';

export interface AuditEntry {
	action: string;
	actor?: { id: string; username: string } | null;
	/** For failed sign-ins the username typed, when there is no actor. */
	username?: string | null;
	targetType?: string | null;
	targetId?: string | null;
	/** Never put a password, token or phone number here. */
	detail?: Record<string, unknown> | null;
	ip?: string | null;
	requestId?: string | null;
}

/** Who acts, from where: what a command needs to write its audit row (see contextOf). */
export interface AuditContext {
	actor: { id: string; username: string };
	ip?: string | null;
	requestId?: string | null;
}

/** Where a command was asked from, for its audit row (its actor is passed apart). */
export type RequestOrigin = Pick<AuditContext, 'ip' | 'requestId'>;

/** The origin fields of an audit row: `{ action, actor, ...origin(context) }`. */
export function origin(context: RequestOrigin): { ip: string | null; requestId: string | null } {
	return { ip: context.ip ?? null, requestId: context.requestId ?? null };
}

/** The audit context of a request by a signed-in user (routes hand it to the commands). */
export function contextOf(
	event: { getClientAddress(): string; locals: { requestId?: string | null } },
	user: { id: string; username: string }
): AuditContext {
	return {
		actor: { id: user.id, username: user.username },
		ip: event.getClientAddress(),
		requestId: event.locals.requestId ?? null
	};
}

/**
 * Runs a command and writes its audit row in one transaction: both or neither. `entry` is the
 * row, or a function of the command's result that gives it (null writes none).
 */
export async function recorded<T>(
	db: DbOrTx,
	ctx: AuditContext,
	work: (tx: DbOrTx) => Promise<T>,
	entry:
		| Omit<AuditEntry, keyof AuditContext>
		| ((result: T) => Omit<AuditEntry, keyof AuditContext> | null)
): Promise<T> {
	return db.transaction().execute(async (tx) => {
		const result = await work(tx);
		const row = typeof entry === 'function' ? entry(result) : entry;
		if (row) await record(tx, { ...ctx, ...row });
		return result;
	});
}

export async function record(db: DbOrTx, entry: AuditEntry, now = new Date()): Promise<void> {
	await db
		.insertInto('auditLog')
		.values({
			id: newId(),
			at: nowIso(now),
			userId: entry.actor?.id ?? null,
			username: entry.actor?.username ?? entry.username?.slice(0, 100) ?? null,
			action: entry.action,
			targetType: entry.targetType ?? null,
			targetId: entry.targetId ?? null,
			detail: entry.detail ? JSON.stringify(entry.detail) : null,
			ip: entry.ip ?? null,
			requestId: entry.requestId ?? null
		})
		.execute();
}

export interface AuditQuery {
	action?: string;
	username?: string;
	from?: string;
	to?: string;
	limit: number;
	offset: number;
}

export async function list(db: DbOrTx, q: AuditQuery) {
	let query = db.selectFrom('auditLog');
	if (q.action) query = query.where('action', '=', q.action);
	if (q.username) query = query.where('username', '=', q.username);
	if (q.from) query = query.where('at', '>=', q.from);
	if (q.to) query = query.where('at', '<', q.to);
	const total = await query
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirst();
	const rows = await query
		.selectAll()
		.orderBy('at', 'desc')
		.orderBy('id')
		.limit(q.limit)
		.offset(q.offset)
		.execute();
	return { rows, total: Number(total?.n ?? 0) };
}
