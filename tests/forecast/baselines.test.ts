/**
 * Baselines and forecasting helpers, one hand-checked case per row (lib/src/forecast/).
 */
import {
  persistence, randomWalk, seasonalNaive, fitLinear, everyNthStep, targetSteps, inputColumn, targetRows,
  logReturns, pricesFromLogReturns, calendarFeatures, withColumns, verdictSentence, compareErrors, slidingWindows,
  missingRuns, concatWindows,
} from 'seqmodels/internals';

describe('persistence', () => {
  const rows: [string, number[], number, number[], number[]][] = [
    ['lag 1', [1, 2, 3, 4], 1, [1, 2, 3], [2, 3, 4]],
    ['lag 2', [1, 2, 3, 4], 2, [1, 2], [3, 4]],
    ['lag 3 of 4 values', [5, 6, 7, 8], 3, [5], [8]],
  ];
  test.each(rows)('%s', (_, v, lag, forecast, truth) => expect(persistence(v, lag)).toEqual({ forecast, truth }));
  test('lag too long or not an integer is refused', () => {
    expect(() => persistence([1, 2], 2)).toThrow(/more than 2/);
    expect(() => persistence([1, 2, 3], 0.5)).toThrow(/positive integer/);
  });
  test('random walk = yesterday', () => expect(randomWalk([10, 11, 9])).toEqual({ forecast: [10, 11], truth: [11, 9] }));
});

describe('seasonalNaive', () => {
  const rows: [string, number[], number, number, number[]][] = [
    ['period 2, horizon 3', [1, 2, 3, 4], 3, 2, [3, 4, 3]],
    ['period 1 = last value', [1, 2, 3], 2, 1, [3, 3]],
    ['period 3, horizon 3', [9, 1, 2, 3], 3, 3, [1, 2, 3]],
  ];
  test.each(rows)('%s', (_, h, horizon, period, expected) => expect(seasonalNaive(h, horizon, period)).toEqual(expected));
});

describe('fitLinear', () => {
  test('recovers y = 2 x1 - x2 + 3 exactly (l2 = 0)', () => {
    const x = [0, 0, 1, 0, 0, 1, 1, 1, 2, 3];
    const y = [3, 5, 2, 4, 4];
    const m = fitLinear(x, [5, 2], y, [5, 1], { l2: 0 });
    expect(Array.from(m.weights).map((w) => +w.toFixed(9))).toEqual([2, -1]);
    expect(m.bias[0]).toBeCloseTo(3, 9);
    expect(Array.from(m.predict([10, 10], [1, 2]))[0]).toBeCloseTo(13, 9);
  });
  test('two outputs (two steps ahead) and a window shape [n, time, features]', () => {
    // y1 = x_t0 + x_t1, y2 = x_t1 - 1
    const x = [1, 2, 3, 5, 0, 1, 2, 0];
    const y = [3, 1, 8, 4, 1, 0, 2, -1];
    const m = fitLinear(x, [4, 2, 1], y, [4, 2, 1], { l2: 0 });
    const p = Array.from(m.predict([4, 4], [1, 2, 1]));
    expect(p[0]).toBeCloseTo(8, 9);
    expect(p[1]).toBeCloseTo(3, 9);
  });
  test('shape mismatches are named', () => {
    expect(() => fitLinear([1, 2, 3], [2, 2], [1, 2], [2, 1])).toThrow(/\[2,2\] needs 4 values, got 3/);
    const m = fitLinear([0, 1, 2], [3, 1], [0, 1, 2], [3, 1]);
    expect(() => m.predict([1, 2], [1, 2])).toThrow(/takes 1 inputs per example, got 2/);
  });
});

describe('window helpers', () => {
  // 8 rows, two columns: a = 0..7, b = 10 * a
  const table = { columns: ['a', 'b'], values: Array.from({ length: 8 }, (_, i) => [i, 10 * i]) };
  const w = slidingWindows(table, { lookBack: 5, horizon: 2, targetColumns: ['a'] }); // 2 windows
  test('everyNthStep keeps the last step and every 2nd before it', () => {
    const s = everyNthStep(w, 2);
    expect(s.xShape).toEqual([2, 3, 2]);
    expect(inputColumn(s, 0, [0, 1, 2])).toEqual([[0, 2, 4], [1, 3, 5]]);
  });
  test('targetSteps keeps the second step ahead only', () => {
    const t = targetSteps(w, [1]);
    expect(t.yShape).toEqual([2, 1, 1]);
    expect(targetRows(t)).toEqual([[6], [7]]);
  });
  test('inputColumn with negative steps: last observed value (persistence)', () => {
    expect(inputColumn(w, 1, [-1])).toEqual([[40], [50]]);
    expect(() => inputColumn(w, 2, [-1])).toThrow(/feature 2/);
  });
});

