// `npm run bench [-- NAME ...]`: run each benchmark in bench/ in its own Node process (so
// memory figures are its own), show its table, and collect the results in build/bench.json.
// A benchmark is a script bench/NAME.mjs that prints a table for humans and, as its last
// line of output, one JSON object with its figures. Notebook wall times and peak memory
// recorded by the notebook runner (build/notebook-times.json) are added to the report, with the
// size of each executed copy; a notebook whose peak memory passed 3 GB, or whose executed copy
// is over 3 MB (issue #18), is flagged.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './jupyter.mjs';
import { NOTEBOOK_SIZE_LIMIT_MB, notebookReport } from './notebook-limits.mjs';

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
  console.log('\n=== notebook wall times, peak memory and executed size (from the notebook runner; run `npm run notebooks` with and without COURSE_FAST=1 to refresh)');
  const { lines, overMemory: over, overSize: heavy } = notebookReport(report.notebooks);
  for (const line of lines) console.log(line);
  report.notebooksOverMemoryLimit = over;
  report.notebooksOverSizeLimit = heavy;
  if (over.length) console.log(`bench: ${over.length} notebook run(s) over the 3 GB peak-memory limit: ${over.join(', ')}`);
  if (heavy.length) console.log(`bench: ${heavy.length} executed notebook(s) over the ${NOTEBOOK_SIZE_LIMIT_MB} MB size limit: ${heavy.join(', ')}`);
}
fs.mkdirSync(path.join(root, 'build'), { recursive: true });
fs.writeFileSync(path.join(root, 'build', 'bench.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nbench: ${Object.keys(report.results).length} benchmarks, ${report.failed.length} failed; report in build/bench.json`);
process.exit(report.failed.length ? 1 : 0);
