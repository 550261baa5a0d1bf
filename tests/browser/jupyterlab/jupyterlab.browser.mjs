// Browser check (c): the executed notebooks' outputs rendered by JupyterLab's own front-end
// code. JupyterLab itself cannot be installed here (no PyPI), but the code that renders a
// cell's outputs in it is on npm: @jupyterlab/rendermime (the MIME renderers: text/html,
// trusted or not, with its sanitizer and its way of running <script> tags) and
// @jupyterlab/outputarea (a cell's output area and its model). page.js uses them as
// JupyterLab does; build.mjs bundles it with esbuild into build/jupyterlab-render/. This
// package has its own node_modules (`npm ci --prefix tests/browser/jupyterlab`), so the
// course's dependency tree stays as it is.
//
// For each notebook (copies executed by `npm run notebooks`, in build/notebooks/): its
// outputs are added cell by cell, in order, as trusted outputs (a notebook run in the
// session is trusted), and we check: no page or console error and no network request;
// every chart the outputs hold is drawn by plotly (`.main-svg` with as many traces as its
// figure); the progress displays show their final state. Then the training notebook again
// with untrusted outputs (a notebook opened from elsewhere): no error, no script runs, each
// chart says in place that scripts did not run; and after "Trust Notebook" (every output
// model set trusted, which re-renders them) the charts draw.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { poll, screenshotName } from '../util.browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ORIGIN = 'http://jupyterlab-render.test';

const short = (s, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What a notebook's saved outputs hold: charts (traces each), progress lines, error outputs. */
export function expectedOutputs(nb) {
  const charts = [];
  const progress = [];
  let errors = 0;
  let outputs = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    for (const o of cell.outputs ?? []) {
      outputs += 1;
      if (o.output_type === 'error') errors += 1;
      const html = o.data?.['text/html'];
      if (!html) continue;
      const text = [].concat(html).join('');
      for (const m of text.matchAll(/<script type="application\/json" class="seqmodels-figure"[^>]*>([\s\S]*?)<\/script>/g)) {
        charts.push(JSON.parse(m[1]).data.length);
      }
      for (const m of text.matchAll(/class="seqmodels-progress-line">([^<]*)</g)) {
        progress.push(m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      }
    }
  }
  return { charts, progress, errors, outputs };
}

/** In the page: what JupyterLab's renderer made of the outputs. */
function renderedFacts() {
  const plots = Array.from(document.querySelectorAll('#notebook .seqmodels-plot'));
  return {
    plotly: typeof window.Plotly === 'object' && !!window.Plotly && typeof window.Plotly.newPlot === 'function',
    outputAreas: document.querySelectorAll('#notebook .jp-OutputArea').length,
    outputs: document.querySelectorAll('#notebook .jp-OutputArea-output').length,
    html: document.querySelectorAll('#notebook .jp-OutputArea-output.jp-RenderedHTMLCommon').length,
    text: document.querySelectorAll('#notebook .jp-OutputArea-output.jp-RenderedText').length,
    plots: plots.map((p) => ({
      svg: p.querySelectorAll('.main-svg').length,
      // Data traces plotly drew: a group per trace in the cartesian layers (heatmaps: .hm).
      traces: p.querySelectorAll('.main-svg .cartesianlayer .trace, .main-svg .cartesianlayer .hm').length,
      data: Array.isArray(p.data) ? p.data.length : 0,
      text: p.innerText.trim(),
    })),
    progress: Array.from(document.querySelectorAll('#notebook .seqmodels-progress-line')).map((e) => e.textContent),
    bars: Array.from(document.querySelectorAll('#notebook .seqmodels-progress progress')).map((e) => e.getAttribute('value')),
    scriptWarnings: Array.from(document.querySelectorAll('#notebook pre'))
      .filter((e) => /contains inline scripts/.test(e.textContent)).length,
    runButtons: Array.from(document.querySelectorAll('#notebook button')).filter((b) => b.textContent === 'Run').length,
    scripts: document.querySelectorAll('#notebook script').length,
  };
}

/** Open the page in a new tab; console errors, page errors and network requests are recorded. */
async function openPage(context, renderDir, notebooksDir) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      problems.push(`network request to ${url.href}`);
      return route.abort();
    }
    const rel = decodeURIComponent(url.pathname);
    const file = rel.startsWith('/nb/') ? path.join(notebooksDir, path.basename(rel)) : path.join(renderDir, path.basename(rel === '/' ? 'index.html' : rel));
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css'
      : file.endsWith('.html') ? 'text/html' : 'application/json';
    return route.fulfill({ path: file, contentType: `${type}; charset=utf-8` });
  });
  await page.goto(`${ORIGIN}/index.html`, { waitUntil: 'load', timeout: 60000 });
  return { page, problems };
}

