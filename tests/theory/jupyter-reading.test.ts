/**
 * The course read from Jupyter (issue 18): `npm start` serves the repository root, so everything a
 * learner can click in a notebook, a theory chapter or a README opens in Jupyter.
 *
 * 1. Every relative link and image in every notebook's markdown cells, every theory chapter and
 *    every README.md resolves to a file (or folder) inside the repository, not hidden (Jupyter
 *    serves no dot-folders), and every `#anchor` names a heading or an `id` of its target.
 * 2. Formulas in the chapters and the notebooks use only what both renderers document: MathJax 3
 *    (JupyterLab's Markdown viewer and notebook cells load its `tex-full` component) and KaTeX (the
 *    course site). Every control sequence must be on the ALLOWED list below (taken from MathJax's
 *    "Supported TeX/LaTeX commands" and KaTeX's "Supported Functions" pages); a DENIED entry says
 *    why it is refused. Every formula also parses with KaTeX.
 * 3. A display formula has no blank line inside: Jupyter's math extraction stops at a paragraph
 *    break and would leave a raw `$$` on the page.
 */
import * as fs from 'fs';
import * as path from 'path';
import katex from 'katex';
import { extractMath, headingSlugs, linkTargets, stripCodeSpans, stripComments, stripFencedCode } from './markdown';

const ROOT = path.resolve(__dirname, '..', '..');
const rel = (p: string) => path.relative(ROOT, p);

/** README.md files of the repository (not of its dependencies or build output). */
function readmes(dir = ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.') || ['node_modules', 'build', 'dist', 'cache'].includes(e.name)) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return readmes(p);
    return e.name === 'README.md' ? [p] : [];
  });
}

const chapters = fs
  .readdirSync(path.join(ROOT, 'theory'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => path.join(ROOT, 'theory', f));
const notebooks = fs
  .readdirSync(path.join(ROOT, 'notebooks'))
  .filter((f) => f.endsWith('.ipynb'))
  .sort()
  .map((f) => path.join(ROOT, 'notebooks', f));

/** A notebook's markdown cells, joined by blank lines (the unit of text a learner reads). */
function notebookMarkdown(file: string): string {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells
    .filter((c) => c.cell_type === 'markdown')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source))
    .join('\n\n');
}
const markdownOf = (file: string) => (file.endsWith('.ipynb') ? notebookMarkdown(file) : fs.readFileSync(file, 'utf8'));

/** Ids a link can jump to in a markdown text: GitHub's heading slugs and explicit id/name attributes. */
function anchorsOf(md: string): Set<string> {
  const ids = headingSlugs(md);
  for (const m of md.matchAll(/<[a-z][^>]*\b(?:id|name)\s*=\s*["']([^"']+)["']/gi)) ids.add(m[1].toLowerCase());
  return ids;
}

