// Direct access to the e2e server's database (scripts/e2e-server.ts), for assertions on stored
// rows and for acts that have no screen yet, such as revoking a kiosk. Its SQLite file, or on a
// run against PostgreSQL (E2E_POSTGRES_URL, playwright.config.ts) the same calls through
// pg-sync.ts.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { test } from '@playwright/test';
import type { E2eFixtures, KioskFixture, KioskFixtureName } from '../../scripts/e2e-fixtures';
import { newPairingCode, pairingCodeHash } from '../../src/lib/server/pairing-code';
import { e2eDbPath, e2ePostgresUrl, kioskFixturesPath } from './paths';
import { SyncPostgres, type TestDatabase } from './pg-sync';

let connection: TestDatabase | null = null;

/** One connection per worker; the server writes in WAL mode, so reads never block it. */
export function testDb(): TestDatabase {
	if (connection) return connection;
	if (e2ePostgresUrl) {
		connection = new SyncPostgres(e2ePostgresUrl);
	} else {
		const sqlite = new Database(e2eDbPath);
		sqlite.pragma('busy_timeout = 5000');
		connection = sqlite;
	}
	return connection;
}

export function closeTestDb(): void {
	connection?.close();
	connection = null;
}

/**
 * Read when a test runs, not when the file is loaded: the server writes the file on start, and
 * a copy left by an earlier run holds spent pairing codes.
 */
export function fixtures(): E2eFixtures {
	return JSON.parse(readFileSync(kioskFixturesPath, 'utf8')) as E2eFixtures;
}

const retried = new Map<string, KioskFixture>();

/**
 * The kiosk a test pairs. A retry (CI retries a failed test once) gets a copy of it with a new
 * pairing code: the first attempt spent the code and left its answers under the kiosk's id.
 */
export function pairableKiosk(name: KioskFixtureName): KioskFixture {
	const k = fixtures().kiosks[name];
	const retry = test.info().retry;
	if (retry === 0) return k;
	const key = `${test.info().testId}#${retry}`;
	const known = retried.get(key);
	if (known) return known;
	const copy = { ...k, id: randomUUID(), pairingCode: newPairingCode() };
	testDb()
		.prepare(
			`INSERT INTO kiosks (id, unit_id, counter_id, name, settings, pairing_code_hash,
			   pairing_expires_at, created_at, updated_at)
			 SELECT ?, unit_id, counter_id, name || ' (retry ' || ? || ')', settings, ?, ?, created_at, updated_at
			 FROM kiosks WHERE id = ?`
		)
		.run(
			copy.id,
			retry,
			pairingCodeHash(copy.pairingCode),
			new Date(Date.now() + 3600_000).toISOString(),
			k.id
		);
	retried.set(key, copy);
	return copy;
}

export interface ResponseRow {
	id: string;
	unit_id: string;
	counter_id: string | null;
	officer_id: string | null;
	procedure_field_id: string | null;
	kiosk_id: string | null;
	survey_version_id: string;
	submitted_at: string;
	main_level: number | null;
	locale: string | null;
}

export function responsesOf(kioskId: string): ResponseRow[] {
	return testDb()
		.prepare('SELECT * FROM responses WHERE kiosk_id = ? ORDER BY submitted_at')
		.all(kioskId) as ResponseRow[];
}

export function answersOf(responseId: string) {
	return testDb()
		.prepare(
			'SELECT question_key, seq, value_int, value_text FROM response_answers WHERE response_id = ? ORDER BY question_key, seq'
		)
		.all(responseId) as {
		question_key: string;
		seq: number;
		value_int: number | null;
		value_text: string | null;
	}[];
}

export function casesOf(responseId: string) {
	return testDb()
		.prepare('SELECT id, phone, consent_at, status FROM follow_up_cases WHERE response_id = ?')
		.all(responseId) as {
		id: string;
		phone: string | null;
		consent_at: string | null;
		status: string;
	}[];
}

export function revokeKiosk(kioskId: string): void {
	const now = new Date().toISOString();
	testDb()
		.prepare('UPDATE kiosks SET revoked_at = ?, updated_at = ? WHERE id = ?')
		.run(now, now, kioskId);
}

/** Polls until `read` returns something other than undefined, for rows the kiosk sends later. */
export async function eventually<T>(
	read: () => T | undefined,
	timeoutMs = 8000,
	stepMs = 200
): Promise<T> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (value !== undefined) return value;
		if (Date.now() > until) throw new Error(`nothing after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, stepMs));
	}
}