/** Render `file` in `page` (trusted or not); returns the renderer's summary. */
function render(page, file, trusted) {
  return page.evaluate(async ({ url, trusted }) => {
    const nb = await (await fetch(url)).json();
    return window.renderNotebook(nb, { trusted });
  }, { url: `${ORIGIN}/nb/${encodeURIComponent(file)}`, trusted });
}

/** Poll until every chart holds its SVG (or `timeoutMs`); the last facts either way. */
async function waitForCharts(page, timeoutMs) {
  const done = await poll(async () => {
    const f = await page.evaluate(renderedFacts);
    return f.plots.length > 0 && f.plots.every((p) => p.svg > 0) ? f : null;
  }, { timeoutMs, ms: 250 });
  return { drawn: !!done, facts: done ?? await page.evaluate(renderedFacts) };
}

/** "3 of 3 chart(s) drawn, 7 trace(s)" or what is missing. */
function chartsVerdict(expected, f) {
  const problems = [];
  if (f.plots.length !== expected.charts.length) problems.push(`${f.plots.length} chart element(s), the outputs hold ${expected.charts.length}`);
  f.plots.forEach((p, i) => {
    const want = expected.charts[i];
    if (!p.svg) problems.push(`chart ${i + 1} not drawn${p.text ? ` ("${short(p.text, 60)}")` : ''}`);
    else if (p.traces < 1 || (want !== undefined && (p.data !== want || p.traces !== want))) {
      problems.push(`chart ${i + 1}: ${p.traces} trace(s) drawn, ${p.data} in plotly's data, ${want} in its figure`);
    }
  });
  const traces = f.plots.reduce((s, p) => s + p.traces, 0);
  return { ok: problems.length === 0 && expected.charts.length > 0, detail: problems.length ? problems.slice(0, 2).join('; ') : `${f.plots.length} of ${expected.charts.length} chart(s) drawn, ${traces} data trace(s) in their .main-svg` };
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function screenshotAt(page, selector, file) {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (el) { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -60); }
  }, selector);
  await page.screenshot({ path: file });
}

/**
 * Build the page and run the checks for `notebooks` (file names in `notebooksDir`); the last
 * one with a progress display is also rendered untrusted. One line per check in `report`.
 */
