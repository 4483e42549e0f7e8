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