/** Problems with the links of one file: missing, outside the repository, hidden, unknown anchor. */
export function linkProblems(file: string, md: string): string[] {
  const problems: string[] = [];
  const text = stripComments(stripCodeSpans(stripFencedCode(md)));
  for (const { target, line } of linkTargets(md)) {
    const [p, anchor] = target.split('#');
    const clean = decodeURIComponent(p.replace(/\?.*$/, ''));
    const dest = path.resolve(path.dirname(file), clean);
    const where = `line ${line}: ${target}`;
    if (path.relative(ROOT, dest).startsWith('..')) problems.push(`${where} leaves the repository (Jupyter serves only the repository root)`);
    else if (!fs.existsSync(dest)) problems.push(`${where} -> ${rel(dest)} does not exist`);
    else if (rel(dest).split(path.sep).some((part) => part.startsWith('.'))) problems.push(`${where} -> ${rel(dest)} is hidden (Jupyter does not serve it)`);
    else if (anchor && /\.(md|ipynb)$/.test(dest) && !anchorsOf(markdownOf(dest)).has(decodeURIComponent(anchor).toLowerCase())) {
      problems.push(`${where}: no heading or id "${anchor}" in ${rel(dest)}`);
    }
  }
  // Links within the same text: [x](#anchor)
  const own = anchorsOf(md);
  text.split('\n').forEach((l, k) => {
    for (const m of l.matchAll(/\]\(\s*#([^)\s]+)\s*\)/g)) {
      if (!own.has(decodeURIComponent(m[1]).toLowerCase())) problems.push(`line ${k + 1}: #${m[1]}: no heading or id of that name here`);
    }
  });
  return problems;
}

describe('every relative link a learner can click in Jupyter opens a file', () => {
  const files = [...notebooks, ...chapters, ...readmes()];
  test('the files to check are there', () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(10);
    expect(chapters.length).toBeGreaterThanOrEqual(5);
    expect(files.map(rel)).toEqual(expect.arrayContaining(['README.md', 'exercises/README.md', 'datasets/README.md', 'lib/README.md']));
  });
  it.each(files.map((f) => [rel(f), f]))('%s', (_name, file) => {
    expect(linkProblems(file, markdownOf(file))).toEqual([]);
  });
  test('every notebook that goes with a chapter links to it', () => {
    // The course map: notebook NN pairs with these chapters (README, "Course map").
    const pairs: [string, string][] = [
      ['01_rnn_from_scratch', '01_rnn_fundamentals'],
      ['02_lstm_from_scratch', '02_lstm_architecture'],
      ['03_gru_from_scratch', '03_gru_architecture'],
      ['08_comparing_rnn_lstm_gru', '04_comparing_rnn_lstm_gru'],
      ['09_advanced_architectures', '05_advanced_architectures'],
    ];
    const missing = pairs.filter(([nb, ch]) => !notebookMarkdown(path.join(ROOT, 'notebooks', `${nb}.ipynb`)).includes(`](../theory/${ch}.md`));
    expect(missing).toEqual([]);
  });
});

