/** Tests of the grading harness itself: comparison, printing, failure messages. */
import { clone, defineGrader, firstDifference, modification, runCase, runGrader, sharing, show } from './harness';

describe('firstDifference', () => {
  test('numbers match within the relative tolerance', () => {
    expect(firstDifference(1 + 1e-9, 1, 1e-6)).toBeUndefined();
    expect(firstDifference(1000.0001, 1000, 1e-6)).toBeUndefined();
    expect(firstDifference(1.1, 1, 1e-6)).toBe('at the result: expected 1, got 1.1');
  });

  test('NaN and infinities are not silently accepted', () => {
    expect(firstDifference(NaN, 0.5, 1e-6)).toBe('at the result: expected 0.5, got NaN');
    expect(firstDifference(Infinity, 1, 1e-6)).toBe('at the result: expected 1, got Infinity');
    expect(firstDifference(-Infinity, -Infinity, 1e-6)).toBeUndefined();
  });

  test('arrays: shape and the path of the first difference', () => {
    expect(firstDifference([[1, 2]], [[1, 2], [3, 4]], 1e-6)).toBe('at the result: expected length 2, got length 1');
    expect(firstDifference([[1, 2], [3, 5]], [[1, 2], [3, 4]], 1e-6)).toBe('at [1][1]: expected 4, got 5');
    expect(firstDifference(7, [7], 1e-6)).toMatch(/expected an array of length 1/);
  });

  test('objects: only the expected keys are checked, the path names the key', () => {
    expect(firstDifference({ h: [[1]], c: [[2]], extra: 1 }, { h: [[1]] }, 1e-6)).toBeUndefined();
    expect(firstDifference({ h: [[1]], c: [[3]] }, { h: [[1]], c: [[2]] }, 1e-6)).toBe('at c[0][0]: expected 2, got 3');
    expect(firstDifference(undefined, { h: 1 }, 1e-6)).toMatch(/expected an object with keys h/);
  });

  test('strings compare exactly', () => {
    expect(firstDifference('19 ', '19 ', 0)).toBeUndefined();
    expect(firstDifference('19', '19 ', 0)).toBe('at the result: expected "19 ", got "19"');
  });
});

test('show prints 6 significant digits, functions by name, and cuts long values', () => {
  expect(show([Math.PI, 2, -0.5])).toBe('[3.14159, 2, -0.5]');
  expect(show({ f: function step() { return 0; } })).toBe('{ f: <function step> }');
  expect(show(new Array(500).fill(1), 20).endsWith(' …')).toBe(true);
});

test('clone copies arrays and objects deeply and keeps functions', () => {
  const f = (x: number) => x;
  const a = { m: [[1, 2]], f };
  const b = clone(a);
  b.m[0][0] = 9;
  expect(a.m[0][0]).toBe(1);
  expect(b.f).toBe(f);
});

describe('failure messages', () => {
  const g = defineGrader<(x: number[]) => number>({
    unit: '00_demo', name: 'demo_sum', exportName: 'demoSum', title: 'sum', argNames: ['x'],
    cases: [
      { name: 'two numbers', args: [[1, 2]], expected: 3, hint: 'Add them all.' },
      { name: 'empty', args: [[]], expected: 0, hint: 'The empty sum is 0.' },
    ],
    mistakes: [],
  });

  test('a wrong result: input, expected, received, difference, hint', () => {
    const f = runCase(g, g.cases[0], (x: number[]) => x[0]);
    expect(f?.message).toBe(
      'demo_sum — case "two numbers"\n  input:    x = [1, 2]\n  expected: 3\n  received: 1\n' +
      '  first difference at the result: expected 3, got 1\n  hint: Add them all.',
    );
  });

  test('an exception from the stub says it is still the stub', () => {
    const f = runCase(g, g.cases[0], () => { throw new Error('not implemented: demo_sum'); });
    expect(f?.message).toContain('received: an exception: not implemented: demo_sum');
    expect(f?.message).toContain('replace the TODO in exercises/00_demo/demo_sum.ts');
  });

  test('a missing export is reported by name', () => {
    expect(runCase(g, g.cases[0], undefined)?.message).toContain('must export a function named `demoSum`');
  });

  test('the implementation cannot corrupt the fixtures of later cases, and modifying an argument fails', () => {
    const mutating = (x: number[]) => { const s = x.reduce((a, b) => a + b, 0); x.push(100); return s; };
    const failures = runGrader(g, mutating);
    expect(failures.map((f) => f.caseName)).toEqual(['two numbers', 'empty']);
    expect(failures[0].message).toContain('the call modified its argument `x`: at x: was length 2, now length 3');
    expect(failures[0].message).toContain('hint: Do not modify the argument `x`');
    expect(g.cases[0].args).toEqual([[1, 2]]);
    expect(runGrader(g, mutating)).toHaveLength(2);
  });

  test('a value written into an argument is named with its path', () => {
    const m = defineGrader<(a: number[][]) => number[][]>({
      unit: '00_demo', name: 'demo_copy', exportName: 'demoCopy', title: 'copy', argNames: ['a'],
      cases: [{ name: 'two rows', args: [[[1, 2], [3, 4]]], expected: [[1, 2], [3, 4]], hint: 'Copy.' }],
      mistakes: [],
    });
    const writes = (a: number[][]) => { const out = a.map((r) => r.slice()); a[1][0] = 9; return out; };
    expect(runGrader(m, writes)[0].message).toContain('the call modified its argument `a`: at a[1][0]: was 3, now 9');
    const aliased = (a: number[][]) => a.map((r, i) => (i === 1 ? r : r.slice()));
    const msg = runGrader(m, aliased)[0].message;
    expect(msg).toContain('result[1] is a[1] itself');
    expect(msg).toContain("hint: Return new arrays: the result must not contain the caller's own arrays, or changing the result later changes `a` too.");
    const shared = () => { const row = [1, 2]; return [row, row]; };
    expect(runGrader(m, shared)[0].message).toContain('result[0] and result[1] are the same array');
    expect(runGrader(m, (a: number[][]) => a.map((r) => [...r]))).toEqual([]);
  });
});

describe('sharing and modification', () => {
  test('sharing finds an argument\'s array at any depth, inside objects too', () => {
    const x = [[1], [2]];
    expect(sharing({ h: [x[1]] }, [x], ['x'])).toEqual({ kind: 'input', text: "result.h[0] is x[1] itself, the caller's own array", argName: 'x' });
    expect(sharing(x, [x], ['x'])?.text).toBe("the result is x itself, the caller's own array");
    expect(sharing({ h: [[1]], c: [[1]] }, [x], ['x'])).toBeUndefined();
  });

  test('modification reports the first changed entry, or nothing', () => {
    expect(modification([1, 2], [1, 2], 'v')).toBeUndefined();
    expect(modification([1, NaN], [1, NaN], 'v')).toBeUndefined();
    expect(modification([1, 2], [2, 1], 'v')).toBe('at v[0]: was 1, now 2');
  });
});
