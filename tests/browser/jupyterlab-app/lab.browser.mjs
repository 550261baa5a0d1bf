// Browser check: the course in the real JupyterLab application, assembled from JupyterLab's
// npm packages by build.mjs and served by jupyterlab_server's LabServerApp (server.py) on
// 127.0.0.1, with the course kernel from .jupyter-local/ and the repository root as the
// server's root, as `npm start` serves it to a learner. Everything is done the way a learner
// does it, through JupyterLab's menus, file browser, links and terminal:
//  - notebooks/00_setup and 04_text_generation: opened with the "TypeScript (course)" kernel,
//    Run → Run All Cells: every cell ran, no error output, every chart drawn with the traces of
//    its figure, the training progress updated while it ran and in its final state at the end;
//  - 04 saved, closed and reopened: trusted (the server signs a notebook it saves from a
//    session whose outputs are trusted), charts drawn; the executed copy in build/notebooks/
//    (run elsewhere, not signed here) opens untrusted, charts say why they are not drawn, and
//    after "Trust Notebook" they draw;
//  - theory/02_lstm_architecture.md from the file browser (double-click; the course settings open
//    Markdown in the Markdown Preview) and
//    from the link in notebook 02: formulas typeset by MathJax, no raw TeX, figures loaded;
//  - a terminal: `npm run grade -- 01` prints the same summary as run directly.
// No console error anywhere, no failed request. The notebooks are run in place, as a learner
// runs them; their committed bytes are put back afterwards (and before, if a killed run left
// them changed).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { poll, freePort } from '../util.browser.mjs';
import { findPython, jupyterEnv, jupyterPrefix, registerKernel, writeLabSettings } from '../../../scripts/jupyter.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const short = (s, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const firstLine = (e) => short(String(e?.message ?? e).split('\n')[0], 200);

/** Start server.py on 127.0.0.1 (own process group); resolves when its API answers. */
export async function startLab({ root, buildDir, workDir, env }) {
  const python = findPython(['jupyterlab_server', 'jupyter_server']);
  if (!python) throw new Error('no Python with jupyterlab_server: `apt-get install python3-jupyterlab-server python3-jupyter-server python3-terminado`');
  registerKernel();
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const logFile = path.join(workDir, 'jupyterlab.log');
  const log = fs.openSync(logFile, 'w');
  // Jupyter's own folders live in workDir: a fresh notebook-signature database each run (a
  // learner's first session), nothing written under the home folder. JupyterLab's settings
  // are a copy of those `npm start` gives (.jupyter-local/lab/user-settings, with the
  // course's: Markdown files open in the Markdown Preview), so the test changes none of them.
  const home = path.join(workDir, 'jupyter');
  fs.rmSync(home, { recursive: true, force: true });
  writeLabSettings();
  fs.cpSync(path.join(jupyterPrefix, 'lab', 'user-settings'), path.join(home, 'user-settings'), { recursive: true });
  const args = [path.join(here, 'server.py'), `--build-dir=${buildDir}`, `--ServerApp.root_dir=${root}`,
    '--ServerApp.ip=127.0.0.1', `--ServerApp.port=${port}`, '--ServerApp.port_retries=0',
    `--ServerApp.token=${token}`, '--ServerApp.open_browser=False'];
  if (process.getuid?.() === 0) args.push('--allow-root');
  const child = spawn(python, args, {
    cwd: root,
    env: jupyterEnv({ ...env, JUPYTER_CONFIG_DIR: path.join(home, 'config'), JUPYTER_DATA_DIR: path.join(home, 'data'),
      JUPYTER_RUNTIME_DIR: path.join(home, 'runtime'), JUPYTERLAB_SETTINGS_DIR: path.join(home, 'user-settings'),
      JUPYTERLAB_WORKSPACES_DIR: path.join(home, 'workspaces') }),
    stdio: ['ignore', log, log],
    detached: true,
  });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const base = `http://127.0.0.1:${port}`;
  const up = await poll(async () => {
    if (exited) return 'exited';
    try { return (await fetch(`${base}/api/status?token=${token}`)).ok ? 'up' : null; } catch { return null; }
  }, { timeoutMs: 60000, ms: 300 });
  const server = {
    base, token, logFile, python,
    async stop() {
      if (exited) return;
      try {
        const r = await fetch(`${base}/api/sessions?token=${token}`);
        for (const s of r.ok ? await r.json() : []) await fetch(`${base}/api/sessions/${s.id}?token=${token}`, { method: 'DELETE' });
        const t = await fetch(`${base}/api/terminals?token=${token}`);
        for (const s of t.ok ? await t.json() : []) await fetch(`${base}/api/terminals/${s.name}?token=${token}`, { method: 'DELETE' });
      } catch { /* already gone */ }
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      if (!await poll(() => exited, { timeoutMs: 15000, ms: 200 })) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    },
  };
  if (up !== 'up') {
    await server.stop();
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' / ');
    throw new Error(`JupyterLab's server did not start (${up === 'exited' ? 'it exited' : 'no answer in 60 s'}): ${tail}`);
  }
  return server;
}