describe('the link checker', () => {
  const file = path.join(ROOT, 'notebooks', 'x.ipynb');
  test('accepts a chapter, a figure, an exercise file and a heading anchor', () => {
    const md =
      '[ch](../theory/01_rnn_fundamentals.md) ![f](../theory/figures/lstm_cell.svg) [e](../exercises/01_rnn/rnn_step.ts)\n' +
      '[s](../theory/01_rnn_fundamentals.md#13-summary) [here](#top)\n<a id="top"></a>';
    expect(linkProblems(file, md)).toEqual([]);
  });
  test('refuses a missing file, a path outside the repository, a hidden file and an unknown anchor', () => {
    const md = '[a](../theory/99_missing.md)\n[b](../../elsewhere.md)\n[c](../.ci/run)\n[d](../theory/01_rnn_fundamentals.md#no-such-heading)\n[e](#nowhere)';
    const p = linkProblems(file, md);
    expect(p).toHaveLength(5);
    expect(p[0]).toMatch(/99_missing\.md does not exist/);
    expect(p[1]).toMatch(/leaves the repository/);
    expect(p[2]).toMatch(/hidden/);
    expect(p[3]).toMatch(/no heading or id "no-such-heading"/);
    expect(p[4]).toMatch(/#nowhere/);
  });
});

// ------------------------------------------------------------------ formulas

/**
 * Control sequences that MathJax 3 (docs.mathjax.org, "Supported TeX/LaTeX commands": base and
 * ams packages, both in JupyterLab's tex-full) and KaTeX ("Supported Functions") both document.
 * Add a name only after checking it on both pages.
 */
const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon', 'phi', 'varphi',
  'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
];
export const ALLOWED = new Set<string>([
  ...GREEK,
  // structure
  'frac', 'dfrac', 'tfrac', 'sqrt', 'left', 'right', 'middle', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr',
  'biggl', 'biggr', 'begin', 'end', 'text', 'textbf', 'textit', 'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'mathbb',
  'mathcal', 'boldsymbol', 'operatorname', 'mathrel', 'mathbin', 'mathop', 'limits', 'nolimits', 'displaystyle', 'textstyle',
  'underbrace', 'overbrace', 'underset', 'overset', 'stackrel', 'binom', 'tag',
  // accents
  'hat', 'widehat', 'tilde', 'widetilde', 'bar', 'overline', 'underline', 'vec', 'dot', 'ddot', 'overleftarrow', 'overrightarrow',
  // spacing
  ',', ';', ':', '!', ' ', 'quad', 'qquad', '\\', '{', '}', '|', '_', '%', '#', '&',
  // operators and relations
  'sum', 'prod', 'int', 'partial', 'nabla', 'infty', 'cdot', 'cdots', 'ldots', 'dots', 'vdots', 'ddots', 'times', 'div', 'pm', 'mp',
  'odot', 'oplus', 'otimes', 'circ', 'ast', 'star', 'le', 'leq', 'ge', 'geq', 'lt', 'gt', 'ne', 'neq', 'approx', 'sim', 'simeq',
  'equiv', 'propto', 'll', 'gg', 'prec', 'preceq', 'succ', 'succeq', 'in', 'notin', 'subset', 'subseteq', 'cup', 'cap', 'setminus',
  'emptyset', 'forall', 'exists', 'neg', 'land', 'lor', 'mid', 'parallel', 'perp', 'top', 'bot', 'ell', 'prime', 'backslash',
  'to', 'gets', 'mapsto', 'leftarrow', 'rightarrow', 'leftrightarrow', 'Leftarrow', 'Rightarrow', 'Leftrightarrow',
  'longrightarrow', 'longleftarrow', 'Longrightarrow', 'Longleftarrow', 'implies', 'iff', 'uparrow', 'downarrow',
  // delimiters
  'lvert', 'rvert', 'lVert', 'rVert', 'vert', 'Vert', 'langle', 'rangle', 'lfloor', 'rfloor', 'lceil', 'rceil',
  // named functions
  'bmod', 'pmod', 'mod', 'exp', 'log', 'ln', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'max', 'min', 'arg', 'sup', 'inf', 'lim', 'det', 'dim', 'Pr',
]);
/** Environments both document (MathJax: ams; KaTeX: "Environments"). */
export const ALLOWED_ENVIRONMENTS = new Set(['aligned', 'gathered', 'cases', 'array', 'matrix', 'pmatrix', 'bmatrix', 'vmatrix', 'Vmatrix']);
/** Refused with a reason (MathJax's "Differences from actual TeX", KaTeX's list of what it does not support). */
export const DENIED: Record<string, string> = {
  newcommand: 'macro definitions leak between formulas in Jupyter and are unknown in the next cell; write the macro out',
  renewcommand: 'macro definitions: write the macro out',
  def: 'macro definitions: write the macro out',
  gdef: 'macro definitions: write the macro out',
  DeclareMathOperator: 'not in KaTeX; use \\operatorname{name}',
  require: 'MathJax only (loads an extension)',
  label: 'equation labels and references are MathJax only (KaTeX has no \\label/\\ref)',
  ref: 'equation labels and references are MathJax only',
  eqref: 'equation labels and references are MathJax only',
  class: 'MathJax only (\\htmlClass in KaTeX, which needs trust)',
  cssId: 'MathJax only',
  style: 'MathJax only',
  htmlClass: 'KaTeX only, and only with trust',
  htmlId: 'KaTeX only, and only with trust',
  htmlStyle: 'KaTeX only, and only with trust',
  href: 'needs trust in KaTeX; put the link in the prose',
  includegraphics: 'not in MathJax; use a markdown image',
  cal: 'not in KaTeX; use \\mathcal',
  pmb: 'not in KaTeX; use \\boldsymbol',
  textsc: 'not in KaTeX',
  color: 'colours differ between the two and vanish in dark themes; say it in words',
  textcolor: 'colours differ between the two and vanish in dark themes',
};
const DENIED_ENVIRONMENTS: Record<string, string> = {
  equation: 'numbered environments are not rendered alike; use $$ … $$',
  align: 'use \\begin{aligned} inside $$ … $$ (align is a top-level environment)',
  'align*': 'use \\begin{aligned} inside $$ … $$',
  eqnarray: 'not in KaTeX; use aligned',
  split: 'use aligned',
};

