import { describe, expect, it } from 'vitest';
import { buildVersionName, parseAppVersion } from './app-version';

describe('app versions reported by kiosks', () => {
	it('names a build by package version and UTC build time', () => {
		expect(buildVersionName('0.1.0', new Date('2026-12-06T02:15:59.999Z'))).toBe(
			'0.1.0+20261206.0215'
		);
	});

	it('reads the name back', () => {
		expect(parseAppVersion('0.1.0+20261206.0215')).toEqual({
			version: '0.1.0',
			built: '2026-12-06T02:15:00.000Z'
		});
	});

	it('reads an old build’s bare millisecond time as its build date', () => {
		// 1796511761438 ms = 2026-12-05T23:02:41.438Z (20 792 days and 82 961.438 s after 1970).
		expect(parseAppVersion('1796511761438')).toEqual({
			version: null,
			built: '2026-12-05T23:02:41.438Z'
		});
	});

	it('keeps anything else as it came', () => {
		expect(parseAppVersion('dev')).toEqual({ version: 'dev', built: null });
	});
});
