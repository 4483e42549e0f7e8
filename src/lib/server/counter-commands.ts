import { recorded, type AuditContext } from './audit';
import * as counters from './counters';
import type { DbOrTx } from './db';

// What a manager does to a unit's counters (/admin/units/[id]/counters, /admin/counters/[id]):
// each command writes its change and its audit row in one transaction. counters.CounterError
// (number taken, in use) comes out with nothing written.

type Counter = Pick<counters.Counter, 'id' | 'unitId' | 'number' | 'name'>;

export function create(
	db: DbOrTx,
	unitId: string,
	input: counters.CounterInput,
	ctx: AuditContext
): Promise<counters.Counter> {
	return recorded(
		db,
		ctx,
		(tx) => counters.create(tx, unitId, input),
		(counter) => ({
			action: 'counter.create',
			targetType: 'counter',
			targetId: counter.id,
			detail: { unitId, number: counter.number, name: counter.name }
		})
	);
}

export function update(
	db: DbOrTx,
	counter: Counter,
	input: counters.CounterInput,
	ctx: AuditContext
): Promise<void> {
	return recorded(db, ctx, (tx) => counters.update(tx, counter.id, input), {
		action: 'counter.update',
		targetType: 'counter',
		targetId: counter.id,
		detail: { from: { number: counter.number, name: counter.name }, to: input }
	});
}

export function setActive(
	db: DbOrTx,
	counterId: string,
	active: boolean,
	ctx: AuditContext
): Promise<void> {
	return recorded(db, ctx, (tx) => counters.setActive(tx, counterId, active), {
		action: active ? 'counter.activate' : 'counter.deactivate',
		targetType: 'counter',
		targetId: counterId
	});
}

/** Deletes a counter nothing refers to. */
export function remove(db: DbOrTx, counter: Counter, ctx: AuditContext): Promise<void> {
	return recorded(db, ctx, (tx) => counters.remove(tx, counter.id), {
		action: 'counter.delete',
		targetType: 'counter',
		targetId: counter.id,
		detail: { unitId: counter.unitId, number: counter.number, name: counter.name }
	});
}
