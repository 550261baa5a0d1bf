// `npm run notebooks [-- NAME ...] [--dir=NOTEBOOKS] [--out=EXECUTED] [--no-record]`: execute every notebook in notebooks/
// headless, each in a fresh tslab kernel, stop a notebook at its first cell error, print one
// line per notebook with its wall time, the kernel's peak resident memory and the size of the
// executed copy (with the number of plotly bundles it holds when that is not one). Executed
// copies go to build/notebooks/ (git-ignored); the timings, peaks and sizes to
// build/notebook-times.json (not with --dir or --no-record). COURSE_FAST=1 selects fast mode
// (what CI runs).
import { spawn } from 'node:child_process';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { NOTEBOOK_SIZE_LIMIT_MB, PEAK_MEMORY_LIMIT_MB } from './notebook-limits.mjs';
import { root, registerKernel, findPython, checkKernelVisible, jupyterEnv, INSTALL_JUPYTER_HINT } from './jupyter.mjs';

const dirArg = process.argv.find((a) => a.startsWith('--dir='));
const notebooksDir = dirArg ? path.resolve(dirArg.slice(6)) : path.join(root, 'notebooks');
const outArg = process.argv.find((a) => a.startsWith('--out='));
const outDir = outArg ? path.resolve(outArg.slice(6)) : path.join(root, 'build', 'notebooks');
const record = !process.argv.includes('--no-record');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const fast = createRequire(import.meta.url)('seqmodels/env').parseCourseFast(process.env.COURSE_FAST); // the library's reading of COURSE_FAST

function fail(msg) {
  console.error(`notebooks: ${msg}`);
  process.exit(1);
}

const python = findPython(['nbclient', 'nbformat', 'jupyter_client']);
if (!python) fail(`no Python with nbclient found. ${INSTALL_JUPYTER_HINT}`);
try {
  registerKernel();
  checkKernelVisible(python);
} catch (e) {
  fail(`kernel registration failed: ${e.message}`);
}
if (!fs.existsSync(path.join(root, 'lib', 'dist', 'index.js'))) {
  fail('the library is not built (lib/dist missing): run `npm run build`.');
}

let notebooks = fs.readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort();
if (filters.length) notebooks = notebooks.filter((f) => filters.some((q) => f.includes(q)));
if (notebooks.length === 0) fail(`no notebook matches ${filters.join(', ') || '*.ipynb'} in ${notebooksDir}`);

console.log(`notebooks: executing ${notebooks.length} in ${fast ? 'fast' : 'full'} mode with ${python}`);
const results = [];
for (const nb of notebooks) {
  const src = path.join(notebooksDir, nb);
  const dst = path.join(outDir, nb);
  const t0 = Date.now();
  const { code, stderr } = await new Promise((resolve) => {
    const p = spawn(python, [path.join(root, 'scripts', 'execute_notebook.py'), src, dst], {
      env: jupyterEnv(),
      cwd: notebooksDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (c) => resolve({ code: c, stderr: err }));
  });
  const seconds = (Date.now() - t0) / 1000;
  const ok = code === 0;
  // execute_notebook.py prints `peak-memory-mb: N` (or n/a) last, just before it exits.
  const peakLine = stderr.match(/^peak-memory-mb: (\S+)$/m);
  const peakMemoryMB = peakLine && /^\d+$/.test(peakLine[1]) ? Number(peakLine[1]) : null;
  const errLines = stderr.trim().split('\n').filter((l) => l && !l.startsWith('peak-memory-mb:'));
  const why = ok ? '' : '  ' + (errLines.filter((l) => /^(cell \d+|kernel error)/.test(l)).pop() || errLines.pop() || `exit ${code}`);
  const mem = 'peak ' + (peakMemoryMB === null ? 'n/a' : `${peakMemoryMB} MB`).padStart(8);
  const over = peakMemoryMB !== null && peakMemoryMB > PEAK_MEMORY_LIMIT_MB ? ' (over the 3 GB limit)' : '';
  const { sizeMB, bundles } = executedSize(dst);
  const size = 'size ' + (sizeMB === null ? 'n/a' : `${sizeMB.toFixed(1)} MB`).padStart(7);
  const heavy = [
    sizeMB !== null && sizeMB > NOTEBOOK_SIZE_LIMIT_MB ? `over the ${NOTEBOOK_SIZE_LIMIT_MB} MB limit` : '',
    bundles > 1 ? `${bundles} copies of the plotly bundle` : '',
  ].filter(Boolean).join(', ');
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${nb.padEnd(40)} ${seconds.toFixed(1).padStart(7)} s ${mem}${over} ${size}${heavy ? ` (${heavy})` : ''}${why}`);
  results.push({ notebook: nb, ok, seconds, peakMemoryMB, sizeMB, bundles, mode: fast ? 'fast' : 'full' });
}
/** The executed copy's size in MB (null if it was not written) and how many plotly bundles it holds. */
function executedSize(file) {
  if (!fs.existsSync(file)) return { sizeMB: null, bundles: 0 };
  const text = fs.readFileSync(file, 'utf8');
  return { sizeMB: Buffer.byteLength(text) / 1e6, bundles: text.split('data-seqmodels-plotly=\\"bundle\\"').length - 1 };
}

// Timings of the course's own notebooks feed the benchmark report (npm run bench).
if (!dirArg && record) recordTimes(results);
function recordTimes(results) {
fs.mkdirSync(path.join(root, 'build'), { recursive: true });
const timesFile = path.join(root, 'build', 'notebook-times.json');
let times = {};
try { times = JSON.parse(fs.readFileSync(timesFile, 'utf8')); } catch {}
for (const r of results) {
  times[`${r.notebook}:${r.mode}`] = {
    seconds: r.seconds, peakMemoryMB: r.peakMemoryMB, sizeMB: r.sizeMB, bundles: r.bundles, ok: r.ok, at: new Date().toISOString(),
  };
}
fs.writeFileSync(timesFile, JSON.stringify(times, null, 2) + '\n');
}

const failed = results.filter((r) => !r.ok);
console.log(`executed copies are in ${path.relative(root, outDir) || outDir}/`);
const totalSeconds = results.reduce((sum, r) => sum + r.seconds, 0);
console.log(`notebooks: ${results.length - failed.length} passed, ${failed.length} failed; ` +
  `total ${totalSeconds.toFixed(0)} s (${(totalSeconds / 60).toFixed(1)} min) in ${results.some((r) => r.mode === 'full') ? 'full' : 'fast'} mode, load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
process.exit(failed.length ? 1 : 0);