export async function checkJupyterLab({ browser, root, notebooksDir, notebooks, report, screenshotsDir }) {
  const renderDir = path.join(root, 'build', 'jupyterlab-render');
  const t0 = Date.now();
  let versions;
  try {
    const pkg = (name) => JSON.parse(fs.readFileSync(path.join(here, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
    versions = `@jupyterlab/rendermime ${pkg('@jupyterlab/rendermime')}, @jupyterlab/outputarea ${pkg('@jupyterlab/outputarea')}, @lumino/widgets ${pkg('@lumino/widgets')}`;
    const { buildPage } = await import('./build.mjs');
    const b = await buildPage(renderDir);
    report.check(true, 'jupyterlab: renderer page built', `${versions}; esbuild ${pkg('esbuild')} in ${(b.ms / 1000).toFixed(1)} s (${(b.bytes / 1e6).toFixed(2)} MB)`);
  } catch (e) {
    const missing = !fs.existsSync(path.join(here, 'node_modules', '@jupyterlab', 'rendermime'));
    report.check(false, 'jupyterlab: renderer page built', missing
      ? 'JupyterLab renderer packages not installed: run `npm ci --prefix tests/browser/jupyterlab`'
      : short(String(e.message || e).split('\n')[0], 200));
    return;
  }
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let untrustedFile = null;
  try {
    for (const file of notebooks) {
      const label = `jupyterlab ${file}`;
      const nbPath = path.join(notebooksDir, file);
      if (!fs.existsSync(nbPath)) {
        report.check(false, `${label}: executed notebook`, `no ${path.relative(root, nbPath)}: run \`COURSE_FAST=1 npm run notebooks -- ${file.replace(/\.ipynb$/, '')}\` first`);
        continue;
      }
      const expected = expectedOutputs(JSON.parse(fs.readFileSync(nbPath, 'utf8')));
      if (expected.progress.length) untrustedFile = file;
      const { page, problems } = await openPage(context, renderDir, notebooksDir);
      try {
        const t0 = Date.now();
        const r = await render(page, file, true);
        const { drawn, facts: f } = await waitForCharts(page, 30000);
        const seconds = ((Date.now() - t0) / 1000).toFixed(1);
        report.check(f.outputAreas === r.cells && f.html > 0, `${label}: outputs rendered by JupyterLab's OutputArea (trusted)`,
          `${r.outputs} outputs of ${r.cells} cells → ${f.outputs} output widgets (${f.html} HTML, ${f.text} text) in ${seconds} s${expected.errors ? `; ${expected.errors} error output(s) in the notebook` : ''}`);
        report.check(problems.length === 0, `${label}: no page error, console error or network request`, problems.length ? short(problems[0], 200) : '');
        const v = chartsVerdict(expected, f);
        report.check(drawn && v.ok && f.plotly, `${label}: plotly charts rendered`, v.detail);
        if (expected.progress.length) {
          const full = f.bars.every((b) => Number(b) === 1);
          report.check(sameList(f.progress, expected.progress) && full, `${label}: progress displays in their final state`,
            sameList(f.progress, expected.progress)
              ? `${f.progress.length} display(s)${full ? ', bars at 100%' : `, bars at ${f.bars.join(', ')}`}; last "${short(f.progress[f.progress.length - 1], 80)}"`
              : `shown: ${JSON.stringify(f.progress).slice(0, 120)}; saved: ${JSON.stringify(expected.progress).slice(0, 120)}`);
        }
        await screenshotAt(page, expected.progress.length ? '.seqmodels-progress' : '.seqmodels-plot', path.join(screenshotsDir, screenshotName('jupyterlab', file)));
      } catch (e) {
        report.check(false, `${label}: browser`, short(String(e.message || e).split('\n')[0], 200));
      } finally {
        await page.close().catch(() => {});
      }
    }

    // Untrusted: a notebook opened from elsewhere, not run. JupyterLab's sanitizer strips the
    // scripts; the charts' placeholder text must say so. Then "Trust Notebook".
    if (untrustedFile) {
      const label = `jupyterlab ${untrustedFile} untrusted`;
      const expected = expectedOutputs(JSON.parse(fs.readFileSync(path.join(notebooksDir, untrustedFile), 'utf8')));
      const { page, problems } = await openPage(context, renderDir, notebooksDir);
      try {
        const t0 = Date.now();
        await render(page, untrustedFile, false);
        await new Promise((r) => setTimeout(r, 1000)); // anything that would run has run by now
        const f = await page.evaluate(renderedFacts);
        const seconds = ((Date.now() - t0) / 1000).toFixed(1);
        const said = f.plots.filter((p) => /scripts did not run/.test(p.text) && /trust the notebook/.test(p.text)).length;
        const silent = f.plots.filter((p) => !p.text).length;
        report.check(problems.length === 0, `${label}: no page error, console error or network request`, problems.length ? short(problems[0], 200) : `rendered in ${seconds} s`);
        report.check(!f.plotly && f.scripts === 0 && f.plots.every((p) => p.svg === 0), `${label}: no script ran`,
          `window.Plotly ${f.plotly ? 'defined' : 'undefined'}, ${f.scripts} <script> left by the sanitizer, ${f.plots.filter((p) => p.svg).length} chart(s) drawn; `
          + `JupyterLab's "contains inline scripts"/Run prompt: ${f.scriptWarnings} time(s)`);
        report.check(said + silent === f.plots.length && f.plots.length === expected.charts.length, `${label}: charts say in place why they are not drawn`,
          `${said} of ${expected.charts.length} chart(s) show "${short(f.plots.find((p) => p.text)?.text ?? '', 90)}"${silent ? `; ${silent} live progress chart(s) left blank (no placeholder)` : ''}`);
        report.check(sameList(f.progress, expected.progress), `${label}: progress displays show their final state`,
          `${f.progress.length} of ${expected.progress.length}; the <progress> bar ${f.bars.length ? `kept (value ${f.bars.join(', ')})` : 'removed by the sanitizer'}`);
        await screenshotAt(page, '.seqmodels-plot', path.join(screenshotsDir, screenshotName('jupyterlab-untrusted', untrustedFile)));
        const n = await page.evaluate(() => window.trustNotebook());
        const { drawn, facts: g } = await waitForCharts(page, 30000);
        const v = chartsVerdict(expected, g);
        report.check(drawn && v.ok && problems.length === 0, `${label}: after "Trust Notebook" the charts draw`,
          `${n} output area(s) re-rendered trusted; ${v.detail}${problems.length ? `; ${short(problems[0], 120)}` : ''}`);
      } catch (e) {
        report.check(false, `${label}: browser`, short(String(e.message || e).split('\n')[0], 200));
      } finally {
        await page.close().catch(() => {});
      }
    }
  } finally {
    await context.close();
  }
  console.log(`jupyterlab: checks took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