/** What a notebook's outputs hold (nbformat JSON): charts with their trace counts, progress lines, errors. */
export function expectedOutputs(nb) {
  const charts = [];
  const progress = [];
  const errors = [];
  const stderr = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code') return;
    for (const o of cell.outputs ?? []) {
      if (o.output_type === 'error') errors.push(`cell ${i}: ${o.ename}: ${short(String(o.evalue), 100)}`);
      if (o.output_type === 'stream' && o.name === 'stderr') stderr.push({ cell: i, text: [].concat(o.text).join('') });
      const html = o.data?.['text/html'];
      if (!html) continue;
      const text = [].concat(html).join('');
      for (const m of text.matchAll(/<script type="application\/json" class="seqmodels-figure"[^>]*>([\s\S]*?)<\/script>/g)) {
        charts.push(JSON.parse(m[1]).data.length);
      }
      for (const m of text.matchAll(/class="seqmodels-progress-line">([^<]*)</g)) {
        progress.push(m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
      }
    }
  });
  return { charts, progress, errors, stderr };
}

// ---- In the page (page.evaluate): JupyterLab's application object is window.jupyterapp. ----

/** The notebook or document widget open on `path` (its id), or null. */
function widgetFor(path) {
  for (const w of window.jupyterapp.shell.widgets('main')) {
    if (w.context && w.context.path === path) return w.id;
  }
  return null;
}

/** Facts about the notebook on `path`: kernel, cells, trust, charts, progress. */
function notebookFacts(path) {
  const app = window.jupyterapp;
  const panel = Array.from(app.shell.widgets('main')).find((w) => w.context && w.context.path === path);
  if (!panel || !panel.content || !panel.content.model) return null;
  const node = panel.node;
  const cells = panel.content.widgets.filter((c) => c.model.type === 'code');
  const plots = Array.from(node.querySelectorAll('.seqmodels-plot'));
  const kernel = panel.sessionContext.session?.kernel;
  return {
    kernelName: kernel?.name ?? null,
    kernelDisplay: node.querySelector('.jp-Toolbar-kernelName')?.textContent?.trim() ?? panel.sessionContext.kernelDisplayName,
    kernelStatus: kernel?.status ?? null,
    codeCells: cells.filter((c) => c.model.sharedModel.getSource().trim()).length,
    trustedCells: cells.filter((c) => c.model.trusted).length,
    allCells: cells.length,
    dirty: panel.context.model.dirty,
    json: panel.content.model.toJSON(),
    plots: plots.map((p) => ({
      svg: p.querySelectorAll('.main-svg').length,
      traces: p.querySelectorAll('.main-svg .cartesianlayer .trace, .main-svg .cartesianlayer .hm').length,
      data: Array.isArray(p.data) ? p.data.length : 0,
      text: p.textContent.trim(),
    })),
    progress: Array.from(node.querySelectorAll('.seqmodels-progress-line')).map((e) => e.textContent),
    bars: Array.from(node.querySelectorAll('.seqmodels-progress progress')).map((e) => Number(e.getAttribute('value'))),
    scripts: node.querySelectorAll('.jp-OutputArea script').length,
    plotly: typeof window.Plotly === 'object' && !!window.Plotly,
  };
}

/**
 * Scroll the notebook on `path` through every cell, as a reader does: JupyterLab attaches the
 * cells of a long notebook lazily (windowing), so outputs below the fold are not in the page
 * before. Then scroll to the first cell whose outputs match `selector`, if given.
 */
async function scrollThrough({ path, selector }) {
  const panel = Array.from(window.jupyterapp.shell.widgets('main')).find((w) => w.context && w.context.path === path);
  const nb = panel.content;
  for (let i = 0; i < nb.widgets.length; i += 1) {
    await nb.scrollToItem(i, 'start');
    await new Promise((r) => setTimeout(r, 30));
  }
  if (selector) {
    const i = nb.widgets.findIndex((c) => c.node.querySelector(selector));
    if (i >= 0) await nb.scrollToItem(i, 'start');
  }
}

/** Record, for the notebook on `path`, its kernel's execute replies and every progress state. */
async function installRecorder(path) {
  const app = window.jupyterapp;
  const panel = Array.from(app.shell.widgets('main')).find((w) => w.context && w.context.path === path);
  await panel.sessionContext.ready;
  const kernel = panel.sessionContext.session.kernel;
  await kernel.info;
  const rec = { replies: [], progress: [] };
  window.__labRec = rec;
  kernel.anyMessage.connect((_k, a) => {
    if (a.direction === 'recv' && a.msg.header.msg_type === 'execute_reply') rec.replies.push(a.msg.content.status);
  });
  const record = () => {
    const text = Array.from(panel.node.querySelectorAll('.seqmodels-progress-line')).map((e) => e.textContent).join(' | ');
    if (text && rec.progress[rec.progress.length - 1] !== text) rec.progress.push(text);
  };
  new MutationObserver(record).observe(panel.node, { childList: true, subtree: true, characterData: true });
  return kernel.name;
}

