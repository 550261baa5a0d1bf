/** exercises/load.js: how notebooks load an exercise (tslab cannot import ../exercises/*.ts). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = require('../../exercises/load.js') as (name: string, folder?: string) => Record<string, unknown>;

test('loads a reference solution and the stub of an exercise', () => {
  const ref = load('01_rnn/perplexity', 'solutions') as { perplexity: (l: number[]) => number };
  expect(ref.perplexity([Math.log(4), Math.log(4)])).toBeCloseTo(4, 12);
  const stub = load('01_rnn/perplexity.ts') as { perplexity: (l: number[]) => number };
  expect(typeof stub.perplexity).toBe('function');
});

test('reads the file again on every call, so edits show up without a kernel restart', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-'));
  const rel = path.relative(path.resolve(__dirname, '..', '..'), dir);
  const file = path.join(dir, 'f.ts');
  fs.writeFileSync(file, 'export const f = (x: number): number => x + 1;\n');
  expect((load('f', rel).f as (x: number) => number)(1)).toBe(2);
  fs.writeFileSync(file, 'export const f = (x: number): number => x + 2;\n');
  expect((load('f', rel).f as (x: number) => number)(1)).toBe(3);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a wrong name is reported with the expected form', () => {
  expect(() => load('rnn_step')).toThrow(/names look like "01_rnn\/rnn_step"/);
});
