// `npm run bench [-- NAME ...]`: run each benchmark in bench/ in its own Node process (so
// memory figures are its own), show its table, and collect the results in build/bench.json and
// in bench/RESULTS.md (the figures the READMEs point to: one section per benchmark, with the
// date, Node version and machine load of the run that wrote it; a run of some benchmarks
// replaces their sections and keeps the others).
// A benchmark is a script bench/NAME.mjs that prints a table for humans and, as its last
// line of output, one JSON object with its figures. Notebook wall times and peak memory
// recorded by the notebook runner (build/notebook-times.json) are added to the report, with the
// size of each executed copy; a notebook whose peak memory passed 3 GB, or whose executed copy
// is over 3 MB, is flagged.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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
const tables = {}; // benchmark name -> what it printed for humans (its output without the JSON line)
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
    tables[f.replace(/\.mjs$/, '')] = out.split('\n').filter((l) => l !== json).join('\n').trim();
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
writeResults(tables);
fs.mkdirSync(path.join(root, 'build'), { recursive: true });
fs.writeFileSync(path.join(root, 'build', 'bench.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nbench: ${Object.keys(report.results).length} benchmarks, ${report.failed.length} failed; report in build/bench.json`);
process.exit(report.failed.length ? 1 : 0);

/**
 * bench/RESULTS.md: one section per benchmark, each with the run that wrote it (date, Node,
 * CPU, load average before it started). Sections of benchmarks not run this time are kept.
 */
function writeResults(newTables) {
  const file = path.join(benchDir, 'RESULTS.md');
  const sections = {};
  if (fs.existsSync(file)) {
    const old = fs.readFileSync(file, 'utf8');
    for (const m of old.matchAll(/^## `bench\/([^`]+)\.mjs`\n([\s\S]*?)(?=^## `bench\/|(?![\s\S]))/gm)) sections[m[1]] = m[2].trim();
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((v) => v.toFixed(1)).join(', ');
  for (const [name, text] of Object.entries(newTables)) {
    sections[name] = `Run ${report.at} (Node ${process.version}, ${os.cpus().length} × ${cpu}, load average ${load}).\n\n\`\`\`\n${text}\n\`\`\``;
  }
  const body = Object.keys(sections).sort().map((name) => `## \`bench/${name}.mjs\`\n\n${sections[name]}\n`).join('\n');
  fs.writeFileSync(file, '# Benchmark results\n\nWritten by `npm run bench` (do not edit by hand): what each benchmark in `bench/` printed\n'
    + 'on its last run on this machine. The source READMEs describe what is measured and point here.\n\n' + body);
  console.log(`bench: figures written to ${path.relative(root, file)}`);
}
