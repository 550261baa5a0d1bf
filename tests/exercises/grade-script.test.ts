/**
 * `npm run grade` (scripts/grade.mjs) works: it selects units and exercises, runs the grade suites
 * and prints passed/total per unit. The counts depend on the learner's progress, so the first tests
 * check only the shape of the report. The last ones grade a copy of the course in a temporary folder
 * whose exercises are in known states (untouched stub, attempted, solved): an untouched stub is one
 * "not started" line with no input, expected value or hint; an attempted one gets full feedback.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const gradeIn = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts', 'grade.mjs'), ...args], { cwd: root, encoding: 'utf8' });
const grade = (...args: string[]) => gradeIn(ROOT, ...args);

test('npm run grade -- 01 perplexity grades unit 01 and prints a summary per unit', () => {
  const r = grade('01', 'perplexity');
  expect(r.stderr).not.toMatch(/could not run/);
  expect(r.stdout).toContain('Summary (exercises passed/total per unit)');
  expect(r.stdout).toMatch(/01_rnn\s+[0-4]\/4 {3}\(cases \d+\/\d+\)/);
  expect(r.stdout).not.toMatch(/02_lstm\s+\d/);
  expect([0, 1]).toContain(r.status);
});

test('npm run grade -- gru_step grades one exercise only', () => {
  const r = grade('gru_step');
  expect(r.stdout).toMatch(/[✓✗·] gru_step[: ]/);
  expect(r.stdout).not.toContain('gru_param_count');
  expect(r.stdout).toMatch(/03_gru\s+[01]\/1/);
});

test('an unknown unit or exercise is refused with the list of names', () => {
  const r = grade('no_such_exercise');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('no unit or exercise called "no_such_exercise"');
  expect(r.stderr).toContain('rnn_step');
});

/**
 * The untouched stub of an exercise, made from its reference solution: the exported function's body
 * replaced by the stub's TODO and error, as in the committed exercises/ (which a learner may have
 * edited, so the tests do not read them).
 */
function stubOf(unit: string, name: string): string {
  const file = path.join(ROOT, 'solutions', unit, `${name}.ts`);
  const text = fs.readFileSync(file, 'utf8');
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.ES2021, true);
  const fn = src.statements.find(
    (s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && !!s.body && !!s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
  );
  if (!fn?.body) throw new Error(`${file}: no exported function`);
  const body = `{\n  // TODO\n  throw new Error('not implemented: ${name}');\n}`;
  return text.slice(0, fn.body.getStart(src)) + body + text.slice(fn.body.getEnd());
}

/** Writes the untouched stubs of every exercise of `unit` into `<root>/exercises/<unit>/`. */
function writeStubs(root: string, unit: string): string[] {
  const names = fs.readdirSync(path.join(ROOT, 'solutions', unit)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
  fs.rmSync(path.join(root, 'exercises', unit), { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'exercises', unit), { recursive: true });
  for (const n of names) fs.writeFileSync(path.join(root, 'exercises', unit, `${n}.ts`), stubOf(unit, n));
  return names;
}

test('stubOf makes a stub that throws the TODO error and keeps the signature', () => {
  const s = stubOf('03_gru', 'gru_param_count');
  expect(s).toMatch(/export function gruParamCount\(inputSize: number, hiddenSize: number, resetAfter: boolean\): number \{\n {2}\/\/ TODO\n {2}throw new Error\('not implemented: gru_param_count'\);\n\}/);
  expect(s).not.toMatch(/return 3 \*/);
});

describe('a copy of the course with exercises in known states', () => {
  // What grade.mjs and the grade suites read; node_modules is linked, not copied.
  let sandbox = '';
  const stub = (name: string) => stubOf('03_gru', name);
  beforeAll(() => {
    sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-sandbox-'));
    for (const p of ['scripts/grade.mjs', 'jest.grade.config.js', 'tsconfig.json', 'package.json', 'tests/exercises', 'exercises', 'solutions', 'lib/src', 'lib/package.json']) {
      fs.cpSync(path.join(ROOT, p), path.join(sandbox, p), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(sandbox, 'node_modules'), 'dir');
    writeStubs(sandbox, '03_gru');
    const unit = path.join(sandbox, 'exercises', '03_gru');
    // gru_step: solved (the reference solution).
    fs.copyFileSync(path.join(ROOT, 'solutions', '03_gru', 'gru_step.ts'), path.join(unit, 'gru_step.ts'));
    // gru_param_count: attempted, wrong (forgets the biases).
    fs.writeFileSync(
      path.join(unit, 'gru_param_count.ts'),
      stub('gru_param_count').replace(/\/\/ TODO\s*\n\s*throw new Error\([^)]*\);/, 'return 3 * hiddenSize * (inputSize + hiddenSize);'),
    );
    // gru_to_pytorch: the untouched stub, with the learner's notes in a comment (still untouched).
    fs.writeFileSync(path.join(unit, 'gru_to_pytorch.ts'), `// my notes: read section 5 first\n${stub('gru_to_pytorch')}`);
  });
  afterAll(() => fs.rmSync(sandbox, { recursive: true, force: true }));

  test('solved: one ✓ line; attempted: input, expected, received and hint; untouched: one line', () => {
    expect(fs.readFileSync(path.join(sandbox, 'exercises', '03_gru', 'gru_param_count.ts'), 'utf8')).not.toContain('not implemented');
    const r = gradeIn(sandbox, '03');
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^ {2}✓ gru_step \(\d+\/\d+ cases\)$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^ {2}✗ gru_param_count \(0\/\d+ cases\)$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^ {2}· gru_to_pytorch: not started \(0\/\d+ cases; exercises\/03_gru\/gru_to_pytorch\.ts\)$/.test(l))).toHaveLength(1);
    // Full feedback belongs to the attempted exercise only: between its line and the next
    // exercise's line come the input, the expected value and the hint.
    const attempted = r.stdout.slice(r.stdout.indexOf('✗ gru_param_count'), r.stdout.indexOf('· gru_to_pytorch'));
    for (const part of ['input:', 'expected:', 'received:', 'hint:']) expect(attempted).toContain(part);
    const untouched = r.stdout.slice(r.stdout.indexOf('· gru_to_pytorch'), r.stdout.indexOf('Summary'));
    for (const part of ['input:', 'expected:', 'hint:']) expect(untouched).not.toContain(part);
    expect(r.stdout).toMatch(/03_gru\s+1\/3 {3}\(cases \d+\/\d+\) +1 not started/);
    expect(r.stdout).toContain('1 exercise(s) not started');
  });

  test('--all shows the cases of an untouched exercise too', () => {
    const r = gradeIn(sandbox, 'gru_to_pytorch', '--all');
    expect(r.stdout).not.toContain('not started');
    expect(r.stdout).toMatch(/✗ gru_to_pytorch \(0\/\d+ cases\)/);
    expect(r.stdout).toContain('not implemented: gru_to_pytorch');
    expect(r.stdout).toContain('hint:');
  });

  test('a fresh clone (every exercise the stub) prints one line per exercise, no case details', () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-fresh-'));
    try {
      fs.cpSync(sandbox, fresh, { recursive: true, verbatimSymlinks: true });
      const exercises = writeStubs(fresh, '01_rnn').length + writeStubs(fresh, '02_lstm').length;
      const r = gradeIn(fresh, '01', '02');
      expect(r.stdout.split('\n').filter((l) => / not started \(0\/\d+ cases; /.test(l))).toHaveLength(exercises);
      expect(r.stdout).not.toMatch(/expected:|hint:|input:/);
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});