/** Problems of one formula: control sequences or environments not on the allowed lists. */
export function formulaProblems(tex: string): string[] {
  const problems: string[] = [];
  for (const m of tex.matchAll(/\\([A-Za-z]+|[^A-Za-z])/g)) {
    const name = m[1];
    if (ALLOWED.has(name)) continue;
    problems.push(DENIED[name] ? `\\${name}: ${DENIED[name]}` : `\\${name} is not on the list that both MathJax and KaTeX document (tests/theory/jupyter-reading.test.ts, ALLOWED)`);
  }
  for (const m of tex.matchAll(/\\(?:begin|end)\{([^}]*)\}/g)) {
    const env = m[1];
    if (ALLOWED_ENVIRONMENTS.has(env)) continue;
    problems.push(DENIED_ENVIRONMENTS[env] ? `{${env}}: ${DENIED_ENVIRONMENTS[env]}` : `environment {${env}} is not on the list both document (ALLOWED_ENVIRONMENTS)`);
  }
  return [...new Set(problems)];
}

describe('formulas use only what MathJax (Jupyter) and KaTeX (the site) both render', () => {
  const withMath = [...chapters, ...notebooks];
  it.each(withMath.map((f) => [rel(f), f]))('%s', (_name, file) => {
    const text = stripComments(stripCodeSpans(stripFencedCode(markdownOf(file))));
    const { formulas } = extractMath(text);
    const problems: string[] = [];
    for (const f of formulas) {
      for (const p of formulaProblems(f.tex)) problems.push(`line ${f.line}: ${p}`);
      try {
        katex.renderToString(f.tex, { throwOnError: true, displayMode: f.display });
      } catch (e) {
        problems.push(`line ${f.line}: KaTeX: ${(e as Error).message}`);
      }
      if (f.display && /\n\s*\n/.test(f.tex)) problems.push(`line ${f.line}: blank line inside $$ … $$ (Jupyter stops the formula there and shows a raw $$)`);
    }
    expect(problems).toEqual([]);
  });

  test('the chapters do use formulas (the check above reads them)', () => {
    const n = chapters.map((f) => extractMath(stripCodeSpans(stripFencedCode(fs.readFileSync(f, 'utf8')))).formulas.length);
    expect(n.every((k) => k > 0)).toBe(true);
  });

  test('the checker refuses what only one renderer knows, and accepts the common core', () => {
    expect(formulaProblems('h_t = \\tanh\\left(x_t W_{xh} + h_{t-1} W_{hh} + b_h\\right) \\odot \\sigma(a)')).toEqual([]);
    expect(formulaProblems('\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}')).toEqual([]);
    expect(formulaProblems('\\newcommand{\\R}{\\mathbb{R}} x \\in \\R')[0]).toMatch(/newcommand: macro definitions/);
    expect(formulaProblems('\\DeclareMathOperator{\\sgn}{sgn}')[0]).toMatch(/not in KaTeX/);
    expect(formulaProblems('\\begin{equation} x \\label{eq} \\end{equation}').join('\n')).toMatch(/label[\s\S]*\{equation\}/);
    expect(formulaProblems('\\wideparen{ab}')).toEqual(['\\wideparen is not on the list that both MathJax and KaTeX document (tests/theory/jupyter-reading.test.ts, ALLOWED)']);
  });
});