/** The text in the terminal widget `id` (xterm's buffer). */
function terminalText(id) {
  const w = Array.from(window.jupyterapp.shell.widgets('main')).find((x) => x.id === id);
  const term = w?.content?._term;
  if (!term) return null;
  const b = term.buffer.active;
  const lines = [];
  for (let i = 0; i < b.length; i += 1) lines.push(b.getLine(i)?.translateToString(true) ?? '');
  return lines.join('\n');
}

/** Facts about the Markdown preview on `path`. */
function markdownFacts(path) {
  const w = Array.from(window.jupyterapp.shell.widgets('main')).find((x) => x.context && x.context.path === path);
  if (!w) return null;
  const md = w.node.querySelector('.jp-RenderedMarkdown');
  if (!md) return { viewer: w.constructor.name, rendered: false };
  const clone = md.cloneNode(true);
  for (const e of clone.querySelectorAll('code, pre, mjx-container, mjx-assistive-mml')) e.remove();
  const text = clone.textContent;
  return {
    viewer: w.node.querySelector('.jp-MarkdownViewer') ? 'Markdown Preview' : w.node.className,
    rendered: true,
    math: md.querySelectorAll('mjx-container').length,
    display: md.querySelectorAll('mjx-container[display="true"]').length,
    mathErrors: Array.from(md.querySelectorAll('mjx-merror, .MathJax_Error')).map((e) => e.textContent).slice(0, 3),
    rawTex: (text.match(/\$\$|\\(frac|sigma|odot|tanh|mathbf|partial|begin)\b/g) ?? []).slice(0, 5),
    images: Array.from(md.querySelectorAll('img')).map((i) => ({ src: new URL(i.src).pathname, ok: i.complete && i.naturalWidth > 0 })),
    headings: md.querySelectorAll('h1, h2').length,
  };
}

// ---- Through the UI ----

async function menu(page, top, item) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${top}$`) }).click();
  await page.locator('.lm-Menu-content .lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }).first().click();
}

/**
 * In the file browser: go to `dir` (from the root) by double-clicking its folders, then return
 * the item `name` (the listing is refreshed once if it does not show it yet).
 */
async function fileBrowserItem(page, dir, name) {
  const item = (text) => page.locator('.jp-DirListing-content .jp-DirListing-itemText', { hasText: new RegExp(`^${text.replace(/\./g, '\\.')}$`) });
  const listing = () => page.locator('.jp-FileBrowser .jp-BreadCrumbs').innerText().catch(() => '');
  await page.evaluate(() => window.jupyterapp.commands.execute('filebrowser:activate'));
  await page.evaluate(() => window.jupyterapp.commands.execute('filebrowser:go-to-path', { path: '/' }));
  for (const part of dir.split('/').filter(Boolean)) {
    await item(part).dblclick();
    // The listing shows the folder once the breadcrumbs end with it.
    await poll(async () => (await listing()).replace(/\s/g, '').endsWith(`/${part}/`), { timeoutMs: 15000, ms: 100 });
  }
  try {
    await item(name).waitFor({ timeout: 10000 });
  } catch {
    await page.evaluate(() => window.jupyterapp.commands.execute('filebrowser:refresh'));
    await item(name).waitFor({ timeout: 10000 });
  }
  return item(name);
}

/** Open a notebook from the file browser (double-click); wait for its kernel "TypeScript (course)". */
async function openNotebook(page, relPath) {
  const item = await fileBrowserItem(page, path.posix.dirname(relPath), path.posix.basename(relPath));
  await item.dblclick();
  await poll(() => page.evaluate(widgetFor, relPath), { timeoutMs: 30000, ms: 200 });
  // The notebook names the kernel in its metadata; if JupyterLab asks, choose the course kernel.
  const dialog = page.locator('.jp-Dialog select');
  if (await dialog.count()) {
    await dialog.selectOption({ label: 'TypeScript (course)' });
    await page.locator('.jp-Dialog .jp-mod-accept').click();
  }
  return page.evaluate(installRecorder, relPath);
}

async function screenshot(page, file, { path: relPath, selector } = {}) {
  if (relPath) {
    await page.evaluate(scrollThrough, { path: relPath, selector }).catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: file });
}

/** "3 of 3 chart(s) drawn, 7 trace(s)", or what is wrong. */
function chartsVerdict(expected, f) {
  const problems = [];
  if (f.plots.length !== expected.charts.length) problems.push(`${f.plots.length} chart element(s), the outputs hold ${expected.charts.length}`);
  f.plots.forEach((p, i) => {
    const want = expected.charts[i];
    if (!p.svg) problems.push(`chart ${i + 1} not drawn${p.text ? ` ("${short(p.text, 60)}")` : ''}`);
    else if (p.traces < 1 || p.data !== want || p.traces !== want) problems.push(`chart ${i + 1}: ${p.traces} trace(s) drawn, ${p.data} in plotly's data, ${want} in its figure`);
  });
  const traces = f.plots.reduce((s, p) => s + p.traces, 0);
  return { ok: problems.length === 0 && expected.charts.length > 0, detail: problems.length ? problems.slice(0, 2).join('; ') : `${f.plots.length} of ${expected.charts.length} chart(s) drawn, ${traces} data trace(s)` };
}

