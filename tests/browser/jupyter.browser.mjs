// Browser check (a): the real Jupyter Notebook server with the course kernel, driven through
// its UI. Each notebook is opened, "Cell → Run All" is clicked, and once every cell has its
// reply we check: every cell ran without error, no error outputs, plotly charts drawn (their
// `.main-svg`), and for the training notebook that the progress display changed while it ran.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, poll, screenshotName } from './util.browser.mjs';

/**
 * Start Jupyter Notebook with `npm start`'s script on 127.0.0.1 serving `dir`, in its own
 * process group (so that stopping it stops what it started). Resolves when its API answers.
 */
export async function startJupyter({ root, dir, logFile, env = {} }) {
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const log = fs.openSync(logFile, 'w');
  // start.mjs passes --notebook-dir=<repository>; a folder given as the positional argument
  // takes precedence over it in Notebook 6 (notebookapp.py).
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--no-browser', `--port=${port}`,
    '--port-retries=0', dir], {
    cwd: root,
    env: { ...process.env, ...env, JUPYTER_TOKEN: token },
    stdio: ['ignore', log, log],
    detached: true,
  });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const base = `http://127.0.0.1:${port}`;
  const up = await poll(async () => {
    if (exited) return 'exited';
    try {
      const r = await fetch(`${base}/api/status?token=${token}`);
      return r.ok ? 'up' : null;
    } catch {
      return null;
    }
  }, { timeoutMs: 90000, ms: 500 });
  const server = {
    base, token, child,
    async stop() {
      if (exited) return;
      try {
        const r = await fetch(`${base}/api/sessions?token=${token}`);
        for (const s of r.ok ? await r.json() : []) {
          await fetch(`${base}/api/sessions/${s.id}?token=${token}`, { method: 'DELETE' });
        }
      } catch { /* the server may already be gone */ }
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      const done = await poll(() => exited, { timeoutMs: 20000, ms: 200 });
      if (!done) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    },
  };
  if (up !== 'up') {
    await server.stop();
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' / ');
    throw new Error(`Jupyter did not start on port ${port} (${up === 'exited' ? 'it exited' : 'no answer in 90 s'}): ${tail}`);
  }
  return server;
}

/** In the page: record execute replies and every state of the progress display. */
function installRecorders() {
  const bt = { replies: [], progress: [] };
  window.__bt = bt;
  Jupyter.notebook.kernel.events.on('shell_reply.Kernel', (_e, d) => {
    const r = d && d.reply;
    if (r && r.header && r.header.msg_type === 'execute_reply') bt.replies.push(r.content.status);
  });
  const record = () => {
    const text = Array.from(document.querySelectorAll('.seqmodels-progress-line')).map((e) => e.textContent).join(' | ');
    if (text && bt.progress[bt.progress.length - 1] !== text) bt.progress.push(text);
  };
  new MutationObserver(record).observe(document.getElementById('notebook-container'),
    { childList: true, subtree: true, characterData: true });
}

/** In the page: the state of the run. */
function runState() {
  const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
  const nonEmpty = cells.filter((c) => c.get_text().trim().length > 0);
  const plots = Array.from(document.querySelectorAll('#notebook-container .seqmodels-plot'));
  return {
    codeCells: nonEmpty.length,
    replies: window.__bt.replies.slice(),
    progress: window.__bt.progress.slice(),
    running: nonEmpty.filter((c) => c.input_prompt_number === '*').length,
    plots: plots.length,
    plotsDrawn: plots.filter((p) => p.querySelector('.main-svg')).length,
    svgs: document.querySelectorAll('#notebook-container .main-svg').length,
  };
}

/** In the page: error outputs, and the stderr of cells, from the notebook model. */
function outputsSummary() {
  const out = { errors: [], stderr: [] };
  Jupyter.notebook.toJSON().cells.forEach((c, i) => {
    if (c.cell_type !== 'code' || !String(c.source).trim()) return;
    for (const o of c.outputs || []) {
      if (o.output_type === 'error') out.errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr') out.stderr.push({ cell: i, text: String(o.text) });
    }
  });
  return out;
}

/** "1 cell(s) with status error, 24 with status aborted". */
function countsOf(statuses) {
  const n = new Map();
  for (const st of statuses) n.set(st, (n.get(st) ?? 0) + 1);
  return Array.from(n, ([st, k], i) => `${k}${i === 0 ? ' cell(s)' : ''} with status ${st}`).join(', ');
}

