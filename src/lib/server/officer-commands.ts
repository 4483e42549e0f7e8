import { recorded, type AuditContext } from './audit';
import type { DbOrTx } from './db';
import * as officers from './officers';

// What a manager does to a unit's officers (/admin/units/[id]/officers, /admin/officers/[id]):
// each command writes its change and its audit row in one transaction. officers.OfficerError
// (counter of another unit, in use) comes out with nothing written.

type Officer = Pick<officers.Officer, 'id' | 'unitId' | 'fullName' | 'title' | 'counterId'>;

const about = (
	officerId: string,
	action: string,
	detail: Record<string, unknown> | null = null
) => ({
	action,
	targetType: 'officer',
	targetId: officerId,
	detail
});

export function create(
	db: DbOrTx,
	unitId: string,
	input: officers.OfficerInput & { photo?: officers.Photo | null },
	ctx: AuditContext
): Promise<officers.Officer> {
	return recorded(
		db,
		ctx,
		(tx) => officers.create(tx, unitId, input),
		(officer) =>
			about(officer.id, 'officer.create', {
				unitId,
				fullName: officer.fullName,
				counterId: officer.counterId,
				photo: officer.hasPhoto
			})
	);
}

export function update(
	db: DbOrTx,
	officer: Officer,
	input: officers.OfficerInput,
	ctx: AuditContext
): Promise<void> {
	return recorded(
		db,
		ctx,
		(tx) => officers.update(tx, officer.id, input),
		about(officer.id, 'officer.update', {
			from: { fullName: officer.fullName, title: officer.title, counterId: officer.counterId },
			to: input
		})
	);
}

/** Sets the photo, or removes it (null). */
export function setPhoto(
	db: DbOrTx,
	officerId: string,
	photo: officers.Photo | null,
	ctx: AuditContext
): Promise<void> {
	return recorded(
		db,
		ctx,
		(tx) => officers.setPhoto(tx, officerId, photo),
		photo
			? about(officerId, 'officer.photo', { mime: photo.mime, bytes: photo.bytes.byteLength })
			: about(officerId, 'officer.photo_remove')
	);
}

export function setActive(
	db: DbOrTx,
	officerId: string,
	active: boolean,
	ctx: AuditContext
): Promise<void> {
	return recorded(
		db,
		ctx,
		(tx) => officers.setActive(tx, officerId, active),
		about(officerId, active ? 'officer.activate' : 'officer.deactivate')
	);
}

/** Deletes an officer no answer names. */
export function remove(db: DbOrTx, officer: Officer, ctx: AuditContext): Promise<void> {
	return recorded(
		db,
		ctx,
		(tx) => officers.remove(tx, officer.id),
		about(officer.id, 'officer.delete', { unitId: officer.unitId, fullName: officer.fullName })
	);
}
