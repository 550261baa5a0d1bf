// `npm run test:browser [-- --jupyter-only | --site-only | --jupyterlab-only] [-- --notebook=NAME.ipynb] [-- --site=DIR]`: the
// course in a real browser (headless Debian Chromium through playwright-core; nothing is
// loaded from the network).
//
// (a) Jupyter: starts the real Jupyter Notebook server (scripts/start.mjs) on 127.0.0.1 with
//     a random token, in fast mode (COURSE_FAST=1), on copies of the notebooks in
//     build/browser-tests/notebooks/ (running them in the UI changes them; the committed ones
//     must stay without outputs), with the repository's other top-level folders symlinked
//     beside it so relative paths in the notebooks resolve; the server's root is that folder, as
//     `npm start` serves the repository root. Opens theory chapter 02 from notebook 02's link and
//     from the file tree (tests/browser/chapters.browser.mjs: the chapter and its figure load, its
//     formulas render with Jupyter's MathJax). Runs 00_setup and one training notebook with "Cell → Run
//     All" and checks: every cell ran, no error output, plotly charts drawn, and the training
//     progress display updated while it ran. The training notebook is the first committed
//     notebook in notebooks/ that shows live progress, else --notebook=NAME, else the fixture
//     tests/browser/fixtures/training_progress.ipynb.
// (b) Site: opens every page of build/site/ (build it first: `npm run site`) from file://
//     and checks console errors, network requests, charts, formulas and links.
// (c) JupyterLab's renderer: the outputs of build/notebooks/00_setup and 04_text_generation
//     (executed by `npm run notebooks`) rendered by JupyterLab's own code (@jupyterlab/rendermime
//     and @jupyterlab/outputarea, a package of its own in tests/browser/jupyterlab/), trusted and
//     untrusted: see tests/browser/jupyterlab/jupyterlab.browser.mjs.
// Screenshots of every checked page go to build/screenshots/. One line per check; exit 1 if
// any check failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './jupyter.mjs';
import { Report, launchBrowser } from '../tests/browser/util.browser.mjs';
import { runNotebookInUi, startJupyter } from '../tests/browser/jupyter.browser.mjs';
import { checkSite } from '../tests/browser/site.browser.mjs';
import { checkChapterInNotebook } from '../tests/browser/chapters.browser.mjs';
import { checkJupyterLab } from '../tests/browser/jupyterlab/jupyterlab.browser.mjs';

const args = process.argv.slice(2);
const only = ['--jupyter-only', '--site-only', '--jupyterlab-only'].find((a) => args.includes(a));
const doJupyter = !only || only === '--jupyter-only';
const doSite = !only || only === '--site-only';
const doLab = !only || only === '--jupyterlab-only';
const notebookArg = args.find((a) => a.startsWith('--notebook='))?.slice('--notebook='.length);
const siteArg = args.find((a) => a.startsWith('--site='))?.slice('--site='.length);
const screenshotsDir = path.join(root, 'build', 'screenshots');
const workDir = path.join(root, 'build', 'browser-tests');
const fixture = path.join(root, 'tests', 'browser', 'fixtures', 'training_progress.ipynb');
const report = new Report();
const t0 = Date.now();

