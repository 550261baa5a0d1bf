/**
 * The folder import graph of lib/src has no cycles: if folder A imports from folder B, nothing in B
 * imports (directly or through other folders) from A. Type-only imports count too: a cycle of
 * types is still two folders that cannot be read, or changed, one without the other.
 *
 * Nodes are the top-level folders of lib/src (backend, train, plot, ...) and its top-level files
 * (env.ts); the package's entry points (index.ts, internals.ts) re-export everything and are left out.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../lib/src');
const ENTRY_POINTS = new Set(['index.ts', 'internals.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative module specifiers of every import, export-from, dynamic import and require in `code`. */
export function relativeSpecifiers(code: string): string[] {
  const noComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of noComments.matchAll(re)) if (m[1].startsWith('.')) found.push(m[1]);
  return found;
}

/** The node of a file: its top-level folder under lib/src, or the file name for top-level files. */
function nodeOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? rel[0].replace(/\.ts$/, '') : rel[0];
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return null;
}

interface Edge { from: string; to: string; file: string; spec: string }

function folderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    if (path.dirname(file) === SRC && ENTRY_POINTS.has(path.basename(file))) continue;
    for (const spec of relativeSpecifiers(fs.readFileSync(file, 'utf8'))) {
      const target = resolve(file, spec);
      if (!target) throw new Error(`${path.relative(SRC, file)}: import '${spec}' resolves to no file`);
      if (!target.startsWith(SRC + path.sep)) continue;
      const [a, b] = [nodeOf(file), nodeOf(target)];
      if (a !== b) edges.push({ from: a, to: b, file: path.relative(SRC, file), spec });
    }
  }
  return edges;
}

/** One cycle of the graph as a list of nodes (first = last), or null. */
export function findCycle(edges: { from: string; to: string }[]): string[] | null {
  const next = new Map<string, Set<string>>();
  for (const e of edges) (next.get(e.from) ?? next.set(e.from, new Set()).get(e.from)!).add(e.to);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of next.get(n) ?? []) {
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of [...next.keys()].sort()) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return null;
}

describe('folder imports of lib/src', () => {
  test.each([
    ['import { a } from "./x"', ['./x']],
    ["import type { T } from '../train/fit'", ['../train/fit']],
    ["export * from './fit';\nexport { b } from '../backend';", ['./fit', '../backend']],
    ["import {\n  a,\n  b,\n} from '../plot';", ['../plot']],
    ["const m = await import('../train');", ['../train']],
    ["// import { a } from '../plot'\n/* import '../train' */ import '@tensorflow/tfjs';", []],
  ])('the scanner finds the relative imports of %j', (code, expected) => {
    expect(relativeSpecifiers(code as string)).toEqual(expected);
  });

  test.each([
    [[['a', 'b'], ['b', 'c']], null],
    [[['a', 'b'], ['b', 'a']], ['a', 'b', 'a']],
    [[['a', 'b'], ['b', 'c'], ['c', 'a']], ['a', 'b', 'c', 'a']],
  ])('the cycle finder: %j', (pairs, expected) => {
    expect(findCycle((pairs as string[][]).map(([from, to]) => ({ from, to })))).toEqual(expected);
  });

  test('no folder imports a folder that imports it back (directly or through others)', () => {
    const edges = folderEdges();
    expect(edges.length).toBeGreaterThan(10); // the scan sees the library's imports
    const cycle = findCycle(edges);
    if (cycle) {
      const why = cycle.slice(1).map((to, i) => {
        const from = cycle[i];
        const e = edges.filter((x) => x.from === from && x.to === to).map((x) => `${x.file} imports '${x.spec}'`);
        return `  ${from} -> ${to}: ${e.join('; ')}`;
      });
      throw new Error(`lib/src has a folder import cycle ${cycle.join(' -> ')}:\n${why.join('\n')}\n` +
        'Move the shared piece into the folder both depend on, or pass it in (a callback, a hook) instead of importing it.');
    }
  });
});
