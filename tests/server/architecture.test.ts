import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering the code keeps (docs/architecture.md), read from the source tree: routes parse,
// guard and call a module of $lib/server, which owns the queries and the transactions; the
// browser's code (components, domain, kiosk) never reaches into $lib/server; and the server's
// modules import each other without a cycle, so each can be read from its imports down.

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');
const LIB = join(SRC, 'lib');

function files(dir: string): string[] {
	return readdirSync(dir)
		.sort()
		.flatMap((name) => {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) return files(path);
			return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
		});
}

interface Import {
	specifier: string;
	/** Only types: erased at build, no edge at run time. */
	typeOnly: boolean;
}

/** The static imports and re-exports of a file (dynamic import() is left out: it loads late). */
function importsOf(source: string): Import[] {
	const out: Import[] = [];
	const pattern = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/gms;
	for (const m of source.matchAll(pattern)) {
		const names = m[3].replace(/^\{|\}$/g, '');
		const braced = /^\{[^}]*\}$/.test(m[3].trim());
		const allTypes =
			braced &&
			names
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
				.every((s) => s.startsWith('type '));
		out.push({ specifier: m[4], typeOnly: Boolean(m[2]) || allTypes });
	}
	for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
		out.push({ specifier: m[1], typeOnly: false });
	}
	return out;
}

/** The file an import names inside src, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = join(LIB, specifier.slice(5));
	else if (specifier === '$lib') base = LIB;
	else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
	else return null;
	for (const candidate of [
		base,
		`${base}.ts`,
		join(base, 'index.ts'),
		base.replace(/\.js$/, '.ts')
	]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

const rel = (path: string) => relative(ROOT, path);

describe('routes', () => {
	const routeFiles = files(join(SRC, 'routes'));
	const forbidden: [RegExp, string][] = [
		[/from\s+['"]kysely['"]/, "imports 'kysely'"],
		[/\.transaction\(\)/, 'opens a transaction'],
		[/\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(/, 'builds a query'],
		[/\bsql`/, 'writes SQL'],
		// The command that changes the data writes its audit row, in its transaction.
		[/\baudit\.record\(|\brecorded\(/, 'writes an audit row']
	];

	it('hold no query, open no transaction and write no audit row: they call $lib/server', () => {
		const found: string[] = [];
		for (const file of routeFiles) {
			const source = readFileSync(file, 'utf8');
			for (const [pattern, what] of forbidden) {
				if (pattern.test(source)) found.push(`${rel(file)} ${what}`);
			}
		}
		expect(found).toEqual([]);
	});
});

describe("the browser's code", () => {
	it('($lib/components, $lib/domain, $lib/kiosk) imports nothing from $lib/server', () => {
		const server = join(LIB, 'server') + '/';
		const found: string[] = [];
		for (const area of ['components', 'domain', 'kiosk']) {
			for (const file of files(join(LIB, area))) {
				for (const i of importsOf(readFileSync(file, 'utf8'))) {
					const target = resolveImport(file, i.specifier);
					if (target?.startsWith(server)) found.push(`${rel(file)} -> ${i.specifier}`);
				}
			}
		}
		expect(found).toEqual([]);
	});
});

/** Strongly connected groups of more than one module (or a module importing itself): cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
	let index = 0;
	const order = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const out: string[][] = [];
	const visit = (v: string) => {
		order.set(v, index);
		low.set(v, index);
		index++;
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!order.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) {
				low.set(v, Math.min(low.get(v)!, order.get(w)!));
			}
		}
		if (low.get(v) === order.get(v)) {
			const group: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				group.push(w);
			} while (w !== v);
			if (group.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(group.map(rel).sort());
		}
	};
	for (const v of graph.keys()) if (!order.has(v)) visit(v);
	return out;
}

function importGraph(dir: string, withTypes: boolean): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of files(dir)) {
		const targets = importsOf(readFileSync(file, 'utf8'))
			.filter((i) => withTypes || !i.typeOnly)
			.map((i) => resolveImport(file, i.specifier))
			.filter((t): t is string => t !== null && t.startsWith(dir));
		graph.set(file, [...new Set(targets)]);
	}
	return graph;
}

describe('the modules of $lib/server', () => {
	it('import each other without a cycle', () => {
		expect(cycles(importGraph(join(LIB, 'server'), false))).toEqual([]);
	});

	it('the check sees a cycle when there is one', () => {
		const graph = new Map([
			['/a', ['/b']],
			['/b', ['/c']],
			['/c', ['/a']],
			['/d', ['/a']]
		]);
		expect(cycles(graph).map((g) => g.length)).toEqual([3]);
	});
});

describe('the import reader', () => {
	it('tells type-only imports from those that load a module', () => {
		const read = importsOf(
			[
				"import type { A } from './a';",
				"import { type B, c } from './b';",
				"import { type D } from './d';",
				"export * from './e';",
				"import {\n\tf,\n\tg\n} from '$lib/server/f';"
			].join('\n')
		);
		expect(read).toEqual([
			{ specifier: './a', typeOnly: true },
			{ specifier: './b', typeOnly: false },
			{ specifier: './d', typeOnly: true },
			{ specifier: './e', typeOnly: false },
			{ specifier: '$lib/server/f', typeOnly: false }
		]);
	});
});
