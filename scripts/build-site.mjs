// `npm run site [-- --no-execute] [-- NAME ...]`: build the course site in build/site/.
//
// 1. Executes every notebook with scripts/run-notebooks.mjs (full mode by default,
//    COURSE_FAST=1 for fast mode, as for the tests); `--no-execute` reuses the executed
//    copies already in build/notebooks/. Names restrict the execution to matching notebooks
//    (the others are taken from build/notebooks/ as they are).
// 2. Renders the executed notebooks (their charts are plotly HTML outputs that carry the
//    bundle once per notebook: they stay interactive offline), the theory chapters (marked,
//    math by KaTeX at build time, SVG figures copied, links between chapters and notebooks
//    rewritten to site pages) and an index page with the README's course map.
// The site uses relative links only and loads nothing from the network: open
// build/site/index.html from the file system. Exit status 1 when a notebook failed, a formula
// did not render, or a notebook has no executed copy.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './jupyter.mjs';

const require = createRequire(import.meta.url);
const { createRenderer, escapeHtml } = require('./site/markdown.cjs');
const { notebookHtml, notebookTitle, notebookSummary, externalizeBundles } = require('./site/notebook.cjs');
const { pageHtml, courseMapTable, courseMapCells } = require('./site/page.cjs');

const args = process.argv.slice(2);
const execute = !args.includes('--no-execute');
const filters = args.filter((a) => !a.startsWith('--'));
const fast = require('seqmodels/env').parseCourseFast(process.env.COURSE_FAST); // the library's reading of COURSE_FAST
const siteDir = path.join(root, 'build', 'site');
const executedDir = path.join(root, 'build', 'notebooks');
const t0 = Date.now();
const problems = [];
const log = (msg) => console.log(`site: ${msg}`);