/**
 * Scroll through the notebook until every chart its outputs hold is in the page and, unless
 * `drawn` is false, drawn; the facts at the end (or at `timeoutMs`).
 */
async function waitForCharts(page, relPath, timeoutMs, { drawn = true } = {}) {
  const done = await poll(async () => {
    await page.evaluate(scrollThrough, { path: relPath });
    const f = await page.evaluate(notebookFacts, relPath);
    const want = expectedOutputs(f.json).charts.length;
    return f.plots.length >= want && want > 0 && (!drawn || f.plots.every((p) => p.svg > 0)) ? f : null;
  }, { timeoutMs, ms: 300 });
  return done ?? await page.evaluate(notebookFacts, relPath);
}

/** Close the current tab through the File menu; a kernel of a closed notebook is shut down. */
async function closeTab(page, relPath) {
  await page.evaluate((p) => {
    const id = (() => { for (const w of window.jupyterapp.shell.widgets('main')) if (w.context && w.context.path === p) return w.id; return null; })();
    if (id) window.jupyterapp.shell.activateById(id);
  }, relPath);
  await menu(page, 'File', 'Close Tab');
  const discard = page.locator('.jp-Dialog button', { hasText: /^Discard$/ });
  if (await discard.count()) await discard.click();
  await poll(async () => !(await page.evaluate(widgetFor, relPath)), { timeoutMs: 10000, ms: 200 });
}

/**
 * Run All through the UI for the notebook on `relPath` and check the run; returns the facts.
 * `training`: also check the progress display.
 */
async function runAll({ page, relPath, report, screenshotsDir, training, timeoutMs, problems }) {
  const label = `jupyterlab ${relPath}`;
  const t0 = Date.now();
  const kernelName = await openNotebook(page, relPath);
  const k = await page.evaluate(notebookFacts, relPath);
  if (!report.check(kernelName === 'tslab' && k.kernelDisplay === 'TypeScript (course)', `${label}: kernel "TypeScript (course)" started`,
    `kernel ${kernelName}, toolbar shows "${k.kernelDisplay}"`)) return null;
  const before = problems.length;
  await menu(page, 'Run', 'Run All Cells');
  const done = await poll(async () => {
    const [f, rec] = await Promise.all([page.evaluate(notebookFacts, relPath), page.evaluate(() => window.__labRec)]);
    const failed = rec.replies.some((s) => s !== 'ok');
    return (rec.replies.length >= f.codeCells || failed) && f.kernelStatus === 'idle' ? { f, rec } : null;
  }, { timeoutMs, ms: 300 });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const rec = await page.evaluate(() => window.__labRec);
  const f0 = await page.evaluate(notebookFacts, relPath);
  const exp = expectedOutputs(f0.json);
  const bad = rec.replies.filter((s) => s !== 'ok');
  const errorCell = exp.stderr.find((s) => /Error|^\d+:\d+ - /m.test(s.text));
  const firstError = exp.errors[0] ?? (errorCell ? `cell ${errorCell.cell}: ${short(errorCell.text.trim().split('\n').find((l) => /Error|^\d+:\d+ - /.test(l)) ?? '')}` : '');
  report.check(!!done && bad.length === 0 && rec.replies.length === f0.codeCells, `${label}: Run → Run All Cells ran every cell`,
    done ? `${rec.replies.length} of ${f0.codeCells} code cells replied${bad.length ? `, ${bad.length} not ok; ${firstError}` : ''} in ${seconds} s`
      : `not finished after ${timeoutMs / 1000} s: ${rec.replies.length} of ${f0.codeCells} cells replied`);
  report.check(exp.errors.length === 0 && !errorCell, `${label}: no error outputs`,
    firstError || `${exp.stderr.length} stderr output(s), none an error`);
  const f = await waitForCharts(page, relPath, 30000);
  const v = chartsVerdict(exp, f);
  report.check(v.ok && f.plotly, `${label}: plotly charts drawn with their traces`, v.detail);
  if (training) {
    const p = rec.progress;
    const finalBars = f.bars.length > 0 && f.bars.every((b) => b === 1);
    report.check(p.length >= 3, `${label}: training progress updated while it ran`,
      p.length ? `${p.length} states: first "${short(p[0], 70)}", last "${short(p[p.length - 1], 70)}"` : 'no .seqmodels-progress-line seen');
    const same = f.progress.join(' | ') === exp.progress.join(' | ');
    report.check(finalBars && same && exp.progress.length > 0, `${label}: progress displays final at the end`,
      `${f.progress.length} display(s), bars at ${f.bars.map((b) => `${Math.round(b * 100)}%`).join(', ')}${same ? '' : `; shown ${JSON.stringify(f.progress).slice(0, 80)} vs outputs ${JSON.stringify(exp.progress).slice(0, 80)}`}; last "${short(f.progress[f.progress.length - 1] ?? '', 80)}"`);
  }
  report.check(problems.length === before, `${label}: no console error or failed request while it ran`, problems.slice(before)[0] ?? '');
  await screenshot(page, path.join(screenshotsDir, `jupyterlab-${path.posix.basename(relPath, '.ipynb')}.png`), { path: relPath, selector: training ? '.seqmodels-progress' : '.seqmodels-plot' });
  return { facts: f, expected: exp };
}

