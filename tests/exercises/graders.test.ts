/**
 * Meta-tests of the exercise graders (part of `npm test`):
 * - every grader passes on the reference solution in solutions/;
 * - every grader fails every case on the untouched stub in exercises/ (a stub a learner has
 *   already edited is not graded here: `npm test` must not depend on the learner's progress);
 * - every grader rejects each mistaken variant in tests/exercises/mistakes/, and the first failing
 *   case (the one `npm run grade` shows) carries the hint written for that mistake;
 * - every grader accepts each correct alternative in tests/exercises/alternatives/ (other loop
 *   orders, functional style, log-sum-exp, …): a grader must not demand the reference's own way;
 * - every case is failed by at least one listed mistake (a case nothing fails tests nothing).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runGrader } from './harness';
import { allGraders, graderUnits } from './graders';
import { loadExercise } from './suite';
import { readmeTables, tablesSection } from './readme';

const ROOT = path.resolve(__dirname, '..', '..');
/** The original mistakes of each exercise plus at least five more (issue 23). */
const MIN_MISTAKES = 8;

describe.each(allGraders.map((g) => [`${g.unit}/${g.name}`, g] as const))('grader %s', (_label, g) => {
  test('passes on the reference solution', () => {
    const impl = loadExercise(g, 'solutions')[g.exportName];
    expect(runGrader(g, impl).map((f) => f.message)).toEqual([]);
  });

  test('fails every case on the untouched stub, saying it is not implemented', () => {
    const file = path.join(ROOT, 'exercises', g.unit, `${g.name}.ts`);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(`export function ${g.exportName}(`);
    if (!text.includes(`throw new Error('not implemented: ${g.name}')`)) return; // edited by a learner
    const failures = runGrader(g, loadExercise(g)[g.exportName]);
    expect(failures).toHaveLength(g.cases.length);
    for (const f of failures) {
      expect(f.message).toContain(`not implemented: ${g.name}`);
      expect(f.message).toContain('input:');
      expect(f.message).toContain('expected:');
      expect(f.message).toContain('hint:');
    }
  });

  test('lists at least eight mistakes, each with a variant, and no unlisted variant', () => {
    expect(g.mistakes.length).toBeGreaterThanOrEqual(MIN_MISTAKES);
    const variants = Object.keys(loadExercise(g, path.join('tests', 'exercises', 'mistakes')));
    expect(variants.sort()).toEqual(g.mistakes.map((m) => m.id).sort());
  });

  test.each(g.mistakes.map((m) => [m.id, m] as const))('rejects the mistake %s, its hint on the first failing case', (_id, m) => {
    const variant = loadExercise(g, path.join('tests', 'exercises', 'mistakes'))[m.id];
    const failures = runGrader(g, variant);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].message).toContain(m.hint);
  });

  test('accepts every correct alternative solution', () => {
    const alternatives = Object.entries(loadExercise(g, path.join('tests', 'exercises', 'alternatives')));
    expect(alternatives.length).toBeGreaterThan(0);
    for (const [name, impl] of alternatives) {
      expect({ name, failures: runGrader(g, impl).map((f) => f.message) }).toEqual({ name, failures: [] });
    }
  });

  test('every case is failed by at least one listed mistake', () => {
    const variants = loadExercise(g, path.join('tests', 'exercises', 'mistakes'));
    const failed = new Set<string>();
    for (const m of g.mistakes) for (const f of runGrader(g, variants[m.id])) failed.add(f.caseName);
    expect(g.cases.map((c) => c.name).filter((n) => !failed.has(n))).toEqual([]);
  });

  test('case names are unique', () => {
    expect(new Set(g.cases.map((c) => c.name)).size).toBe(g.cases.length);
  });
});

describe('exercise layout', () => {
  const units = fs.readdirSync(path.join(ROOT, 'exercises')).filter((d) => /^\d\d_/.test(d)).sort();

  test('every exercise file has a grader, a reference solution and a grade suite', () => {
    for (const unit of units) {
      const names = fs.readdirSync(path.join(ROOT, 'exercises', unit)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
      const graded = (graderUnits[unit] ?? []).map((g) => g.name);
      expect({ unit, names: names.sort() }).toEqual({ unit, names: [...graded].sort() });
      for (const n of names) expect(fs.existsSync(path.join(ROOT, 'solutions', unit, `${n}.ts`))).toBe(true);
      for (const n of names) expect(fs.existsSync(path.join(ROOT, 'tests', 'exercises', 'alternatives', unit, `${n}.ts`))).toBe(true);
      expect(fs.existsSync(path.join(ROOT, 'tests', 'exercises', 'grade', `${unit}.grade.ts`))).toBe(true);
    }
  });

  test('reference solutions carry the banner', () => {
    for (const g of allGraders) {
      const text = fs.readFileSync(path.join(ROOT, 'solutions', g.unit, `${g.name}.ts`), 'utf8');
      expect(text.startsWith(`// REFERENCE SOLUTION. Try the exercise in exercises/${g.unit}/${g.name}.ts first.`)).toBe(true);
    }
  });

  test('exercise names are unique across units (npm run grade -- <name> selects one)', () => {
    const names = allGraders.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('the README tables list every exercise and every mistake, as the graders define them', () => {
    const file = path.join(ROOT, 'exercises', 'README.md');
    const readme = fs.readFileSync(file, 'utf8');
    const { start, end } = tablesSection(readme);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const generated = readmeTables(graderUnits);
    if (process.env.UPDATE_README) fs.writeFileSync(file, readme.slice(0, start) + generated + readme.slice(end));
    // On a mismatch: UPDATE_README=1 npx jest tests/exercises/graders.test.ts
    else expect(readme.slice(start, end)).toBe(generated);
  });
});
