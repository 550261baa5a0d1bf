// `npm run repro [-- NAME ...] [--dir=NOTEBOOKS] [--first=EXECUTED] [--out=RERUN] [--no-run]`:
// run the notebooks a second time and check that they print the same numbers as the first run.
//
// The first run's executed copies are read from build/notebooks/ (what `npm run notebooks` and
// `npm test` leave there); the second run goes through run-notebooks.mjs into
// build/notebooks-rerun/, in the same mode (COURSE_FAST) and on the same backend. For each code
// cell the text outputs are compared: stdout, and the text/plain and text/markdown of displays
// and results. HTML outputs (charts, live progress) and stderr are not compared; tables shown
// with `showTable` carry a text/plain box table next to their HTML, so they are compared (and
// masked) like console.table output. Values that are
// timings by nature are masked first (see maskTimings): numbers with a time unit, rates per
// second, speed ratios ("2.0 times as long"), ETA and time-left fields, and the table columns or
// rows headed by such a unit. A cell whose output depends on wall-clock time by design (a
// throughput measurement, models compared at equal training time) carries the nbformat tag
// `timing` in metadata.tags and is skipped.
//
// Prints, per notebook, "same" or the first differing line of each differing cell (cell
// numbers count every cell from 1, as the notebook runner does), and exits 1 on any difference.
// --no-run compares the copies already in --first and --out without executing anything.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './jupyter.mjs';

/** The nbformat cell tag that excludes a cell's outputs from the comparison. */
export const TIMING_TAG = 'timing';
const MASK = '‹time›';

// A number as the notebooks print it: 12, 1.5, 1,234, 3e-3.
const NUM = String.raw`(?<![\w.])\d+(?:[.,]\d+)*(?:e[-+]?\d+)?`;
// Units of duration. `s` alone needs a non-letter after it ("3 s", "3s,"; not "3 steps").
const DURATION = String.raw`(?:ns|µs|us|ms|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?)(?![A-Za-z])`;
// Rates: "1,234 characters/s", "12.3 steps/s", "5 it/s", "2k chars/s", "3 per second".
const RATE = new RegExp(String.raw`${NUM}\s*[kKM]?\s*(?:[A-Za-z]+(?:\s+[A-Za-z]+)?\s*)?(?:\/\s*(?:s|sec|second)\b|per\s+second\b)`, 'g');
const DURATION_RE = new RegExp(String.raw`${NUM}\s*${DURATION}`, 'g');
// Speed ratios: "took 2.0 times as long", "3.1× faster" (not "1.85 times the parameters").
const RATIO = new RegExp(String.raw`${NUM}\s*(?:×|x|times)(?=\s+(?:as\s+(?:long|fast|slow)|longer|faster|slower|quicker)\b)`, 'g');
// Clock-style fields need a keyword: "ETA 01:23", "time left: 0:05".
const CLOCK_FIELD = /\b(ETA|time left|remaining|elapsed|left)\b(\s*[:=]?\s*)(~\s*)?\d+(?::\d{2}){1,2}(?:\.\d+)?/gi;
// A table header or a row label that names a time or a speed ("seconds per epoch", "training (s)",
// "chars/s", "val loss after 90 s"): its column or row is masked.
const TIME_HEADER = new RegExp([
  String.raw`seconds|\bsecs?\b|\bms\b|\bminutes?\b|\((?:s|ms|min|h)\)`,
  String.raw`\/\s*s\b|\/\s*sec\b|per second|\bspeed\b|throughput|\bwall\b|elapsed|\bETA\b|time left`,
  String.raw`\btime\b(?!\s*steps?)(?!\s*series)`,
  String.raw`\d\s*(?:s|sec|ms|min)\b`,
].join('|'), 'i');

/** Mask the values in one line of text that are timings by nature. */
export function maskLine(line) {
  return line
    .replace(CLOCK_FIELD, (_, key, sep) => `${key}${sep}${MASK}`)
    .replace(RATE, MASK)
    .replace(RATIO, MASK)
    .replace(DURATION_RE, MASK);
}

