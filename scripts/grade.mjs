#!/usr/bin/env node
/**
 * npm run grade                  grade every exercise in exercises/
 * npm run grade -- 03            grade one unit (by number or folder name, e.g. 03_gru)
 * npm run grade -- gru_step      grade one exercise (by file name)
 * npm run grade -- 01 gru_step   several selections at once
 * npm run grade -- --all         print every failing case, not only the first one per exercise
 * npm run grade -- --jest        show jest's own output as well (and console.log from the exercises)
 *
 * Runs jest with jest.grade.config.js on the grade suites (tests/exercises/grade/*.grade.ts),
 * reads jest's JSON report and prints, per exercise, whether it passes and the first failing
 * case (input, expected, received, hint), then passed/total per unit.
 * An exercise that is still the untouched stub (every case fails with the stub's own
 * `not implemented: <name>` error) gets one line, "not started": the cases, expected values and
 * hints are shown only once the learner has attempted it, so a fresh clone's report does not give
 * the answers away. `--all` shows them anyway.
 * Exit code: 0 when every selected exercise passes, 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const exercisesDir = join(root, 'exercises');
const args = process.argv.slice(2);
const showAll = args.includes('--all');
const showJest = args.includes('--jest');
const selectors = args.filter((a) => !a.startsWith('--'));

// The catalogue: unit folder → exercise names, from the files in exercises/.
const units = readdirSync(exercisesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d_/.test(d.name))
  .map((d) => d.name)
  .sort();
const catalogue = new Map(
  units.map((u) => [u, readdirSync(join(exercisesDir, u)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort()]),
);

// Resolve the selection into (unit, exercise | undefined) pairs.
const selection = [];
for (const s of selectors) {
  const unit = units.find((u) => u === s || u.slice(0, 2) === s.padStart(2, '0') || u.slice(3) === s);
  if (unit) { selection.push({ unit }); continue; }
  const owner = units.find((u) => catalogue.get(u).includes(s));
  if (owner) { selection.push({ unit: owner, exercise: s }); continue; }
  console.error(`grade: no unit or exercise called "${s}".`);
  console.error(`units: ${units.join(', ')}`);
  console.error(`exercises: ${[...catalogue.values()].flat().join(', ')}`);
  process.exit(2);
}
const selectedUnits = selection.length ? [...new Set(selection.map((s) => s.unit))] : units;
const isSelected = (unit, exercise) =>
  selection.length === 0 || selection.some((s) => s.unit === unit && (s.exercise === undefined || s.exercise === exercise));

// Run jest on the grade suites of the selected units.
const require = createRequire(import.meta.url);
const jestPkg = require.resolve('jest/package.json', { paths: [root] });
const jestBin = join(dirname(jestPkg), JSON.parse(readFileSync(jestPkg, 'utf8')).bin.jest ?? 'bin/jest.js');
const outDir = mkdtempSync(join(tmpdir(), 'grade-'));
const outFile = join(outDir, 'jest.json');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const jestArgs = [
  jestBin, '--config', join(root, 'jest.grade.config.js'), '--json', '--outputFile', outFile,
  ...(showJest ? [] : ['--silent']), // with --jest, console.log in an exercise shows
  ...selectedUnits.map((u) => `tests/exercises/grade/${escape(u)}\\.grade\\.ts$`),
];
const exerciseSel = selection.filter((s) => s.exercise);
if (exerciseSel.length && exerciseSel.length === selection.length) {
  jestArgs.push('--testNamePattern', exerciseSel.map((s) => `^${escape(s.unit)} ${escape(s.exercise)} `).join('|'));
}
console.log(`Grading ${selection.length ? selectors.join(', ') : 'all exercises'} (jest, jest.grade.config.js) …\n`);
const run = spawnSync(process.execPath, jestArgs, { cwd: root, stdio: showJest ? 'inherit' : 'pipe', encoding: 'utf8' });
if (!existsSync(outFile)) {
  if (!showJest) process.stderr.write(`${run.stdout ?? ''}${run.stderr ?? ''}`);
  console.error('grade: jest did not produce a report (see its output above).');
  process.exit(2);
}
const report = JSON.parse(readFileSync(outFile, 'utf8'));
rmSync(outDir, { recursive: true, force: true });

// Collect per exercise: cases passed / total and the failure messages.
const results = new Map(); // "unit/exercise" → { passed, total, failures: string[] }
const suiteErrors = [];
for (const file of report.testResults) {
  if (file.assertionResults.length === 0 && file.message) suiteErrors.push(`${file.name}:\n${file.message}`);
  for (const a of file.assertionResults) {
    const [unit, exercise] = a.ancestorTitles;
    if (a.status === 'pending' || a.status === 'skipped' || a.status === 'todo' || !isSelected(unit, exercise)) continue;
    const key = `${unit}/${exercise}`;
    const r = results.get(key) ?? { passed: 0, total: 0, failures: [] };
    r.total++;
    if (a.status === 'passed') r.passed++;
    else r.failures.push((a.failureMessages ?? []).join('\n').trim());
    results.set(key, r);
  }
}

const indent = (s, pad) => s.split('\n').map((l) => pad + l).join('\n');

/**
 * Untouched: no case passes and every case failed with the stub's own TODO error
 * (`throw new Error('not implemented: gru_step')`), which any failure message quotes. A file that
 * does not compile, returns something, or throws another error has been attempted.
 */
