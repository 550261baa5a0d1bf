// The learner's API: `seqmodels` exports a curated set of names (at most 150), every name a
// notebook imports from it exists there, lib/README.md lists them, and the package's two entry
// points (plus the dependency-free `seqmodels/env`) resolve as node and TypeScript resolve them.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as pub from 'seqmodels';
import * as internals from 'seqmodels/internals';

const root = path.resolve(__dirname, '..', '..');
const PUBLIC_LIMIT = 150;

/** Every name imported from "seqmodels" in the notebooks' code cells, with the notebook it came from. */
function notebookImports(): { name: string; notebook: string }[] {
  const dir = path.join(root, 'notebooks');
  const out: { name: string; notebook: string }[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ipynb')).sort()) {
    const nb = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const code = nb.cells.filter((c: any) => c.cell_type === 'code').map((c: any) => [].concat(c.source).join('')).join('\n');
    for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["']seqmodels["']/g)) {
      for (const part of m[1].split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
        if (name) out.push({ name, notebook: f });
      }
    }
    expect({ notebook: f, internals: /from\s*["']seqmodels\/internals["']/.test(code) }).toEqual({ notebook: f, internals: false });
  }
  return out;
}

/** Names exported by lib/src/index.ts, values and types (types leave no trace at run time). */
function declaredPublicNames(): Set<string> {
  const src = fs.readFileSync(path.join(root, 'lib', 'src', 'index.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of src.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

test(`the public entry point exports at most ${PUBLIC_LIMIT} names, none of them internals`, () => {
  const keys = Object.keys(pub);
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.length).toBeLessThanOrEqual(PUBLIC_LIMIT);
  expect(src('index.ts')).not.toMatch(/export\s+\*/); // named exports only, so the list stays curated
  for (const internal of ['gemmNN', 'createSimdArena', 'createWorkspace', 'serializeSends', 'TerminalView', 'perplexityOf']) {
    expect({ name: internal, public: internal in pub }).toEqual({ name: internal, public: false });
  }
});

function src(file: string): string {
  return fs.readFileSync(path.join(root, 'lib', 'src', file), 'utf8');
}

test('every name a notebook imports from "seqmodels" is exported there', () => {
  const declared = declaredPublicNames();
  const imports = notebookImports();
  expect(imports.length).toBeGreaterThan(20);
  const missing = imports.filter(({ name }) => !declared.has(name));
  expect(missing).toEqual([]);
  // Declared values exist at run time (types are erased: they are checked by the type checker).
  const valuesMissing = [...declared].filter((n) => /^[a-z]|^[A-Z_]+$/.test(n) && !(n in pub));
  expect(valuesMissing).toEqual([]);
});

test('the internals entry point holds everything public (same objects) and the library\'s internals', () => {
  for (const [name, value] of Object.entries(pub)) {
    expect({ name, same: (internals as Record<string, unknown>)[name] === value }).toEqual({ name, same: true });
  }
  expect(typeof (internals as Record<string, unknown>).createWorkspace).toBe('function');
  expect(Object.keys(internals).length).toBeGreaterThan(Object.keys(pub).length);
});

test('lib/README.md lists every public name', () => {
  const readme = fs.readFileSync(path.join(root, 'lib', 'README.md'), 'utf8');
  const unlisted = [...declaredPublicNames()].filter((n) => !readme.includes('`' + n + '`'));
  expect(unlisted).toEqual([]);
});

test('node resolves seqmodels, seqmodels/internals and seqmodels/env through the package\'s exports', () => {
  // The built package, as notebooks (tslab) and the benchmarks load it. Skipped names would fail here.
  const script = [
    "const p = require('seqmodels'), i = require('seqmodels/internals'), e = require('seqmodels/env');",
    'console.log(JSON.stringify({ pub: Object.keys(p).length, internals: Object.keys(i).length, env: typeof e.parseCourseFast }));',
  ].join('\n');
  const distIndex = path.join(root, 'lib', 'dist', 'index.js');
  if (!fs.existsSync(distIndex)) throw new Error('lib/dist is missing: run `npm run build` first');
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!);
  expect(out.env).toBe('function');
  expect(out.pub).toBeLessThanOrEqual(PUBLIC_LIMIT);
  expect(out.internals).toBeGreaterThan(out.pub);
});