/** Does this notebook show live training progress (plot.progress / trainingProgress)? */
function showsProgress(file) {
  try {
    const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
    return nb.cells.some((c) => c.cell_type === 'code' && /\b(plot\.progress|trainingProgress)\s*\(/.test([].concat(c.source).join('')));
  } catch {
    return false;
  }
}

/** The training notebook to run: --notebook, else the first committed one with progress, else the fixture. */
function trainingNotebook() {
  if (notebookArg) {
    const file = path.resolve(root, 'notebooks', path.basename(notebookArg));
    if (!fs.existsSync(file)) throw new Error(`--notebook=${notebookArg}: no such notebook in notebooks/`);
    return { file, why: 'chosen with --notebook' };
  }
  const r = spawnSync('git', ['ls-files', 'notebooks/*.ipynb'], { cwd: root, encoding: 'utf8' });
  const committed = r.status === 0 ? r.stdout.split('\n').filter(Boolean).sort() : [];
  for (const rel of committed) {
    const file = path.join(root, rel);
    if (fs.existsSync(file) && showsProgress(file)) return { file, why: 'first committed notebook with live training progress' };
  }
  return { file: fixture, why: 'no committed course notebook shows live training progress yet: the fixture' };
}

// Screenshots of the parts run now replace those of an earlier run (a removed page leaves none).
fs.mkdirSync(screenshotsDir, { recursive: true });
for (const f of fs.readdirSync(screenshotsDir)) {
  if ((doJupyter && f.startsWith('jupyter-')) || (doSite && !siteArg && f.startsWith('site-'))
    || (doLab && f.startsWith('jupyterlab-'))) fs.rmSync(path.join(screenshotsDir, f));
}

let browser;
try {
  browser = await launchBrowser();
  report.check(true, 'chromium', `${browser.version()} (headless)`);
} catch (e) {
  report.check(false, 'chromium', e.message.split('\n')[0]);
}

if (browser && doJupyter) {
  const training = trainingNotebook();
  const dir = path.join(workDir, 'notebooks');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Notebooks refer to the course by relative paths (`../exercises/load.js`, `../theory/...`):
  // next to the copies' folder, each top-level entry of the repository is a symlink to it.
  for (const entry of fs.readdirSync(root)) {
    if (['notebooks', 'build', '.git', 'node_modules'].includes(entry)) continue;
    const link = path.join(workDir, entry);
    if (!fs.existsSync(link)) fs.symlinkSync(path.relative(workDir, path.join(root, entry)), link);
  }
  const setup = path.join(root, 'notebooks', '00_setup.ipynb');
  const runs = [
    { src: setup, training: false, timeoutMs: 5 * 60000 },
    { src: training.file, training: true, timeoutMs: 20 * 60000 },
  ];
  // The chapter a learner opens from a notebook's link and from the file tree.
  const chapterCheck = { notebook: '02_lstm_from_scratch.ipynb', chapter: 'theory/02_lstm_architecture.md' };
  for (const src of [...runs.map((r) => r.src), path.join(root, 'notebooks', chapterCheck.notebook)]) {
    fs.copyFileSync(src, path.join(dir, path.basename(src)));
  }
  console.log(`jupyter: training notebook ${path.relative(root, training.file)} (${training.why}); copies served from ${path.relative(root, dir)}/`);
  let server;
  try {
    // Like `npm start`, the server's root is the course folder (here build/browser-tests/, the
    // copies in its notebooks/ and the rest of the repository linked beside them).
    server = await startJupyter({ root, dir: workDir, logFile: path.join(workDir, 'jupyter.log'), env: { COURSE_FAST: '1' } });
    server.prefix = 'notebooks/';
    report.check(true, 'jupyter: Notebook server started', `${server.base} (log: build/browser-tests/jupyter.log)`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await checkChapterInNotebook({ context, server, root, notebook: `notebooks/${chapterCheck.notebook}`, chapter: chapterCheck.chapter, report, screenshotsDir });
    for (const r of runs) {
      await runNotebookInUi({ context, server, file: path.basename(r.src), report, screenshotsDir, training: r.training, timeoutMs: r.timeoutMs });
    }
    await context.close();
  } catch (e) {
    report.check(false, 'jupyter: Notebook server started', e.message.split('\n')[0]);
  } finally {
    if (server) await server.stop();
  }
}

if (browser && doSite) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await checkSite({ context, siteDir: siteArg ? path.resolve(siteArg) : path.join(root, 'build', 'site'), report, screenshotsDir });
  await context.close();
}

if (browser && doLab) {
  await checkJupyterLab({ browser, root, notebooksDir: path.join(root, 'build', 'notebooks'),
    notebooks: ['00_setup.ipynb', '04_text_generation.ipynb'], report, screenshotsDir });
}

if (browser) await browser.close();
const failed = report.failed;
const seconds = ((Date.now() - t0) / 1000).toFixed(0);
console.log(`browser tests: ${report.results.length - failed.length} passed, ${failed.length} failed (${seconds} s); screenshots in build/screenshots/`);
if (failed.length) {
  for (const f of failed) console.log(`  failed: ${f.what}: ${f.detail}`);
  process.exit(1);
}
