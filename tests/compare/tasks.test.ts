/** The long-lag task generators: deterministic, and what their definitions say. */
import { addingProblem, recallTask } from 'seqmodels/internals';

describe('recallTask', () => {
  const cfg = { n: 200, lag: 7, symbols: 5, distractors: 3, seed: 3 };
  const t = recallTask(cfg);

  test('same seed, same examples; another seed, other examples', () => {
    const again = recallTask(cfg);
    expect(again.y).toEqual(t.y);
    expect(again.xs).toEqual(t.xs);
    expect(recallTask({ ...cfg, seed: 4 }).y).not.toEqual(t.y);
  });

  test('lag + 1 steps; step 0 is the target symbol, later steps are distractors only', () => {
    expect(t.xs).toHaveLength(cfg.lag + 1);
    expect(t.xs[0]).toEqual(t.y);
    for (const v of t.y) expect(v >= 0 && v < 5).toBe(true);
    for (const x of t.xs.slice(1)) for (const v of x) expect(v >= 5 && v < 8).toBe(true);
    expect(t.inputSize).toBe(8);
    expect(t.baseline).toBeCloseTo(1 / 5);
  });

  test('every symbol and every distractor occurs', () => {
    expect(new Set(t.y).size).toBe(5);
    expect(new Set(t.xs.slice(1).flatMap((x) => Array.from(x))).size).toBe(3);
  });

  test.each([
    ['lag -1', { n: 3, lag: -1 }, /recallTask: lag must be an integer >= 0, got -1/],
    ['n 0', { n: 0, lag: 3 }, /recallTask: n must be an integer >= 1, got 0/],
    ['one symbol', { n: 3, lag: 3, symbols: 1 }, /recallTask: symbols must be an integer >= 2, got 1/],
  ])('bad config: %s', (_, c, msg) => {
    expect(() => recallTask(c)).toThrow(msg);
  });
});

describe('addingProblem', () => {
  const cfg = { n: 300, seqLen: 20, seed: 5 };
  const t = addingProblem(cfg);

  test('same seed, same examples', () => {
    const again = addingProblem(cfg);
    expect(again.y).toEqual(t.y);
    expect(again.xs.map((m) => Array.from(m.data))).toEqual(t.xs.map((m) => Array.from(m.data)));
    expect(addingProblem({ ...cfg, seed: 6 }).y).not.toEqual(t.y);
  });

  test('exactly two marked steps, one per half, and the target is the sum of their numbers', () => {
    for (let b = 0; b < cfg.n; b++) {
      const marks: number[] = [];
      let sum = 0;
      for (let s = 0; s < cfg.seqLen; s++) {
        const [u, m] = [t.xs[s].data[2 * b], t.xs[s].data[2 * b + 1]];
        expect(u >= 0 && u < 1).toBe(true);
        expect(m === 0 || m === 1).toBe(true);
        if (m === 1) { marks.push(s); sum += u; }
      }
      expect(marks).toEqual([t.marked[2 * b], t.marked[2 * b + 1]]);
      expect(marks[0]).toBeLessThan(10);
      expect(marks[1]).toBeGreaterThanOrEqual(10);
      expect(t.y[b]).toBeCloseTo(sum, 6);
    }
  });

  test('the constant prediction 1 scores about the baseline 1/6', () => {
    const big = addingProblem({ n: 20000, seqLen: 4, seed: 9 });
    let mse = 0;
    for (const v of big.y) mse += (v - 1) ** 2;
    expect(big.baseline).toBeCloseTo(1 / 6);
    expect(mse / big.y.length).toBeCloseTo(1 / 6, 2);
  });

  test('bad seqLen', () => {
    expect(() => addingProblem({ n: 2, seqLen: 1 })).toThrow(/addingProblem: seqLen must be an integer >= 2, got 1/);
  });
});
