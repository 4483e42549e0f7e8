/**
 * The app version a kiosk reports, as svelte.config.js names a build: the package version and
 * the build time in UTC, "0.1.0+20261206.0215". Builds before that reported SvelteKit's default,
 * the build time in milliseconds ("1796511761438"), which means nothing to an administrator.
 */
export interface AppVersion {
	/** The package version, e.g. '0.1.0'; null when the kiosk reported only a build time. */
	version: string | null;
	/** The build time as an ISO instant; null when not known. */
	built: string | null;
}

export function parseAppVersion(raw: string): AppVersion {
	const named = /^(\d+\.\d+\.\d+(?:-[\w.]+)?)\+(\d{4})(\d{2})(\d{2})\.(\d{2})(\d{2})$/.exec(raw);
	if (named) {
		const [, version, y, mo, d, h, mi] = named;
		return { version, built: `${y}-${mo}-${d}T${h}:${mi}:00.000Z` };
	}
	// Milliseconds since 1970 between 2001 and 2286: SvelteKit's default version name.
	if (/^\d{12,13}$/.test(raw)) return { version: null, built: new Date(Number(raw)).toISOString() };
	return { version: raw, built: null };
}

/** The name svelte.config.js gives a build made at `now` from package version `version`. */
export function buildVersionName(version: string, now: Date): string {
	const iso = now.toISOString();
	return `${version}+${iso.slice(0, 10).replace(/-/g, '')}.${iso.slice(11, 16).replace(':', '')}`;
}
