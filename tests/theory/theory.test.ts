/**
 * Checks of the theory chapters (issue 5).
 *
 * 1. Every relative link and image in theory/*.md and in the top-level README.md
 *    resolves to an existing file (README.md is skipped only while it is absent).
 * 2. Every formula ($…$ inline, $$…$$ display) in theory/*.md parses with KaTeX,
 *    and no stray, unmatched dollar sign is left in the prose; inline formulas stay on one
 *    line, and no formula contains "<letter" (GitHub may read it as an HTML tag).
 * 3. The symbol tables of the chapters name real library code: a table whose header
 *    has the columns "exported name", "field or variable" and "file" maps maths
 *    symbols to the library. Every code-font name in the "exported name" column must
 *    be exported somewhere in lib/src and reachable from the package's entry points
 *    (`import { name } from "seqmodels"` or, for the library's internals, from
 *    "seqmodels/internals"); every file in the "file" column must exist;
 *    every code-font name in the "field or variable" column must occur as an
 *    identifier in that file.
 * 4. Links to headings (`#anchor`, `file.md#anchor`) name a heading that exists (GitHub's slugs).
 * 5. Every chapter states a reading time, has a summary, points to its notebook and exercises,
 *    and cites the course's core references; every figure is a self-contained SVG with a title
 *    and no opaque background, and is used by a chapter.
 *
 * Code spans and fenced code blocks are ignored by checks 1, 2 and 4.
 */
import * as fs from 'fs';
import * as path from 'path';
import katex from 'katex';
import { extractMath, headingSlugs, linkTargets, stripCodeSpans, stripComments, stripFencedCode } from './markdown';

const ROOT = path.resolve(__dirname, '..', '..');
const THEORY = path.join(ROOT, 'theory');
const LIB_SRC = path.join(ROOT, 'lib', 'src');

const chapters: string[] = fs
  .readdirSync(THEORY)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => path.join(THEORY, f));

const rel = (p: string) => path.relative(ROOT, p);