const short = (s, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Open `file` (served from the notebook folder, under `server.prefix`) in a new page, run all cells through the UI,
 * and record the checks in `report`. `training`: also check the progress display.
 */
export async function runNotebookInUi({ context, server, file, report, screenshotsDir, training, timeoutMs }) {
  const label = `jupyter ${file}`;
  const page = await context.newPage();
  const t0 = Date.now();
  try {
    await page.goto(`${server.base}/notebooks/${server.prefix ?? ''}${encodeURIComponent(file)}?token=${server.token}`, { waitUntil: 'load', timeout: 60000 });
    const ready = await poll(() => page.evaluate(() => !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
      && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply
      && Object.keys(Jupyter.notebook.kernel.info_reply).length)).catch(() => false), { timeoutMs: 120000 });
    if (!report.check(!!ready, `${label}: kernel "TypeScript (course)" started`, ready ? '' : 'no kernel connection in 120 s (see build/browser-tests/jupyter.log)')) return;
    await page.evaluate(installRecorders);
    // Through the UI: the "Cell" menu, then "Run All".
    await page.click('#celllink');
    await page.click('#run_all_cells > a');
    const done = await poll(async () => {
      const s = await page.evaluate(runState);
      return s.replies.length >= s.codeCells && s.running === 0 ? s : null;
    }, { timeoutMs, ms: 250 });
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    const state = done ?? await page.evaluate(runState);
    const failedReplies = state.replies.map((st, i) => ({ st, i })).filter((r) => r.st !== 'ok');
    const outs = await page.evaluate(outputsSummary);
    const errorCell = outs.stderr.find((s) => /Error|^\d+:\d+ - /m.test(s.text));
    const firstError = outs.errors[0] ?? (errorCell ? `cell ${errorCell.cell}: ${short(errorCell.text.trim().split('\n').find((l) => /Error|^\d+:\d+ - /.test(l)) ?? '')}` : '');
    // Each code cell sent gets one execute_reply (tslab leaves execution counts empty).
    report.check(!!done && failedReplies.length === 0,
      `${label}: Run All ran every cell`,
      done
        ? (failedReplies.length
          ? `${countsOf(failedReplies.map((r) => r.st))}${firstError ? `; ${firstError}` : ''}`
          : `${state.codeCells} code cells in ${seconds} s`)
        : `not finished after ${(timeoutMs / 1000).toFixed(0)} s: ${state.replies.length} of ${state.codeCells} cells replied`);
    report.check(outs.errors.length === 0 && !errorCell, `${label}: no error outputs`,
      outs.errors.length || errorCell ? firstError : `${outs.stderr.length} stderr output(s), none an error`);
    // Charts draw asynchronously (each waits for window.Plotly): give them time.
    const drawn = await poll(async () => {
      const s = await page.evaluate(runState);
      return s.plots > 0 && s.plotsDrawn === s.plots ? s : null;
    }, { timeoutMs: 30000 });
    const s = drawn ?? await page.evaluate(runState);
    report.check(!!drawn && s.svgs > 0, `${label}: plotly charts rendered`,
      `${s.plotsDrawn} of ${s.plots} chart(s) drawn, ${s.svgs} .main-svg`);
    if (training) {
      const p = s.progress;
      report.check(p.length >= 3, `${label}: progress display updated while training`,
        p.length ? `${p.length} states (${p.length - 1} updates): first "${short(p[0], 70)}", last "${short(p[p.length - 1], 70)}"` : 'no .seqmodels-progress-line seen');
    }
    // Notebook 6 scrolls inside #site, not the document: show the progress (training) or the
    // first chart in the viewport, then take the screenshot.
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page.evaluate((training) => {
      const el = (training && document.querySelector('#notebook-container .seqmodels-progress'))
        || document.querySelector('#notebook-container .seqmodels-plot');
      if (el) {
        el.scrollIntoView({ block: 'start' });
        const site = document.getElementById('site');
        if (site) site.scrollTop = Math.max(0, site.scrollTop - 120); // the cell's source above it
      }
    }, !!training);
    await page.screenshot({ path: path.join(screenshotsDir, screenshotName('jupyter', file)) });
  } catch (e) {
    report.check(false, `${label}: browser`, short(String(e.message || e).split('\n')[0], 200));
  } finally {
    await page.close().catch(() => {});
  }
}
