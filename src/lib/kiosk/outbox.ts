import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Answers } from '$lib/domain/survey-model';
import { uuidV7 } from '$lib/domain/uuid';
import type { KioskConfig } from '$lib/domain/kiosk-config';
import type { KioskLocale } from './messages';

/**
 * Everything the tablet keeps, in one IndexedDB database so that it survives reloads, browser
 * restarts and power cuts (localStorage can be evicted more eagerly and is not transactional).
 */

/** Body of POST /api/v1/responses (submissionSchema in $lib/server/responses). */
export interface Submission {
	id: string;
	surveyVersionId: string;
	answers: Answers;
	phoneConsent?: boolean;
	startedAt?: string;
	submittedAt: string;
	locale?: KioskLocale;
}

export interface OutboxEntry {
	id: string;
	/** The kiosk the answer was given on: a tablet re-paired elsewhere must not send it. */
	kioskId: string;
	/** draft while the resident is still on the follow-ups; ready once the flow has ended. */
	state: 'draft' | 'ready';
	/** Milliseconds at the tap; delivery goes oldest first. */
	createdAt: number;
	body: Submission;
	attempts: number;
}

export interface RejectedEntry extends OutboxEntry {
	rejectedAt: string;
	status: number;
	code: string;
}

export interface Device {
	token: string;
	kioskId: string;
}

interface Meta {
	device: Device;
	config: KioskConfig;
	/** Set on a 401: the screen stays "not active" across reloads until staff re-pair. */
	inactive: boolean;
	/** ISO time the server last acknowledged anything from this tablet. */
	lastSync: string;
	/** Milliseconds of the last finished answer; the minimum interval counts from here. */
	lastSubmissionAt: number;
}

interface KioskDb extends DBSchema {
	outbox: { key: string; value: OutboxEntry; indexes: { 'by-created': number } };
	rejected: { key: string; value: RejectedEntry };
	meta: { key: keyof Meta; value: Meta[keyof Meta] };
}

/** Times go to the server as ISO-8601 UTC, as submissionSchema expects. */
export function iso(ms: number = Date.now()): string {
	return new Date(ms).toISOString();
}

/**
 * The answer's UUID: the server treats a repeat of it as the same answer (200, no new row).
 * Time-ordered (version 7, domain/uuid.ts) so the server writes answers' keys side by side.
 */
export function newEntryId(): string {
	return uuidV7();
}

let dbPromise: Promise<IDBPDatabase<KioskDb>> | null = null;

function db(): Promise<IDBPDatabase<KioskDb>> {
	dbPromise ??= openDB<KioskDb>('ykien-kiosk', 1, {
		upgrade(database) {
			const outbox = database.createObjectStore('outbox', { keyPath: 'id' });
			outbox.createIndex('by-created', 'createdAt');
			database.createObjectStore('rejected', { keyPath: 'id' });
			database.createObjectStore('meta');
		}
	});
	return dbPromise;
}

export async function getMeta<K extends keyof Meta>(key: K): Promise<Meta[K] | undefined> {
	return (await (await db()).get('meta', key)) as Meta[K] | undefined;
}

export async function setMeta<K extends keyof Meta>(key: K, value: Meta[K]): Promise<void> {
	await (await db()).put('meta', value, key);
}

export async function deleteMeta(key: keyof Meta): Promise<void> {
	await (await db()).delete('meta', key);
}

/**
 * Writes the whole entry: the tap (so the answer is on disk before any follow-up appears), each
 * follow-up step, and the end of the flow. The page keeps the entry in memory, so a failed
 * write is simply repeated by the next one.
 */
export async function saveEntry(entry: OutboxEntry): Promise<void> {
	await (await db()).put('outbox', entry);
}

/** A missing entry (already sent) is left alone. */
async function updateEntry(id: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
	const tx = (await db()).transaction('outbox', 'readwrite');
	const entry = await tx.store.get(id);
	if (entry) await tx.store.put(change(entry));
	await tx.done;
}

/**
 * A flow interrupted by a reload or power cut left its entry as a draft: the answer given so far
 * is kept, exactly as the idle timeout would have kept it. Returns the latest submittedAt among
 * them (ms, 0 if none), from which the minimum interval must still count.
 */
export async function promoteDrafts(): Promise<number> {
	const tx = (await db()).transaction('outbox', 'readwrite');
	let latest = 0;
	for (const entry of await tx.store.getAll()) {
		if (entry.state === 'draft') {
			await tx.store.put({ ...entry, state: 'ready' });
			latest = Math.max(latest, Date.parse(entry.body.submittedAt) || 0);
		}
	}
	await tx.done;
	return latest;
}

/** The oldest entry ready to go for this kiosk. */
export async function oldestReady(kioskId: string): Promise<OutboxEntry | undefined> {
	const index = (await db()).transaction('outbox').store.index('by-created');
	for await (const cursor of index.iterate()) {
		if (cursor.value.state === 'ready' && cursor.value.kioskId === kioskId) return cursor.value;
	}
	return undefined;
}

export async function removeEntry(id: string): Promise<void> {
	await (await db()).delete('outbox', id);
}

export async function bumpAttempts(id: string): Promise<void> {
	await updateEntry(id, (e) => ({ ...e, attempts: e.attempts + 1 }));
}

/** A permanent refusal is set aside, never dropped: staff see the count and can export it. */
export async function rejectEntry(entry: OutboxEntry, status: number, code: string) {
	const tx = (await db()).transaction(['outbox', 'rejected'], 'readwrite');
	await tx.objectStore('rejected').put({
		...entry,
		rejectedAt: iso(),
		status,
		code
	});
	await tx.objectStore('outbox').delete(entry.id);
	await tx.done;
}

/** Entries made for another kiosk can never be delivered with this token: set them aside. */
export async function rejectForeign(kioskId: string): Promise<void> {
	const all = await (await db()).getAll('outbox');
	for (const entry of all) {
		if (entry.kioskId !== kioskId) await rejectEntry(entry, 0, 'paired_elsewhere');
	}
}

export async function counts(): Promise<{ pending: number; rejected: number }> {
	const database = await db();
	const [pending, rejected] = await Promise.all([
		database.count('outbox'),
		database.count('rejected')
	]);
	return { pending, rejected };
}
