import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS, readKioskSettings } from './kiosk-settings';

describe('kiosk settings', () => {
	it('end follow-ups after 20 s and ask officer and field only after a low rating by default', () => {
		expect(DEFAULT_KIOSK_SETTINGS.followUpSeconds).toBe(20);
		expect(DEFAULT_KIOSK_SETTINGS.askDetailsAfter).toBe('low');
	});

	it('read settings stored before the follow-up time existed: 45 s idle becomes 20 s', () => {
		const stored = JSON.stringify({
			...DEFAULT_KIOSK_SETTINGS,
			followUpSeconds: undefined,
			idleSeconds: 45,
			askOfficer: true
		});
		const read = readKioskSettings(stored);
		expect(read.followUpSeconds).toBe(20);
		expect(read.askDetailsAfter).toBe('low');
		expect(read.askOfficer).toBe(true);
		expect(read).not.toHaveProperty('idleSeconds');
	});

	it('keep a chosen follow-up time and "after every rating"', () => {
		const read = readKioskSettings(
			JSON.stringify({ followUpSeconds: 30, askDetailsAfter: 'every' })
		);
		expect(read).toMatchObject({ followUpSeconds: 30, askDetailsAfter: 'every' });
	});
});