/** Markdown preview checks for `relPath` (opened by `how`). */
async function checkMarkdown({ page, root, relPath, how, report, screenshotsDir, problems, before }) {
  const label = `jupyterlab ${relPath} (${how})`;
  const source = fs.readFileSync(path.join(root, relPath), 'utf8');
  const displayWanted = (source.match(/\$\$/g) ?? []).length / 2;
  const imagesWanted = (source.match(/!\[[^\]]*\]\(/g) ?? []).length;
  const f = await poll(async () => {
    const m = await page.evaluate(markdownFacts, relPath);
    return m && m.rendered && m.math > 0 && m.images.every((i) => i.ok) ? m : null;
  }, { timeoutMs: 30000, ms: 300 }) ?? await page.evaluate(markdownFacts, relPath);
  if (!f || !f.rendered) {
    report.check(false, `${label}: Markdown Preview`, f ? `opened in ${f.viewer}, not rendered` : 'no widget on that path');
    return;
  }
  report.check(f.viewer === 'Markdown Preview' && f.math > displayWanted && f.display === displayWanted && f.mathErrors.length === 0 && f.rawTex.length === 0,
    `${label}: formulas typeset by MathJax`,
    `${f.viewer}; ${f.math} formulas (${f.display} displayed, the source has ${displayWanted})${f.mathErrors.length ? `; MathJax errors: ${f.mathErrors.join(' / ')}` : ''}${f.rawTex.length ? `; raw TeX left in the text: ${f.rawTex.join(' ')}` : ''}`);
  report.check(f.images.length === imagesWanted && imagesWanted > 0 && f.images.every((i) => i.ok), `${label}: figures loaded`,
    `${f.images.filter((i) => i.ok).length} of ${imagesWanted} (${f.images.map((i) => `${i.src}${i.ok ? '' : ' NOT LOADED'}`).join(', ')})`);
  await page.waitForTimeout(500);
  report.check(problems.length === before, `${label}: no console error or failed request`, problems.slice(before)[0] ?? '');
  await screenshot(page, path.join(screenshotsDir, `jupyterlab-theory-${how.replace(/[^a-z0-9]+/gi, '_')}.png`));
}

/** Put back the committed bytes of `files` (a run saves outputs into them). */
function restoreFrom(backupDir, root) {
  if (!fs.existsSync(backupDir)) return [];
  const restored = [];
  for (const f of fs.readdirSync(backupDir)) {
    const rel = decodeURIComponent(f);
    fs.copyFileSync(path.join(backupDir, f), path.join(root, rel));
    restored.push(rel);
  }
  fs.rmSync(backupDir, { recursive: true, force: true });
  return restored;
}

/**
 * Build the application, start its server and run every check above; one line per check in
 * `report`. `untrustedFrom`: folder with an executed copy of the training notebook made
 * elsewhere (build/notebooks/, by `npm run notebooks`).
 */
