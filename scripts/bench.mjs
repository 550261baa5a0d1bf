// `npm run bench [-- NAME ...]`: run each benchmark in bench/ in its own Node process (so
// memory figures are its own), show its table, and collect the results in build/bench.json.
// A benchmark is a script bench/NAME.mjs that prints a table for humans and, as its last
// line of output, one JSON object with its figures. Notebook wall times and peak memory
// recorded by the notebook runner (build/notebook-times.json) are added to the report, and
// a notebook whose peak memory passed 3 GB is flagged.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './jupyter.mjs';

const benchDir = path.join(root, 'bench');
const filters = process.argv.slice(2);
let files = fs.existsSync(benchDir) ? fs.readdirSync(benchDir).filter((f) => f.endsWith('.mjs')).sort() : [];
if (filters.length) files = files.filter((f) => filters.some((q) => f.includes(q)));
if (!fs.existsSync(path.join(root, 'lib', 'dist', 'index.js'))) {
  console.error('bench: the library is not built: run `npm run build` first.');
  process.exit(1);
}

const report = { at: new Date().toISOString(), node: process.version, results: {}, failed: [] };
for (const f of files) {
  console.log(`\n=== ${f}`);
  const t0 = Date.now();
  const { code, out } = await new Promise((resolve) => {
    const p = spawn(process.execPath, ['--expose-gc', path.join(benchDir, f)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    p.on('close', (c) => resolve({ code: c, out }));
  });
  const json = out.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
  let parsed = null;
  try { parsed = json ? JSON.parse(json) : null; } catch {}
  if (code !== 0 || !parsed) {
    report.failed.push(f);
    console.log(`bench: ${f} ${code !== 0 ? `exited with ${code}` : 'printed no JSON result line'}`);
  } else {
    report.results[f.replace(/\.mjs$/, '')] = { ...parsed, wallSeconds: (Date.now() - t0) / 1000 };
  }
}
const timesFile = path.join(root, 'build', 'notebook-times.json');
if (fs.existsSync(timesFile)) {
  report.notebooks = JSON.parse(fs.readFileSync(timesFile, 'utf8'));
  console.log('\n=== notebook wall times and peak memory (from the notebook runner; run `npm run notebooks` with and without COURSE_FAST=1 to refresh)');
  // Issue #12's limit: the peak resident memory of each notebook in full mode stays under 3 GB.
  const limitMB = 3072;
  const over = [];
  for (const [k, v] of Object.entries(report.notebooks)) {
    const peak = typeof v.peakMemoryMB === 'number' ? v.peakMemoryMB : null;
    const flag = peak !== null && peak > limitMB ? `OVER 3 GB${k.endsWith(':full') ? '' : ' (even in fast mode)'}` : '';
    if (flag) over.push(k);
    const mem = (peak === null ? 'n/a' : `${peak} MB`).padStart(9);
    console.log(`${k.padEnd(48)} ${v.seconds.toFixed(1).padStart(8)} s  peak ${mem} ${[v.ok ? '' : '(failed)', flag].filter(Boolean).join(' ')}`);
  }
  report.notebooksOverMemoryLimit = over;
  if (over.length) console.log(`bench: ${over.length} notebook run(s) over the 3 GB peak-memory limit: ${over.join(', ')}`);
}
fs.mkdirSync(path.join(root, 'build'), { recursive: true });
fs.writeFileSync(path.join(root, 'build', 'bench.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nbench: ${Object.keys(report.results).length} benchmarks, ${report.failed.length} failed; report in build/bench.json`);
process.exit(report.failed.length ? 1 : 0);