// The notebooks on the site: those present now (one added while they run waits for the next build).
const notebookFiles = fs.readdirSync(path.join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();

// 1. Execute the notebooks.
if (execute) {
  log(`executing the notebooks (${fast ? 'fast' : 'full'} mode) with scripts/run-notebooks.mjs`);
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-notebooks.mjs'), ...filters], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) problems.push('some notebooks failed to execute (see above); their pages show the error');
} else {
  log('--no-execute: using the executed copies in build/notebooks/');
}

// 2. What the site holds: repository path → site path.
const theoryFiles = fs.readdirSync(path.join(root, 'theory')).filter((f) => f.endsWith('.md')).sort();
const figureFiles = fs.existsSync(path.join(root, 'theory', 'figures'))
  ? fs.readdirSync(path.join(root, 'theory', 'figures')).filter((f) => !f.startsWith('.')) : [];
const pages = new Map([['README.md', 'index.html']]);
for (const f of theoryFiles) pages.set(`theory/${f}`, `theory/${f.replace(/\.md$/, '.html')}`);
for (const f of notebookFiles) pages.set(`notebooks/${f}`, `notebooks/${f.replace(/\.ipynb$/, '.html')}`);
for (const f of figureFiles) pages.set(`theory/figures/${f}`, `theory/figures/${f}`);
const pageFor = (repoPath) => pages.get(repoPath) ?? null;

fs.rmSync(siteDir, { recursive: true, force: true });
fs.mkdirSync(path.join(siteDir, 'assets'), { recursive: true });
const write = (sitePath, text) => {
  const file = path.join(siteDir, sitePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

// Assets: KaTeX's stylesheet and fonts (from node_modules, nothing from a CDN), ours.
const katexDist = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
fs.mkdirSync(path.join(siteDir, 'assets', 'katex'), { recursive: true });
fs.copyFileSync(path.join(katexDist, 'katex.min.css'), path.join(siteDir, 'assets', 'katex', 'katex.min.css'));
fs.cpSync(path.join(katexDist, 'fonts'), path.join(siteDir, 'assets', 'katex', 'fonts'), { recursive: true });
fs.copyFileSync(path.join(root, 'scripts', 'site', 'site.css'), path.join(siteDir, 'assets', 'site.css'));
for (const f of figureFiles) {
  fs.mkdirSync(path.join(siteDir, 'theory', 'figures'), { recursive: true });
  fs.copyFileSync(path.join(root, 'theory', 'figures', f), path.join(siteDir, 'theory', 'figures', f));
}

// Titles first: the navigation lists every page.
const firstHeading = (md) => (/^#\s+(.+)$/m.exec(md)?.[1] ?? '').trim();
const chapters = theoryFiles.map((f) => {
  const md = fs.readFileSync(path.join(root, 'theory', f), 'utf8');
  return { file: f, repoPath: `theory/${f}`, sitePath: pages.get(`theory/${f}`), md, title: firstHeading(md) || f };
});
const notebooks = notebookFiles.map((f) => {
  const executed = path.join(executedDir, f);
  const source = path.join(root, 'notebooks', f);
  const hasRun = fs.existsSync(executed);
  const nb = JSON.parse(fs.readFileSync(hasRun ? executed : source, 'utf8'));
  const stale = hasRun && fs.statSync(executed).mtimeMs < fs.statSync(source).mtimeMs;
  return { file: f, name: f.replace(/\.ipynb$/, ''), repoPath: `notebooks/${f}`, sitePath: pages.get(`notebooks/${f}`), nb, hasRun, stale, title: notebookTitle(nb, f) };
});
const shortTitle = (t) => t.replace(/^(\d+)\s*·\s*/, '$1 ').split(':')[0];
const nav = [
  { title: 'Course map', sitePath: 'index.html' },
  ...chapters.map((c) => ({ title: `Theory ${shortTitle(c.title)}`, sitePath: c.sitePath })),
  ...notebooks.map((n) => ({ title: `Notebook ${n.name.slice(0, 2)}`, sitePath: n.sitePath })),
];

let times = {};
try { times = JSON.parse(fs.readFileSync(path.join(root, 'build', 'notebook-times.json'), 'utf8')); } catch { /* no timings yet */ }
/** "fast mode, 2026-11-25 09:12 UTC, 41 s" from the runner's timings, for the executed copy. */
function runInfo(file) {
  const entries = ['fast', 'full'].map((mode) => ({ mode, ...times[`${file}:${mode}`] })).filter((e) => e.at).sort((a, b) => (a.at < b.at ? 1 : -1));
  const e = entries[0];
  return e ? `executed in ${e.mode} mode on ${e.at.slice(0, 16).replace('T', ' ')} UTC in ${e.seconds.toFixed(0)} s${e.ok ? '' : ', with an error'}` : 'executed';
}

const built = new Date().toISOString().slice(0, 16).replace('T', ' ');
const footer = (extra = '') => `Sequence Models in TypeScript · built ${built} UTC${extra ? ` · ${extra}` : ''} · works offline`;
let formulas = 0;
const katexErrors = [];
const offsite = new Set();
const collect = (where, stats) => {
  formulas += stats.formulas;
  for (const e of stats.errors) katexErrors.push(`${where}: ${e.slice(0, 80)}`);
  for (const o of stats.offsite) offsite.add(o);
};

// 3. Theory chapters.
for (const c of chapters) {
  const r = createRenderer({ fromPath: c.repoPath, pageFor });
  const body = `<article class="chapter">\n${r.render(c.md)}</article>`;
  write(c.sitePath, pageHtml({ sitePath: c.sitePath, title: c.title, body, nav, footer: footer(`source: <code>${escapeHtml(c.repoPath)}</code>`), kind: 'theory', formulas: r.stats.formulas }));
  collect(c.sitePath, r.stats);
}

// 4. Notebooks.
for (const n of notebooks) {
  const r = createRenderer({ fromPath: n.repoPath, pageFor });
  const s = notebookSummary(n.nb);
  let banner = '';
  if (!n.hasRun) {
    problems.push(`${n.file} has no executed copy in build/notebooks/${execute ? '' : ' (build without --no-execute)'}`);
    banner = '<p class="banner">This notebook has not been executed for the site: its outputs are missing.</p>';
  } else if (s.errors > 0 || s.executed < s.code) {
    banner = `<p class="banner">This run of the notebook stopped early: ${s.executed} of ${s.code} code cells ran${s.errors ? `, ${s.errors} error output(s)` : ''}.</p>`;
  }
  if (n.stale) log(`warning: build/notebooks/${n.file} is older than notebooks/${n.file}`);
  // The plotly bundle each notebook carries goes to one shared file (same code, same file).
  const saveBundle = (code) => {
    const name = `assets/plotly-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 12)}.js`;
    if (!fs.existsSync(path.join(siteDir, name))) write(name, code);
    return `../${name}`;
  };
  const body = `${banner}<article class="notebook-cells">\n${notebookHtml(n.nb, r.render, (h) => externalizeBundles(h, saveBundle))}\n</article>`;
  const info = n.hasRun ? runInfo(n.file) : 'not executed';
  write(n.sitePath, pageHtml({ sitePath: n.sitePath, title: n.title, body, nav, footer: footer(`notebook <code>${escapeHtml(n.repoPath)}</code>, ${escapeHtml(info)}`), kind: 'notebook', formulas: r.stats.formulas }));
  collect(n.sitePath, r.stats);
}

// 5. Index: the course map from the README, then the chapters and notebooks on the site.
{
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const r = createRenderer({ fromPath: 'README.md', pageFor });
  const table = courseMapTable(readme, r.lexer);
  const chapterByNumber = Object.fromEntries(chapters.map((c) => [c.file.slice(0, 2), c.sitePath]));
  const notebookByName = Object.fromEntries(notebooks.map((n) => [n.name, n.sitePath]));
  let mapHtml = '<p>The README has no course map table.</p>';
  if (table) {
    const head = table.header.map((h) => `<th>${r.renderInline(h)}</th>`).join('');
    const rows = table.rows.map((row) => `<tr>${courseMapCells(row, table.header, { chapters: chapterByNumber, notebooks: notebookByName, inline: r.renderInline })
      .map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
    mapHtml = `<table class="course-map"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  } else {
    problems.push('README.md has no table under a "Course map" heading');
  }
  const title = firstHeading(readme) || 'Sequence Models in TypeScript';
  const list = (items) => `<ul>${items.map((i) => `<li><a href="${escapeHtml(i.sitePath)}">${escapeHtml(i.title)}</a></li>`).join('')}</ul>`;
  const body = `<h1>${escapeHtml(title)}</h1>
<p>The course site: theory chapters with their equations, and the course's notebooks as they ran, with
their outputs and interactive charts. To run the notebooks yourself, clone the repository and follow
its README (<code>npm install</code>, <code>npm start</code>).</p>
<h2 id="course-map">Course map</h2>
<p>Each unit pairs a notebook with the theory chapter it builds on. Notebooks still being written have no page yet.</p>
${mapHtml}
<div class="course-lists">
<section><h2 id="theory">Theory chapters</h2>${list(chapters)}</section>
<section><h2 id="notebooks">Notebooks</h2>${list(notebooks)}</section>
</div>`;
  write('index.html', pageHtml({ sitePath: 'index.html', title, body, nav, footer: footer(), kind: 'index', formulas: r.stats.formulas }));
  collect('index.html', r.stats);
}

// 6. Summary.
for (const e of katexErrors) problems.push(`formula did not render: ${e}`);
const seconds = ((Date.now() - t0) / 1000).toFixed(1);
log(`${chapters.length} theory chapters, ${notebooks.length} notebooks, index; ${formulas} formulas; ${figureFiles.length} figures`);
if (offsite.size) log(`links to repository files that are not on the site (shown as paths): ${[...offsite].sort().join(', ')}`);
log(`open ${path.relative(process.cwd(), path.join(siteDir, 'index.html')) || 'index.html'} (${seconds} s)`);
if (problems.length) {
  for (const p of problems) console.error(`site: problem: ${p}`);
  process.exit(1);
}
