/**
 * Jest suite of the learner's grading run (`npm run grade`): one `describe` per unit and per
 * exercise, one test per case. The learner's file is loaded lazily, so an exercise that does not
 * compile fails on its own without stopping the others.
 */
import * as path from 'path';
import { Grader, runCase } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');

/** Loads `exercises/<unit>/<name>.ts` (or the same file under another folder) as a module. */
export function loadExercise(g: Grader, folder = 'exercises'): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, folder, g.unit, g.name)) as Record<string, unknown>;
}

export function gradeUnit(unit: string, graders: Grader[]): void {
  describe(unit, () => {
    for (const g of graders) {
      describe(g.name, () => {
        for (const c of g.cases) {
          test(c.name, () => {
            let impl: unknown;
            try {
              impl = loadExercise(g)[g.exportName];
            } catch (e) {
              // eslint-disable-next-line no-control-regex
              const msg = (e instanceof Error ? e.message : String(e)).replace(/\u001b\[[0-9;]*m/g, '');
              throw bare(`${g.name}: exercises/${g.unit}/${g.name}.ts could not be loaded:\n${msg}`);
            }
            const f = runCase(g, c, impl);
            if (f) throw bare(f.message);
          });
        }
      });
    }
  });
}

/** An Error whose stack is its message: the grade report shows the message, not harness frames. */
function bare(message: string): Error {
  const e = new Error(message);
  e.stack = message;
  return e;
}