function splitRow(line: string): string[] {
  // split a table row on | that are not inside code spans or math
  const cells: string[] = [];
  let cur = '';
  let inCode = false;
  let inMath = false;
  const s = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '\\' && s[k + 1] === '|') {
      cur += '|';
      k++;
      continue;
    }
    if (c === '`') inCode = !inCode;
    if (c === '$' && !inCode) inMath = !inMath;
    if (c === '|' && !inCode && !inMath) {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

export interface SymbolRow {
  exported: string[];
  fields: string[];
  files: string[];
  line: number;
}

/** Rows of the symbol tables: tables with "exported name", "field or variable", "file" columns. */
export function symbolRows(md: string): SymbolRow[] {
  const lines = stripFencedCode(md).split('\n');
  const rows: SymbolRow[] = [];
  const codeSpans = (cell: string) => Array.from(cell.matchAll(/`([^`]+)`/g), (m) => m[1].trim());
  for (let k = 0; k + 1 < lines.length; k++) {
    if (!/^\s*\|/.test(lines[k]) || !/^\s*\|?\s*:?-{3,}/.test(lines[k + 1])) continue;
    const header = splitRow(lines[k]).map((h) => h.toLowerCase());
    const ex = header.findIndex((h) => h.includes('exported name'));
    const fi = header.findIndex((h) => h.includes('field or variable'));
    const fl = header.findIndex((h) => h === 'file' || h === 'files');
    if (ex < 0 || fi < 0 || fl < 0) continue;
    let r = k + 2;
    for (; r < lines.length && /^\s*\|/.test(lines[r]); r++) {
      const cells = splitRow(lines[r]);
      rows.push({
        exported: codeSpans(cells[ex] ?? ''),
        fields: codeSpans(cells[fi] ?? ''),
        files: codeSpans(cells[fl] ?? ''),
        line: r + 1,
      });
    }
    k = r;
  }
  return rows;
}

// ---------------------------------------------------------------- library helpers

function listTs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Names exported by the sources in lib/src (declarations and export lists). */
export function exportedNames(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    const decl =
      /export\s+(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
    for (const m of src.matchAll(decl)) names.add(m[1]);
    for (const m of src.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
      for (const part of m[1].split(',')) {
        const p = part.trim().replace(/^type\s+/, '');
        if (!p) continue;
        const as = /\bas\s+([A-Za-z_$][\w$]*)$/.exec(p);
        names.add(as ? as[1] : p.split(/\s+/)[0]);
      }
    }
  }
  return names;
}

/**
 * Names that the package entry point (lib/src/index.ts, imported as "seqmodels") exports, following
 * `export * from` and `export { … } from` through the barrels.
 */
export function packageExports(entry: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(entry) || !fs.existsSync(entry)) return names;
  seen.add(entry);
  const src = fs.readFileSync(entry, 'utf8');
  const resolve = (spec: string) => {
    const base = path.resolve(path.dirname(entry), spec);
    for (const c of [base + '.ts', path.join(base, 'index.ts'), base]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
    return base + '.ts';
  };
  for (const m of src.matchAll(/export\s+\*\s+from\s+['"]([^'"]+)['"]/g)) {
    for (const n of packageExports(resolve(m[1]), seen)) names.add(n);
  }
  // local declarations and `export { … }` lists (with or without `from`)
  for (const n of exportedNames([entry])) names.add(n);
  return names;
}

// ---------------------------------------------------------------- tests

describe('theory chapters exist', () => {
  it.each([
    '01_rnn_fundamentals.md',
    '02_lstm_architecture.md',
    '03_gru_architecture.md',
    '04_comparing_rnn_lstm_gru.md',
    '05_advanced_architectures.md',
  ])('theory/%s', (name) => {
    expect(fs.existsSync(path.join(THEORY, name))).toBe(true);
  });
});

describe('relative links and images resolve', () => {
  const readme = path.join(ROOT, 'README.md');
  const files = [...chapters, readme];
  it.each(files.map((f) => [rel(f), f]))('%s', (_name, file) => {
    if (file === readme && !fs.existsSync(readme)) return; // README.md not written yet
    const md = fs.readFileSync(file, 'utf8');
    const broken = linkTargets(md)
      .map(({ target, line }) => {
        const clean = decodeURIComponent(target.replace(/[#?].*$/, ''));
        if (clean === '') return null;
        const resolved = path.resolve(path.dirname(file), clean);
        return fs.existsSync(resolved) ? null : `line ${line}: ${target} -> ${rel(resolved)} does not exist`;
      })
      .filter((x): x is string => x !== null);
    expect(broken).toEqual([]);
  });
});

describe('links to headings name existing headings', () => {
  const readme = path.join(ROOT, 'README.md');
  const files = [...chapters, readme];
  it.each(files.map((f) => [rel(f), f]))('%s', (_name, file) => {
    if (file === readme && !fs.existsSync(readme)) return; // README.md not written yet
    const md = fs.readFileSync(file, 'utf8');
    const text = stripComments(stripCodeSpans(stripFencedCode(md)));
    const targets: { target: string; line: number }[] = [];
    text.split('\n').forEach((l, k) => {
      for (const m of l.matchAll(/\]\(\s*<?([^)\s>]*#[^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push({ target: m[1], line: k + 1 });
    });
    const broken: string[] = [];
    for (const { target, line } of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // external URL
      const [p, anchor] = target.split('#');
      const dest = p === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(p));
      if (!dest.endsWith('.md') || !fs.existsSync(dest)) continue; // missing files are reported above
      if (!headingSlugs(fs.readFileSync(dest, 'utf8')).has(decodeURIComponent(anchor).toLowerCase())) {
        broken.push(`line ${line}: ${target}: no heading with that anchor in ${rel(dest)}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('formulas parse with KaTeX', () => {
  it.each(chapters.map((f) => [rel(f), f]))('%s', (_name, file) => {
    const md = fs.readFileSync(file, 'utf8');
    const { formulas, stray } = extractMath(stripComments(stripCodeSpans(stripFencedCode(md))));
    const errors: string[] = stray.map((l) => `line ${l}: unmatched or malformed $`);
    for (const f of formulas) {
      if (!f.display && f.tex.includes('\n')) {
        errors.push(`line ${f.line}: inline formula spans lines (fragile on GitHub): $${f.tex}$`);
      }
      if (/<[A-Za-z]/.test(f.tex)) {
        errors.push(`line ${f.line}: "<" followed by a letter can be read as an HTML tag on GitHub; write \\lt: ${f.tex.trim()}`);
      }
      if (/\\(newcommand|renewcommand|def)\b/.test(f.tex)) {
        errors.push(`line ${f.line}: macro definitions do not render on GitHub: ${f.tex.trim()}`);
      }
      try {
        katex.renderToString(f.tex, { throwOnError: true, displayMode: f.display });
      } catch (e) {
        errors.push(`line ${f.line}: ${(e as Error).message}`);
      }
    }
    expect(errors).toEqual([]);
    expect(formulas.length).toBeGreaterThan(0);
  });
});

describe('symbol tables name real library code', () => {
  const libFiles = listTs(LIB_SRC);
  const exported = exportedNames(libFiles);
  const publicNames = new Set([...packageExports(path.join(LIB_SRC, 'index.ts')), ...packageExports(path.join(LIB_SRC, 'internals.ts'))]);
  it.each(chapters.map((f) => [rel(f), f]))('%s', (_name, file) => {
    const rows = symbolRows(fs.readFileSync(file, 'utf8'));
    expect(rows.length).toBeGreaterThan(0); // every chapter has a symbol table
    const missing: string[] = [];
    for (const row of rows) {
      for (const name of row.exported) {
        if (!exported.has(name)) missing.push(`line ${row.line}: \`${name}\` is not exported from lib/src`);
        else if (!publicNames.has(name)) missing.push(`line ${row.line}: \`${name}\` is exported in lib/src but not re-exported by the package entries lib/src/index.ts or lib/src/internals.ts`);
      }
      for (const f of row.files) {
        const p = path.join(ROOT, f);
        if (!fs.existsSync(p)) {
          missing.push(`line ${row.line}: file ${f} does not exist`);
          continue;
        }
        const src = fs.readFileSync(p, 'utf8');
        for (const name of row.fields) {
          const word = new RegExp('(^|[^A-Za-z0-9_$])' + name.replace(/[$]/g, '\\$') + '(?![A-Za-z0-9_$])');
          if (!word.test(src)) missing.push(`line ${row.line}: \`${name}\` does not occur in ${f}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('chapter structure and references', () => {
  // The references every chapter cites (issue 5), as "surname ... year" patterns.
  const core: [string, RegExp][] = [
    ['Hochreiter & Schmidhuber 1997', /Hochreiter[^\n]*Schmidhuber[^\n]*1997/],
    ['Cho et al. 2014', /Cho, K\.[^\n]*2014/],
    ['Bengio, Simard & Frasconi 1994', /Bengio[^\n]*Simard[^\n]*Frasconi[^\n]*1994/],
    ['Pascanu, Mikolov & Bengio 2013', /Pascanu[^\n]*Mikolov[^\n]*Bengio[^\n]*2013/],
    ['Bahdanau, Cho & Bengio 2015', /Bahdanau[^\n]*Cho[^\n]*Bengio[^\n]*2015/],
    ['Olah 2015, Understanding LSTM Networks', /Olah[^\n]*2015[^\n]*Understanding LSTM/i],
  ];
  it.each(chapters.map((f) => [rel(f), f]))('%s', (_name, file) => {
    const md = fs.readFileSync(file, 'utf8');
    const problems: string[] = [];
    if (!/Estimated reading time:\s*\d+/.test(md)) problems.push('no "Estimated reading time: N" line');
    if (!/^##\s+(\d+\.\s+)?Summary\b/m.test(md)) problems.push('no "## Summary" section');
    if (!/notebooks\/\d\d_[a-z_]+\.ipynb/.test(md)) problems.push('no pointer to a notebook (notebooks/NN_name.ipynb)');
    if (!/exercises\/\d\d_/.test(md)) problems.push('no pointer to the exercises (exercises/NN_*)');
    const refs = md.split(/^##\s+References\s*$/m)[1];
    if (refs === undefined) problems.push('no "## References" section');
    else {
      // one entry per list item, continuation lines joined
      const entries = refs.split(/\n\s*[-*]\s+/).map((e) => e.replace(/\s+/g, ' '));
      for (const [name, re] of core) if (!entries.some((e) => re.test(e))) problems.push(`references lack ${name}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('figures', () => {
  const dir = path.join(THEORY, 'figures');
  const svgs = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.svg')).sort() : [];
  const allMd = chapters.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  it('there are figures', () => expect(svgs.length).toBeGreaterThan(0));
  it.each(svgs)('theory/figures/%s', (name) => {
    const svg = fs.readFileSync(path.join(dir, name), 'utf8');
    const problems: string[] = [];
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg\b[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg)) problems.push('does not start with <svg xmlns=...>');
    if (!/<svg\b[^>]*\bviewBox=/.test(svg)) problems.push('no viewBox (does not scale)');
    if (!/<title[^>]*>[^<]+<\/title>/.test(svg)) problems.push('no <title> (accessibility)');
    if (!/<\/svg>\s*$/.test(svg)) problems.push('not closed by </svg>');
    if (/<(image|script|foreignObject)\b/.test(svg) || /xlink:href="(?!#)|\bhref="(?!#)/.test(svg)) problems.push('not self-contained');
    // an opaque background would break dark mode: no full-size rect filled with white or black
    if (/<rect\b[^>]*width="100%"[^>]*fill="(#fff(fff)?|white|#000(000)?|black)"/i.test(svg)) problems.push('opaque background');
    // tags balance (a cheap well-formedness check)
    const open = (svg.match(/<[a-zA-Z][^>]*(?<!\/)>/g) ?? []).length;
    const close = (svg.match(/<\/[a-zA-Z][^>]*>/g) ?? []).length;
    if (open !== close) problems.push(`unbalanced tags: ${open} opened, ${close} closed`);
    if (!allMd.includes(`figures/${name}`)) problems.push('not used by any chapter');
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------- tests of the helpers

describe('markdown helpers', () => {
  it('extracts inline and display math and ignores code', () => {
    const md = 'a $x_t$ b `$not math$` c\n\n$$\nh_t = \\tanh(a)\n$$\n\n```\n$code$\n```\ncosts \\$5';
    const { formulas, stray } = extractMath(stripCodeSpans(stripFencedCode(md)));
    expect(formulas.map((f) => [f.tex.trim(), f.display])).toEqual([
      ['x_t', false],
      ['h_t = \\tanh(a)', true],
    ]);
    expect(stray).toEqual([]);
  });
  it('reports a stray dollar', () => {
    expect(extractMath('costs $5 and more').stray).toEqual([1]);
  });
  it('finds relative links, images and HTML images, not URLs or anchors', () => {
    const md = '[a](b.md) ![c](figures/d.svg "t") [e](https://x.org) [f](#g) `[h](i.md)`\n<img src="j.svg">';
    expect(linkTargets(md).map((l) => l.target)).toEqual(['b.md', 'figures/d.svg', 'j.svg']);
  });
  it('reads symbol tables', () => {
    const md = '| symbol | field or variable | exported name | file |\n|---|---|---|---|\n| $W$ | `kernel` | `rnnStep` | `lib/src/scratch/rnn.ts` |\n';
    expect(symbolRows(md)).toEqual([
      { exported: ['rnnStep'], fields: ['kernel'], files: ['lib/src/scratch/rnn.ts'], line: 3 },
    ]);
  });
  it('follows the barrels of the package entry', () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'theory-barrel-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'index.ts'), "export * from './sub';\nexport const top = 1;\n");
    fs.writeFileSync(path.join(dir, 'sub', 'index.ts'), "export { b } from './b';\n");
    fs.writeFileSync(path.join(dir, 'sub', 'b.ts'), 'export const b = 1;\nexport const hidden = 2;\n');
    expect([...packageExports(path.join(dir, 'index.ts'))].sort()).toEqual(['b', 'top']);
  });
  it('makes GitHub heading slugs', () => {
    const md = '# 01 · Title\n## 9. Weight layouts: tf.layers, PyTorch\n## Summary\n## Summary\n```\n# not a heading\n```';
    expect([...headingSlugs(md)]).toEqual(['01--title', '9-weight-layouts-tflayers-pytorch', 'summary', 'summary-1']);
  });
  it('reads exports', () => {
    const tmp = path.join(require('os').tmpdir(), 'theory-export-test.ts');
    fs.writeFileSync(tmp, 'export function a() {}\nexport const b = 1;\nexport { c, d as e };\nexport class F {}\n');
    expect([...exportedNames([tmp])].sort()).toEqual(['F', 'a', 'b', 'c', 'e']);
  });
});
