/**
 * `npm run grade` (scripts/grade.mjs) works: it selects units and exercises, runs the grade suites
 * and prints passed/total per unit. The counts depend on the learner's progress, so only the shape
 * of the report is checked.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { graderUnits } from './graders';

const ROOT = path.resolve(__dirname, '..', '..');
const casesOf = (unit: string, name?: string) =>
  graderUnits[unit].filter((g) => name === undefined || g.name === name).reduce((n, g) => n + g.cases.length, 0);
const grade = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'grade.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

test('npm run grade -- 01 perplexity grades unit 01 and prints a summary per unit', () => {
  const r = grade('01', 'perplexity');
  expect(r.stderr).not.toMatch(/could not run/);
  expect(r.stdout).toContain('Summary (exercises passed/total per unit)');
  expect(r.stdout).toMatch(new RegExp(`01_rnn\\s+[0-4]/4 {3}\\(cases \\d+/${casesOf('01_rnn')}\\)`));
  expect(r.stdout).not.toMatch(/02_lstm\s+\d/);
  expect([0, 1]).toContain(r.status);
});

test('npm run grade -- gru_step grades one exercise only', () => {
  const r = grade('gru_step');
  expect(r.stdout).toMatch(new RegExp(`[✓✗] gru_step \\(\\d+/${casesOf('03_gru', 'gru_step')} cases\\)`));
  expect(r.stdout).not.toContain('gru_param_count');
  expect(r.stdout).toMatch(/03_gru\s+[01]\/1/);
});

test('an unknown unit or exercise is refused with the list of names', () => {
  const r = grade('no_such_exercise');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('no unit or exercise called "no_such_exercise"');
  expect(r.stderr).toContain('rnn_step');
});