// Tables: console.table (│), danfojs (│ and ║) and markdown (|) rows.
const SEP = /[│║┃|]/g;
const hasSep = (line) => /[│║┃|]/.test(line);
const isRule = (line) => /^[\s┌┐└┘├┤┬┴┼─═╔╗╚╝╟╢╤╧╪╠╣╦╩╬╞╡┏┓┗┛━\-:|+]*$/.test(line) && /[─═━-]/.test(line);
const isTableEdge = (line) => /[┌╔┏└╚┗]/.test(line); // the top or bottom border of a box table

/**
 * Mask every value of a text output that depends on wall-clock time: numbers with time
 * units and rates in any line; in tables, whole columns whose header names a time or a
 * speed ("seconds per epoch", "chars/s") and whole rows whose label does ("Training speed
 * (steps/s)"), including verdicts such as "RNN (fastest)" in them.
 */
export function maskTimings(text) {
  const lines = text.split('\n');
  let header = null; // indexes of the current table's columns to mask; null outside a table
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isRule(line)) {
      if (isTableEdge(line)) header = null;
      lines[i] = line.replace(/([─═━-])\1+/g, '$1'); // widths follow the (masked) cells
      continue;
    }
    if (!hasSep(line)) {
      header = null;
      lines[i] = maskLine(line);
      continue;
    }
    const parts = line.split(SEP);
    const seps = line.match(SEP);
    if (header === null) {
      header = new Set(parts.map((p, k) => (TIME_HEADER.test(p) ? k : -1)).filter((k) => k >= 0));
      lines[i] = parts.map((p, k) => (p.trim() === '' ? '' : ` ${maskLine(p.trim())} `) + (seps[k] ?? '')).join('');
      continue;
    }
    // A body row: mask the timed columns, and the whole row if its label (first cell with text) is timed.
    const label = parts.findIndex((p) => p.trim() !== '');
    const rowTimed = label >= 0 && TIME_HEADER.test(parts[label]);
    const masked = parts.map((p, k) =>
      p.trim() === '' ? p : header.has(k) || (rowTimed && k > label) ? p.replace(/\S(?:.*\S)?/, MASK) : maskLine(p));
    // Column padding follows the widest cell, masked timings included: compare trimmed cells.
    lines[i] = masked.map((p, k) => (p.trim() === '' ? '' : ` ${p.trim()} `) + (seps[k] ?? '')).join('');
  }
  return lines.join('\n');
}

const joinText = (t) => (Array.isArray(t) ? t.join('') : t ?? '');

/** The compared text of a code cell: stdout and the plain-text and markdown data, in order. */
export function cellText(cell) {
  let text = '';
  for (const o of cell.outputs ?? []) {
    if (o.output_type === 'stream' && o.name === 'stdout') text += joinText(o.text);
    else if (o.output_type === 'display_data' || o.output_type === 'execute_result') {
      for (const mime of ['text/markdown', 'text/plain']) {
        if (o.data?.[mime] !== undefined) {
          const t = joinText(o.data[mime]);
          text += t.endsWith('\n') ? t : t + '\n';
        }
      }
    } else if (o.output_type === 'error') text += `${o.ename}: ${o.evalue}\n`;
  }
  return text;
}

const isTimingCell = (cell) => (cell?.metadata?.tags ?? []).includes(TIMING_TAG);

/**
 * Compare the executed copies of one notebook. Returns [] when they print the same, else one
 * entry per differing cell: { cell, line, first, rerun } (cell numbered from 1, line from 1),
 * or { problem } when the copies cannot be compared. A cell is skipped when it carries the
 * tag `timing` in either copy or in `source`, the notebook as it is now (when given).
 */
export function compareNotebooks(first, rerun, source = null) {
  const modeA = first.metadata?.course_run?.mode;
  const modeB = rerun.metadata?.course_run?.mode;
  if (modeA && modeB && modeA !== modeB) return [{ problem: `the first run was in ${modeA} mode, the rerun in ${modeB} mode` }];
  if (first.cells.length !== rerun.cells.length || first.cells.some((c, i) => joinText(c.source) !== joinText(rerun.cells[i].source))) {
    return [{ problem: 'the notebook changed since the first run: run `npm run notebooks` again first' }];
  }
  const diffs = [];
  rerun.cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code' || isTimingCell(cell) || isTimingCell(first.cells[i])) return;
    if (source && source.cells.length === rerun.cells.length && isTimingCell(source.cells[i])) return;
    const a = maskTimings(cellText(first.cells[i])).split('\n');
    const b = maskTimings(cellText(cell)).split('\n');
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      if (a[k] !== b[k]) {
        diffs.push({ cell: i + 1, line: k + 1, first: a[k] ?? '(no more output)', rerun: b[k] ?? '(no more output)' });
        break;
      }
    }
  });
  return diffs;
}