function notStarted(name, r) {
  return r.passed === 0 && r.failures.length > 0 && r.failures.every((m) => m.includes(`not implemented: ${name}`));
}

const rows = [];
let allPass = true;
let untouched = 0;
for (const unit of selectedUnits) {
  // Curriculum order: the order of the graders (jest reports tests in definition order); files
  // without a grader come last.
  const rank = (n) => { const i = [...results.keys()].indexOf(`${unit}/${n}`); return i < 0 ? Infinity : i; };
  const names = catalogue.get(unit).filter((n) => isSelected(unit, n)).sort((a, b) => rank(a) - rank(b));
  let passed = 0, casesPassed = 0, casesTotal = 0, notStartedHere = 0;
  console.log(`${unit}`);
  for (const n of names) {
    const r = results.get(`${unit}/${n}`);
    if (!r) {
      console.log(`  ✗ ${n}: not graded (no grader found for exercises/${unit}/${n}.ts)`);
      allPass = false;
      continue;
    }
    casesPassed += r.passed;
    casesTotal += r.total;
    if (!showAll && notStarted(n, r)) {
      allPass = false;
      notStartedHere++;
      console.log(`  · ${n}: not started (0/${r.total} cases; exercises/${unit}/${n}.ts)`);
    } else if (r.failures.length === 0) {
      passed++;
      console.log(`  ✓ ${n} (${r.passed}/${r.total} cases)`);
    } else {
      allPass = false;
      console.log(`  ✗ ${n} (${r.passed}/${r.total} cases)`);
      for (const msg of showAll ? r.failures : r.failures.slice(0, 1)) console.log(indent(msg, '      '));
      if (!showAll && r.failures.length > 1) console.log(`      … and ${r.failures.length - 1} more failing case(s): npm run grade -- ${n} --all`);
    }
  }
  untouched += notStartedHere;
  rows.push({ unit, passed, total: names.length, casesPassed, casesTotal, notStarted: notStartedHere });
  console.log('');
}
for (const e of suiteErrors) { allPass = false; console.log(`A grade suite could not run:\n${indent(e, '  ')}\n`); }

console.log('Summary (exercises passed/total per unit)');
let p = 0, t = 0, cp = 0, ct = 0;
for (const r of rows) {
  const idle = r.notStarted ? `   ${r.notStarted} not started` : '';
  const cases = `(cases ${r.casesPassed}/${r.casesTotal})`;
  console.log(`  ${r.unit.padEnd(18)} ${String(r.passed).padStart(2)}/${r.total}   ${idle ? cases.padEnd(16) : cases}${idle}`);
  p += r.passed; t += r.total; cp += r.casesPassed; ct += r.casesTotal;
}
console.log(`  ${'total'.padEnd(18)} ${String(p).padStart(2)}/${t}   (cases ${cp}/${ct})`);
if (allPass) console.log('\nAll selected exercises pass.');
else {
  if (untouched > 0) {
    console.log(`\n${untouched} exercise(s) not started: open the file, replace the TODO, and grade again; the cases and hints show once you have tried.`);
  }
  console.log('\nStuck? The reference solutions are in solutions/ (try first!). exercises/README.md explains each exercise.');
}
process.exit(allPass ? 0 : 1);
