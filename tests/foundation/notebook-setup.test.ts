// The notebooks' first cell (setupNotebook), their shared check helpers, and the one reading of
// COURSE_FAST that the library and the scripts share.
import { fmt, matFrom, maxDiff, randomF32, randomMat, rowsOf, seededRng, setupNotebook, toMat } from 'seqmodels';
import { parseCourseFast } from 'seqmodels/env';

describe('parseCourseFast: one reading of COURSE_FAST', () => {
  test.each([
    [undefined, false], ['', false], ['  ', false], ['0', false], ['false', false], ['FALSE', false], [' no ', false],
    ['1', true], ['yes', true], ['true', true], [' 1 ', true], ['fast', true],
  ])('%j -> %s', (value, fast) => {
    expect(parseCourseFast(value as string | undefined)).toBe(fast);
  });

  test('the scripts use it instead of a parser of their own', () => {
    const fs = require('fs') as typeof import('fs');
    const path = require('path') as typeof import('path');
    const dir = path.resolve(__dirname, '..', '..', 'scripts');
    for (const f of fs.readdirSync(dir).filter((n: string) => /\.(mjs|cjs|js)$/.test(n))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      const reads = /process\.env\.COURSE_FAST\b(?!'?\s*:)/.test(src) && !/parseCourseFast\(process\.env\.COURSE_FAST\)/.test(src);
      // Setting COURSE_FAST for a child process (`{ COURSE_FAST: '1' }`) is not reading it.
      expect({ script: f, ownParser: reads && /COURSE_FAST\.(toLowerCase|trim)|\['0', 'false'/.test(src) }).toEqual({ script: f, ownParser: false });
    }
  });
});

describe('setupNotebook', () => {
  const saved = process.env.COURSE_FAST;
  afterEach(() => {
    if (saved === undefined) delete process.env.COURSE_FAST;
    else process.env.COURSE_FAST = saved;
  });

  test.each([
    ['1', { fastMode: 'tiny data' }, 'mode: fast (COURSE_FAST is set: tiny data)'],
    ['1', {}, 'mode: fast (COURSE_FAST is set: small data, few epochs)'],
    ['0', { fastMode: 'tiny data' }, 'mode: full'],
  ])('COURSE_FAST=%s %j prints "%s", starts a backend and returns nothing', async (flag, opts, line) => {
    process.env.COURSE_FAST = flag;
    const logs: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { logs.push(a.join(' ')); });
    try {
      const result = await setupNotebook({ ...opts, charts: false, backend: { force: 'cpu', log: null } });
      expect(result).toBeUndefined(); // as a cell's last line it prints nothing more
    } finally {
      spy.mockRestore();
    }
    expect(logs).toEqual([line]);
    const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('check helpers', () => {
  test('maxDiff: arrays and matrices; unequal lengths are an error', () => {
    expect(maxDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(maxDiff(matFrom([[1, 2]]), Float32Array.of(1, 4))).toBe(2);
    expect(() => maxDiff([1, 2], [1])).toThrow(/equal length, got 2 and 1/);
  });

  test('randomMat (Float64) and randomF32 (Float32): shapes, ranges, repeatable from a seed', () => {
    const a = randomMat(3, 4, seededRng(7), 0.5), b = randomMat(3, 4, seededRng(7), 0.5);
    expect([a.rows, a.cols, a.data.constructor]).toEqual([3, 4, Float64Array]);
    expect(maxDiff(a, b)).toBe(0);
    expect(Math.max(...Array.from(a.data, Math.abs))).toBeLessThanOrEqual(0.5);
    const f = randomF32(2, 5, seededRng(8));
    expect([f.rows, f.cols, f.data.constructor]).toEqual([2, 5, Float32Array]);
    expect(Math.max(...Array.from(f.data, Math.abs))).toBeLessThanOrEqual(1);
  });

  test('toMat, rowsOf and fmt', () => {
    const m = toMat([1, -2, 3]);
    expect([m.rows, m.cols, m.data.constructor]).toEqual([1, 3, Float64Array]);
    expect(rowsOf(matFrom([[1, 2], [3, 4]]))).toEqual([[1, 2], [3, 4]]);
    expect(fmt([0.5, -1])).toBe('[ 0.5000, -1.0000]');
    expect(fmt([1, 0], 0)).toBe('[  1,   0]');
  });
});