function arg(name, fallback) {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? path.resolve(a.slice(name.length + 3)) : fallback;
}

async function main() {
  const dirArg = process.argv.find((a) => a.startsWith('--dir='));
  const notebooksDir = arg('dir', path.join(root, 'notebooks'));
  const firstDir = arg('first', path.join(root, 'build', 'notebooks'));
  const rerunDir = arg('out', path.join(root, 'build', 'notebooks-rerun'));
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const rel = (p) => path.relative(root, p) || p;

  // The same selection as run-notebooks.mjs: every notebook, or those whose name contains an argument.
  let notebooks = fs.readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort();
  if (filters.length) notebooks = notebooks.filter((f) => filters.some((q) => f.includes(q)));
  if (notebooks.length === 0) {
    console.error(`repro: no notebook matches ${filters.join(', ') || '*.ipynb'} in ${notebooksDir}`);
    process.exit(1);
  }
  const missing = notebooks.filter((nb) => !fs.existsSync(path.join(firstDir, nb)));
  if (missing.length) {
    console.error(`repro: no first run of ${missing.join(', ')} in ${rel(firstDir)}/: run \`npm run notebooks${filters.length ? ' -- ' + filters.join(' ') : ''}\` first`);
    process.exit(1);
  }

  const failedRerun = new Set();
  if (!process.argv.includes('--no-run')) {
    console.log(`repro: second run of ${notebooks.length} notebook(s) into ${rel(rerunDir)}/, compared with ${rel(firstDir)}/`);
    const runner = [path.join(root, 'scripts', 'run-notebooks.mjs'), ...notebooks.map((n) => n.replace(/\.ipynb$/, '')), `--out=${rerunDir}`, '--no-record'];
    if (dirArg) runner.push(`--dir=${notebooksDir}`);
    // The runner's filter matches substrings: pass exact names, then keep only the selection.
    const out = await new Promise((resolve) => {
      const p = spawn(process.execPath, runner, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      p.stdout.on('data', (d) => {
        text += d;
        process.stdout.write(d);
      });
      p.on('close', () => resolve(text));
    });
    for (const m of out.matchAll(/^FAIL (\S+\.ipynb)/gm)) failedRerun.add(m[1]);
  }

  console.log('\nrepro: same printed output as the first run?');
  let bad = 0;
  for (const nb of notebooks) {
    const name = nb.padEnd(40);
    if (failedRerun.has(nb)) {
      console.log(`${name} FAIL: the second run stopped with an error (see above)`);
      bad++;
      continue;
    }
    let first, rerun, source;
    try {
      first = JSON.parse(fs.readFileSync(path.join(firstDir, nb), 'utf8'));
      rerun = JSON.parse(fs.readFileSync(path.join(rerunDir, nb), 'utf8'));
      source = JSON.parse(fs.readFileSync(path.join(notebooksDir, nb), 'utf8'));
    } catch (e) {
      console.log(`${name} FAIL: cannot read an executed copy (${e.message.split('\n')[0]})`);
      bad++;
      continue;
    }
    const diffs = compareNotebooks(first, rerun, source);
    if (diffs.length === 0) {
      console.log(`${name} same`);
      continue;
    }
    bad++;
    if (diffs[0].problem) {
      console.log(`${name} FAIL: ${diffs[0].problem}`);
      continue;
    }
    console.log(`${name} DIFFERS in ${diffs.length} cell(s)`);
    for (const d of diffs.slice(0, 8)) {
      console.log(`  cell ${d.cell}, line ${d.line}:`);
      console.log(`    first: ${d.first.trimEnd()}`);
      console.log(`    rerun: ${d.rerun.trimEnd()}`);
    }
    if (diffs.length > 8) console.log(`  ... and ${diffs.length - 8} more cell(s)`);
  }
  console.log(`repro: ${notebooks.length - bad} same, ${bad} different or failed` +
    (bad ? ` (a cell that measures wall-clock time by design can carry the tag "${TIMING_TAG}")` : ''));
  process.exit(bad ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