describe('returns', () => {
  test('log returns and back', () => {
    const p = [100, 110, 99];
    const r = logReturns(p);
    expect(r[0]).toBeCloseTo(Math.log(1.1), 12);
    expect(r[1]).toBeCloseTo(Math.log(0.9), 12);
    const back = pricesFromLogReturns(p.slice(0, 2), r);
    expect(back[0]).toBeCloseTo(110, 9);
    expect(back[1]).toBeCloseTo(99, 9);
  });
  test('a zero price is refused', () => expect(() => logReturns([1, 0])).toThrow(/positive/));
});

describe('calendar features', () => {
  const rows: [string, string, number, number][] = [
    ['midnight', '2014-01-01T00:00:00Z', 0, 1],
    ['06:00', '2014-01-01T06:00:00Z', 1, 0],
    ['12:00', '2014-01-01T12:00:00Z', 0, -1],
    ['18:00', '2014-01-01T18:00:00Z', -1, 0],
  ];
  test.each(rows)('%s', (_, iso, sin, cos) => {
    const f = calendarFeatures([new Date(iso)]);
    expect(f.hourSin[0]).toBeCloseTo(sin, 9);
    expect(f.hourCos[0]).toBeCloseTo(cos, 9);
  });
  test('withColumns appends and refuses wrong lengths', () => {
    const t = withColumns({ columns: ['a'], values: [[1], [2]] }, { b: [3, 4] });
    expect(t).toEqual({ columns: ['a', 'b'], values: [[1, 3], [2, 4]], dates: undefined });
    expect(() => withColumns(t, { c: [1] })).toThrow(/1 values, the table has 2 rows/);
  });
});

describe('verdictSentence', () => {
  const base = { model: 'the GRU', baseline: 'the random walk', metric: 'MAE', digits: 2 };
  const rows: [string, number, number, 'better' | 'tie' | 'worse', RegExp][] = [
    ['clearly better', 1.0, 2.0, 'better', /^the GRU beats the random walk: MAE 1\.00 against 2\.00 \(50\.0% lower\)\.$/],
    ['clearly worse', 2.2, 2.0, 'worse', /does NOT beat .*\(10\.0% higher\)/],
    ['within 1%: a tie', 1.995, 2.0, 'tie', /is no better than/],
  ];
  test.each(rows)('%s', (_, modelError, baselineError, kind, sentence) => {
    expect(compareErrors({ ...base, modelError, baselineError })).toBe(kind);
    expect(verdictSentence({ ...base, modelError, baselineError })).toMatch(sentence);
  });
});

describe('missingRuns', () => {
  const rows: [string, number[], { start: number; length: number }[]][] = [
    ['no gap', [1, 2, 3], []],
    ['one gap of 2 in the middle', [1, NaN, NaN, 4], [{ start: 1, length: 2 }]],
    ['gaps at both ends', [NaN, 1, NaN], [{ start: 0, length: 1 }, { start: 2, length: 1 }]],
    ['all missing', [NaN, NaN], [{ start: 0, length: 2 }]],
  ];
  test.each(rows)('%s', (_, v, expected) => expect(missingRuns(v)).toEqual(expected));
});

describe('concatWindows', () => {
  const a = slidingWindows({ columns: ['v'], values: [[1], [2], [3]] }, { lookBack: 2 });
  const b = slidingWindows({ columns: ['v'], values: [[7], [8], [9], [10]] }, { lookBack: 2 });
  test('pools the windows of two series in order', () => {
    const c = concatWindows([a, b]);
    expect(c.xShape).toEqual([3, 2, 1]);
    expect(Array.from(c.x)).toEqual([1, 2, 7, 8, 8, 9]);
    expect(Array.from(c.y)).toEqual([3, 9, 10]);
  });
  test('different window shapes are refused', () => {
    const d = slidingWindows({ columns: ['v'], values: [[1], [2], [3], [4]] }, { lookBack: 3 });
    expect(() => concatWindows([a, d])).toThrow(/part 1/);
  });
});
