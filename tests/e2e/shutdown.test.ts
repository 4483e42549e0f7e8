import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { backupDatabase } from '../../src/lib/server/backup';
import { newKioskLike, pair } from './kiosk-api';
import { startServer, type OwnServer } from './own-server';
import { e2eDbPath } from './paths';

// SIGTERM, as systemd sends it (issue 15): a server of its own, on a copy of the test database,
// must stop within 5 s whether or not it ever recorded an answer, and an answer it acknowledged
// must be in the file afterwards.

const PORT = Number(process.env.E2E_PORT ?? 4173) + 16;
const BASE = `http://localhost:${PORT}`;

let dir = '';
test.beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'ykien-shutdown-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(
	name: string,
	prepare?: (db: Database.Database) => void
): Promise<OwnServer & { path: string }> {
	const path = join(dir, `${name}.db`);
	// One snapshot: the test server writes meanwhile (a plain backup would start over).
	await backupDatabase(e2eDbPath, path);
	if (prepare) {
		const db = new Database(path);
		prepare(db);
		db.close();
	}
	return { ...(await startServer(path, PORT)), path };
}

test('an idle server exits 0 within 5 s of SIGTERM', async () => {
	const server = await start('idle');
	const signalled = Date.now();
	server.child.kill('SIGTERM');
	const { code, at } = await server.exited;
	expect(code, server.output()).toBe(0);
	expect(at - signalled).toBeLessThan(5000);
});

test('answers sent as SIGTERM arrives are stored if acknowledged, and the server exits 0', async ({
	request
}) => {
	let code = '';
	const server = await start('busy', (db) => {
		code = newKioskLike(db, 'tap', { minIntervalSeconds: 0 }).pairingCode;
	});
	const k = await pair(request, code, BASE);
	const sent = Array.from({ length: 40 }, (_, i) => k.answer(1 + (i % 3)));
	const replies = sent.map((body) =>
		fetch(`${BASE}/api/v1/responses`, {
			method: 'POST',
			headers: { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		}).then(
			(r) => r.status,
			() => 0
		)
	);
	await new Promise((r) => setTimeout(r, 15));
	const signalled = Date.now();
	server.child.kill('SIGTERM');
	const statuses = await Promise.all(replies);
	const { code: exitCode, at } = await server.exited;
	expect(exitCode, server.output()).toBe(0);
	expect(at - signalled).toBeLessThan(5000);
	// Acknowledged (201), refused to be sent again (503), or no reply at all (0): never another.
	expect(statuses.filter((s) => ![0, 201, 503].includes(s))).toEqual([]);
	const acknowledged = sent.filter((_, i) => statuses[i] === 201).map((b) => b.id as string);
	expect(acknowledged.length).toBeGreaterThan(0);
	const db = new Database(server.path, { readonly: true });
	const stored = new Set(
		(db.prepare('SELECT id FROM responses').all() as { id: string }[]).map((r) => r.id)
	);
	db.close();
	expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
});
