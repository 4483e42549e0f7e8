// Measures what a tablet downloads to show /kiosk the first time: the client entries, the root
// layout, the kiosk page, everything they import statically, and their CSS, each gzipped.
// Run after `npx vite build`: npx tsx scripts/kiosk-size.ts. Exits 1 over the budget.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** KIOSK budget: first load within 60 KB gzipped, so a tablet on weak Wi-Fi starts quickly. */
const BUDGET_KB = 60;
const ROUTE = '/kiosk';
const CLIENT = '.svelte-kit/output/client';
const MANIFEST = join(CLIENT, '.vite/manifest.json');
const APP = '.svelte-kit/generated/client-optimized/app.js';

interface Chunk {
	file: string;
	name?: string;
	isEntry?: boolean;
	imports?: string[];
	css?: string[];
}

function fail(message: string): never {
	console.error(`kiosk-size: ${message}`);
	process.exit(2);
}

if (!existsSync(MANIFEST) || !existsSync(APP)) fail('no build output; run `npx vite build` first');
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;

/**
 * The route's nodes from SvelteKit's client dictionary, e.g. `"/kiosk": [7]` or
 * `"/admin": [~4,[2]]`: the page node (~ marks a server load) and its layouts. The root layout
 * (node 0) always loads as well.
 */
function routeNodes(): number[] {
	const source = readFileSync(APP, 'utf8');
	const escaped = ROUTE.replace(/[/\\^$.*+?()[\]{}|]/g, '\\$&');
	const match = new RegExp(`"${escaped}":\\s*\\[\\s*~?(\\d+)\\s*(?:,\\s*\\[([^\\]]*)\\])?`).exec(
		source
	);
	if (!match) fail(`route ${ROUTE} not found in ${APP}`);
	const layouts = (match[2] ?? '').match(/\d+/g)?.map(Number) ?? [];
	return [0, ...layouts, Number(match[1])];
}

const byName = new Map<string, string>();
for (const [key, chunk] of Object.entries(manifest)) if (chunk.name) byName.set(chunk.name, key);

const roots = ['entry/start', 'entry/app', ...routeNodes().map((n) => `nodes/${n}`)].map(
	(name) => byName.get(name) ?? fail(`${name} is not in the build manifest`)
);

const js = new Set<string>();
const css = new Set<string>();
const seen = new Set<string>();
const queue = [...roots];
while (queue.length > 0) {
	const key = queue.pop()!;
	if (seen.has(key)) continue;
	seen.add(key);
	const chunk = manifest[key] ?? fail(`${key} is missing from the manifest`);
	if (chunk.file.endsWith('.css')) css.add(chunk.file);
	else js.add(chunk.file);
	for (const file of chunk.css ?? []) css.add(file);
	// Static imports only: dynamic ones (other routes) are not part of the first load.
	queue.push(...(chunk.imports ?? []));
}

const gzipKb = (files: Set<string>) =>
	[...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(CLIENT, file))).length, 0) /
	1024;

const jsKb = gzipKb(js);
const cssKb = gzipKb(css);
const total = jsKb + cssKb;
console.log(
	`kiosk first-load: js=${jsKb.toFixed(1)} KB css=${cssKb.toFixed(1)} KB total=${total.toFixed(1)} KB gzip`
);
if (process.argv.includes('--list')) {
	for (const file of [...js, ...css]) console.log(`  ${file}`);
}
if (total > BUDGET_KB) {
	console.error(`kiosk-size: over the ${BUDGET_KB} KB budget`);
	process.exit(1);
}
