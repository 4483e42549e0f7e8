// A paired kiosk speaking the JSON API directly, for tests of the server's edge (no tablet).
import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import type { KioskFixtureName } from '../../scripts/e2e-fixtures';
import { newPairingCode, pairingCodeHash } from '../../src/lib/server/pairing-code';
import { fixtures } from './db';
import type { TestDatabase } from './pg-sync';

/**
 * A new kiosk at the place of a fixture kiosk, in `db`, with a fresh pairing code and its own
 * settings: its answers are counted apart from every other test's.
 */
export function newKioskLike(
	db: Pick<TestDatabase, 'prepare'>,
	name: KioskFixtureName,
	settings: Record<string, unknown> = {}
): { id: string; pairingCode: string } {
	const base = fixtures().kiosks[name];
	const id = randomUUID();
	const pairingCode = newPairingCode();
	const row = db.prepare('SELECT settings FROM kiosks WHERE id = ?').get(base.id) as {
		settings: string;
	};
	db.prepare(
		`INSERT INTO kiosks (id, unit_id, counter_id, name, settings, pairing_code_hash,
		   pairing_expires_at, created_at, updated_at)
		 SELECT ?, unit_id, counter_id, ?, ?, ?, ?, created_at, updated_at FROM kiosks WHERE id = ?`
	).run(
		id,
		`${base.name} (${id.slice(0, 8)})`,
		JSON.stringify({ ...JSON.parse(row.settings), ...settings }),
		pairingCodeHash(pairingCode),
		new Date(Date.now() + 3600_000).toISOString(),
		base.id
	);
	return { id, pairingCode };
}

export interface PairedKiosk {
	token: string;
	versionId: string;
	/** A one-tap answer body, with a new UUID unless given one. */
	answer(level?: number, id?: string): Record<string, unknown>;
}

/** Pairs with the code and reads the survey version in force, as the tablet does. */
export async function pair(
	request: APIRequestContext,
	pairingCode: string,
	baseURL = ''
): Promise<PairedKiosk> {
	const paired = await request.post(`${baseURL}/api/v1/kiosk/pair`, {
		data: { code: pairingCode }
	});
	expect(paired.status()).toBe(200);
	const { token } = (await paired.json()) as { token: string };
	const config = await request.get(`${baseURL}/api/v1/kiosk/config`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(config.status()).toBe(200);
	const { survey } = (await config.json()) as {
		survey: { versionId: string; definition: { mainQuestion: string } };
	};
	const versionId = survey.versionId;
	return {
		token,
		versionId,
		answer: (level = 3, id = randomUUID()) => ({
			id,
			surveyVersionId: versionId,
			answers: { [survey.definition.mainQuestion]: level },
			submittedAt: new Date().toISOString()
		})
	};
}
