// Finds every page, form action and endpoint of the app from the files under src/routes, so the
// access matrix fails when a route appears without an entry.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface RouteOperation {
	/** e.g. 'GET /admin/units/[id]', 'POST /admin/units/[id] ?/rename', 'POST /api/v1/responses' */
	key: string;
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

function routeId(file: string, root: string): string {
	const dir = relative(root, file).split(sep).slice(0, -1);
	// Route groups "(name)" do not appear in URLs.
	const parts = dir.filter((p) => !/^\(.*\)$/.test(p));
	return '/' + parts.join('/');
}

export function discoverOperations(root = 'src/routes'): string[] {
	const ops = new Set<string>();
	for (const file of walk(root)) {
		const name = file.split(sep).pop()!;
		const id = routeId(file, root);
		const source = () => readFileSync(file, 'utf8');
		if (name === '+page.svelte') ops.add(`GET ${id}`);
		if (name === '+page.server.ts') {
			const text = source();
			const block = /export const actions[^=]*=\s*\{([\s\S]*?)\n\};/.exec(text);
			if (block) {
				for (const m of block[1].matchAll(/^\t([A-Za-z_]+)\s*[:(,]/gm)) {
					ops.add(m[1] === 'default' ? `POST ${id}` : `POST ${id} ?/${m[1]}`);
				}
			}
		}
		if (name === '+server.ts') {
			for (const m of source().matchAll(
				/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g
			)) {
				ops.add(`${m[1]} ${id}`);
			}
		}
	}
	return [...ops].sort();
}