export async function checkJupyterLabApp({ browser, root, report, screenshotsDir, untrustedFrom, env = {} }) {
  const t0 = Date.now();
  const workDir = path.join(root, 'build', 'browser-tests', 'jupyterlab-app');
  const buildDir = path.join(root, 'build', 'jupyterlab-app');
  const backupDir = path.join(workDir, 'committed-notebooks');
  fs.mkdirSync(workDir, { recursive: true });
  const leftover = restoreFrom(backupDir, root);
  if (leftover.length) console.log(`jupyterlab: put back ${leftover.join(', ')} from a run that did not finish`);
  try {
    const pkg = (name) => JSON.parse(fs.readFileSync(path.join(here, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
    const { buildApp } = await import('./build.mjs');
    const b = await buildApp(buildDir);
    report.check(true, 'jupyterlab: application assembled', `JupyterLab ${pkg('@jupyterlab/application')} (${b.extensions} extensions, ${b.schemas} settings schemas), esbuild ${pkg('esbuild')}, ${(b.ms / 1000).toFixed(1)} s, bundle ${(b.bytes / 1e6).toFixed(1)} MB`);
  } catch (e) {
    const missing = !fs.existsSync(path.join(here, 'node_modules', '@jupyterlab', 'application'));
    report.check(false, 'jupyterlab: application assembled', missing ? 'not installed: run `npm ci --prefix tests/browser/jupyterlab-app`' : firstLine(e));
    return;
  }
  let server;
  try {
    server = await startLab({ root, buildDir, workDir, env });
    const v = spawnSync(server.python, ['-c', 'import jupyter_server, jupyterlab_server; print(jupyter_server.__version__, jupyterlab_server.__version__)'], { encoding: 'utf8' }).stdout.trim().split(' ');
    report.check(true, 'jupyterlab: server started', `${server.base}, root ${root}; jupyter_server ${v[0]}, jupyterlab_server ${v[1]} (log: ${path.relative(root, server.logFile)})`);
  } catch (e) {
    report.check(false, 'jupyterlab: server started', firstLine(e));
    return;
  }
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${short(m.text(), 160)}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${firstLine(e)}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.base) && !/^(data|blob):/.test(u)) problems.push(`request outside the server: ${u}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url().replace(/token=[0-9a-f]+/, 'token=…')}`); });
  const notebooks = ['notebooks/00_setup.ipynb', 'notebooks/04_text_generation.ipynb'];
  fs.mkdirSync(backupDir, { recursive: true });
  for (const rel of [...notebooks, 'notebooks/02_lstm_from_scratch.ipynb']) {
    fs.copyFileSync(path.join(root, rel), path.join(backupDir, encodeURIComponent(rel)));
  }
  try {
    await page.goto(`${server.base}/lab?token=${server.token}`, { waitUntil: 'load', timeout: 60000 });
    const restored = await page.waitForSelector('body[data-lab-restored]', { state: 'attached', timeout: 60000 }).then(() => true, () => false);
    report.check(restored && problems.length === 0, 'jupyterlab: application started in the browser', restored ? (problems[0] ?? '') : `not restored in 60 s${problems[0] ? `; ${problems[0]}` : ''}`);
    await page.screenshot({ path: path.join(screenshotsDir, 'jupyterlab-start.png') });
    // JupyterLab asks once whether to fetch Jupyter news (from the internet): answer No.
    const no = page.locator('.jp-toast-button', { hasText: /^No$/ });
    if (await no.count()) await no.first().click();

    // Run All in the two notebooks.
    const runs = [
      { relPath: notebooks[0], training: false, timeoutMs: 5 * 60000 },
      { relPath: notebooks[1], training: true, timeoutMs: 15 * 60000 },
    ];
    let trained = null;
    for (const r of runs) {
      try {
        const out = await runAll({ page, ...r, report, screenshotsDir, problems });
        if (r.training) trained = out;
        if (!r.training) await closeTab(page, r.relPath);
      } catch (e) {
        report.check(false, `jupyterlab ${r.relPath}: browser`, firstLine(e));
      }
    }

    // Save, close, reopen: the notebook run in this session comes back trusted.
    if (trained) {
      const rel = notebooks[1];
      const label = `jupyterlab ${rel} saved and reopened`;
      try {
        await page.evaluate((p) => { for (const w of window.jupyterapp.shell.widgets('main')) if (w.context?.path === p) window.jupyterapp.shell.activateById(w.id); }, rel);
        await menu(page, 'File', 'Save Notebook');
        const saved = await poll(async () => (await page.evaluate(notebookFacts, rel))?.dirty === false, { timeoutMs: 30000, ms: 200 });
        const onDisk = expectedOutputs(JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')));
        report.check(!!saved && onDisk.charts.length === trained.expected.charts.length, `${label}: saved with its outputs`,
          `${onDisk.charts.length} chart(s), ${onDisk.progress.length} progress display(s) in the file`);
        await closeTab(page, rel);
        const item = await fileBrowserItem(page, 'notebooks', path.posix.basename(rel));
        await item.dblclick();
        await poll(() => page.evaluate(widgetFor, rel), { timeoutMs: 30000, ms: 200 });
        const f = await waitForCharts(page, rel, 30000);
        report.check(f.trustedCells === f.allCells && f.allCells > 0, `${label}: trusted (as the README says)`,
          `${f.trustedCells} of ${f.allCells} code cells trusted`);
        const v = chartsVerdict(expectedOutputs(f.json), f);
        report.check(v.ok, `${label}: charts drawn`, v.detail);
        await screenshot(page, path.join(screenshotsDir, 'jupyterlab-04_text_generation-reopened.png'), { path: rel, selector: '.seqmodels-plot' });
        await closeTab(page, rel);
      } catch (e) {
        report.check(false, `${label}: browser`, firstLine(e));
      }
    }

    // A notebook executed elsewhere (not signed by this server) opens untrusted; Trust Notebook.
    // It is a copy of the runner's executed notebook: "Trust Notebook" saves the notebook.
    const executed = path.join(untrustedFrom, path.basename(notebooks[1]));
    const copy = path.join(workDir, path.basename(notebooks[1]));
    const relCopy = path.relative(root, copy).split(path.sep).join('/');
    const label = `jupyterlab ${relCopy} (run elsewhere: ${path.relative(root, executed)})`;
    if (fs.existsSync(executed)) fs.copyFileSync(executed, copy);
    if (!fs.existsSync(executed)) {
      report.check(false, `${label}: executed copy`, `no ${path.relative(root, executed)}: run \`COURSE_FAST=1 npm run notebooks -- 04\` first`);
    } else {
      try {
        const before = problems.length;
        const item = await fileBrowserItem(page, path.posix.dirname(relCopy), path.posix.basename(relCopy));
        await item.dblclick();
        await poll(() => page.evaluate(widgetFor, relCopy), { timeoutMs: 30000, ms: 200 });
        await waitForCharts(page, relCopy, 30000, { drawn: false });
        await page.waitForTimeout(1500); // anything that would run has run by now
        const f = await page.evaluate(notebookFacts, relCopy);
        const exp = expectedOutputs(f.json);
        const said = f.plots.filter((p) => /scripts did not run/.test(p.text) && /trust/i.test(p.text)).length;
        const blank = f.plots.filter((p) => !p.text && !p.svg).length;
        report.check(f.trustedCells === 0 && f.plots.every((p) => p.svg === 0) && f.scripts === 0, `${label}: untrusted, no script ran (as the README says)`,
          `${f.trustedCells} of ${f.allCells} code cells trusted, ${f.plots.filter((p) => p.svg).length} chart(s) drawn, ${f.scripts} <script> left`);
        report.check(said + blank === f.plots.length && f.plots.length === exp.charts.length && said > 0, `${label}: charts say in place why they are not drawn`,
          `${said} of ${exp.charts.length} say "${short(f.plots.find((p) => p.text)?.text ?? '', 80)}"${blank ? `; ${blank} live progress chart(s) blank` : ''}`);
        await screenshot(page, path.join(screenshotsDir, 'jupyterlab-04_text_generation-untrusted.png'), { path: relCopy, selector: '.seqmodels-plot' });
        const copiedAt = fs.statSync(copy).mtimeMs;
        // "Trust Notebook" from the command palette (View → Activate Command Palette), then the dialog's Trust.
        await menu(page, 'View', 'Activate Command Palette');
        const input = page.locator('.lm-CommandPalette-input');
        await input.waitFor({ state: 'visible', timeout: 10000 });
        await input.fill('Trust Notebook');
        await page.locator('.lm-CommandPalette-item:not(.lm-mod-disabled)', { hasText: /^Trust Notebook/ }).first().click();
        await page.locator('.jp-Dialog button', { hasText: /^Trust$/ }).click({ timeout: 10000 });
        const g = await waitForCharts(page, relCopy, 30000);
        const v = chartsVerdict(exp, g);
        report.check(v.ok && g.trustedCells === g.allCells, `${label}: after "Trust Notebook" the charts draw`, `${g.trustedCells} of ${g.allCells} cells trusted; ${v.detail}`);
        // Trust Notebook saves the notebook: what it printed must be saved as it was.
        const streams = (nb) => nb.cells.map((c) => (c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => [].concat(o.text).join('')).join(''));
        const was = streams(JSON.parse(fs.readFileSync(executed, 'utf8')));
        const saved = await poll(() => fs.statSync(copy).mtimeMs > copiedAt, { timeoutMs: 20000, ms: 200 });
        const now = streams(JSON.parse(fs.readFileSync(copy, 'utf8')));
        const changed = was.map((t, i) => (t === now[i] ? -1 : i)).filter((i) => i >= 0);
        report.check(!!saved && changed.length === 0, `${label}: "Trust Notebook" saved the printed output unchanged`,
          !saved ? 'the notebook was not saved within 20 s of Trust' : changed.length ? `${changed.length} cell(s) differ, first cell ${changed[0]}: ${JSON.stringify(was[changed[0]].slice(-60))} became ${JSON.stringify(now[changed[0]].slice(-120))}` : `${was.filter(Boolean).length} cells' printed output as in ${path.relative(root, executed)}`);
        report.check(problems.length === before, `${label}: no console error or failed request`, problems.slice(before)[0] ?? '');
        await screenshot(page, path.join(screenshotsDir, 'jupyterlab-04_text_generation-trusted.png'), { path: relCopy, selector: '.seqmodels-plot' });
        await closeTab(page, relCopy);
      } catch (e) {
        report.check(false, `${label}: browser`, firstLine(e));
        await page.keyboard.press('Escape'); // a dialog or the palette left open
        await page.keyboard.press('Escape');
      }
    }

    // The theory chapter: from the file browser (a double-click: the course's settings open
    // Markdown files in the Markdown Preview) and from the link in notebook 02.
    const chapter = 'theory/02_lstm_architecture.md';
    try {
      const before = problems.length;
      const item = await fileBrowserItem(page, 'theory', path.posix.basename(chapter));
      await item.dblclick();
      await poll(() => page.evaluate(widgetFor, chapter), { timeoutMs: 20000, ms: 200 });
      await checkMarkdown({ page, root, relPath: chapter, how: 'file browser', report, screenshotsDir, problems, before });
      await closeTab(page, chapter);
    } catch (e) {
      report.check(false, `jupyterlab ${chapter} (file browser): browser`, firstLine(e));
    }
    const nb02 = 'notebooks/02_lstm_from_scratch.ipynb';
    try {
      const before = problems.length;
      const item = await fileBrowserItem(page, 'notebooks', path.posix.basename(nb02));
      await item.dblclick();
      await poll(() => page.evaluate(widgetFor, nb02), { timeoutMs: 30000, ms: 200 });
      const link = page.locator('.jp-RenderedMarkdown a[href*="02_lstm_architecture.md"]').first();
      await link.waitFor({ timeout: 30000 });
      const href = await link.evaluate((a) => a.getAttribute('data-path') ?? new URL(a.href).pathname);
      await link.scrollIntoViewIfNeeded();
      await link.click();
      const opened = await poll(() => page.evaluate(widgetFor, chapter), { timeoutMs: 20000, ms: 200 });
      if (report.check(!!opened, `jupyterlab ${nb02}: the link "${href}" opens ${chapter}`, opened ? '' : 'no tab opened on that path')) {
        await checkMarkdown({ page, root, relPath: chapter, how: 'link in notebook 02', report, screenshotsDir, problems, before });
        await closeTab(page, chapter);
      }
      await closeTab(page, nb02);
    } catch (e) {
      report.check(false, `jupyterlab ${nb02} link: browser`, firstLine(e));
    }

    // A terminal (File → New → Terminal): the grading command from the course root.
    try {
      const want = spawnSync('npm', ['run', '--silent', 'grade', '--', '01'], { cwd: root, encoding: 'utf8' }).stdout;
      // The unit's line of the summary ("01_rnn   0/4   (cases 0/25) ..."), spaces collapsed.
      const summary = (text) => (text.match(/^\s*01_\w+\s+\d+\/\d+\s+\(cases \d+\/\d+\).*$/m) ?? [''])[0].replace(/\s+/g, ' ').trim();
      const before = problems.length;
      const ids = await page.evaluate(() => Array.from(window.jupyterapp.shell.widgets('main')).map((w) => w.id));
      await menu(page, 'File', 'New');
      await page.locator('.lm-Menu-itemLabel', { hasText: /^Terminal$/ }).click();
      const id = await poll(() => page.evaluate((old) => Array.from(window.jupyterapp.shell.widgets('main')).find((w) => !old.includes(w.id) && w.content?.node.classList.contains('jp-Terminal'))?.id, ids), { timeoutMs: 20000, ms: 200 });
      if (!report.check(!!id, 'jupyterlab terminal: opened (File → New → Terminal)', id ? '' : 'no terminal tab')) throw new Error('no terminal');
      await poll(async () => /[$#] ?$/m.test((await page.evaluate(terminalText, id).catch(() => null)) ?? ''), { timeoutMs: 20000, ms: 300 });
      await page.locator(`[id="${id}"] .xterm`).click();
      await page.keyboard.type('npm run grade -- 01\n');
      const text = await poll(async () => {
        const t = await page.evaluate(terminalText, id);
        return t && /Summary \(exercises/.test(t) && summary(t) && /[$#] ?\s*$/.test(t.trimEnd() + ' ') ? t : null;
      }, { timeoutMs: 120000, ms: 500 }) ?? await page.evaluate(terminalText, id) ?? '';
      const got = summary(text);
      report.check(!!got && got === summary(want), 'jupyterlab terminal: `npm run grade -- 01` from the course root',
        got ? (got === summary(want) ? `prints "${got}", as run directly` : `prints "${got}", run directly "${summary(want)}"`) : `no summary line; terminal shows "${short(text.trim().split('\n').slice(-3).join(' / '), 160)}"`);
      report.check(problems.length === before, 'jupyterlab terminal: no console error or failed request', problems.slice(before)[0] ?? '');
      await page.screenshot({ path: path.join(screenshotsDir, 'jupyterlab-terminal.png') });
    } catch (e) {
      if (e.message !== 'no terminal') report.check(false, 'jupyterlab terminal: browser', firstLine(e));
    }
  } finally {
    await context.close();
    await server.stop();
    const restored = restoreFrom(backupDir, root);
    console.log(`jupyterlab: ${restored.join(', ')} put back as they were before the run`);
    console.log(`jupyterlab: checks took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
