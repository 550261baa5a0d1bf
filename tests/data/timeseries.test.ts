/** Time-series preprocessing: fill, split by time, scaling without leakage, sliding windows. */
import {
  FillMethod,
  fillMissing,
  nestWindows,
  Scaler,
  SeriesTable,
  slidingWindows,
  splitByTime,
  tableFromFrame,
  toDataFrame,
  WindowOptions,
  windowsToTensors,
} from '../../lib/src/data';

describe('fillMissing', () => {
  const N = NaN;
  test.each<[FillMethod, number[], number[] | undefined, number[]]>([
    ['linear', [N, 1, N, 3, N], undefined, [1, 1, 2, 3, 3]],
    ['linear', [0, N, N, 6], undefined, [0, 2, 4, 6]],
    ['linear', [0, N, 6], [0, 1, 3], [0, 2, 6]], // time-weighted: one day into a three-day gap
    ['forward', [N, 1, N, N, 4, N], undefined, [1, 1, 1, 1, 4, 4]],
    ['zero', [N, 1, N], undefined, [0, 1, 0]],
    ['none', [N, 1], undefined, [N, 1]],
    ['linear', [1, 2], undefined, [1, 2]],
  ])('%s %j (times %j) -> %j', (method, values, times, expected) => {
    const f = fillMissing(values, method, times);
    expect(f.values).toEqual(expected);
    if (method !== 'none') expect(Array.from(f.filled)).toEqual(values.map((v) => (Number.isNaN(v) ? 1 : 0)));
  });

  test('all missing cannot be interpolated', () => {
    expect(() => fillMissing([NaN, NaN], 'linear')).toThrow('every value is missing');
  });
});

/** A table with one column `v` = 0, 1, ..., n-1 and a column `w` = 10 v. */
function ramp(n: number): SeriesTable {
  return { columns: ['v', 'w'], values: Array.from({ length: n }, (_, i) => [i, 10 * i]) };
}

describe('splitByTime', () => {
  test.each<[number, number, number, [number, number, number]]>([
    [10, 0.6, 0.2, [6, 2, 2]],
    [10, 0.7, 0.15, [7, 1, 2]],
    [7, 0.5, 0.25, [3, 1, 3]],
    [10, 1, 0, [10, 0, 0]],
  ])('n=%i train=%f validation=%f -> sizes %j, in time order', (n, train, validation, sizes) => {
    const s = splitByTime(ramp(n), { train, validation });
    expect([s.train, s.validation, s.test].map((p) => p.values.length)).toEqual(sizes);
    expect([...s.train.values, ...s.validation.values, ...s.test.values].map((r) => r[0])).toEqual(ramp(n).values.map((r) => r[0]));
  });

  test('bad fractions are an error', () => {
    expect(() => splitByTime(ramp(4), { train: 0.8, validation: 0.3 })).toThrow('train + validation <= 1');
  });
});

describe('Scaler', () => {
  test.each<['standard' | 'minmax', number[], number, number, number[]]>([
    // kind | training values | center | scale | transform of [0, 2, 4, 10]
    ['standard', [0, 2, 4], 2, Math.sqrt(8 / 3), [-2, 0, 2, 8].map((v) => v / Math.sqrt(8 / 3))],
    ['minmax', [0, 2, 4], 0, 4, [0, 0.5, 1, 2.5]],
    ['standard', [5, 5, 5], 5, 1, [-5, -3, -1, 5]],
    ['minmax', [5, 5, 5], 5, 1, [-5, -3, -1, 5]],
  ])('%s fitted on %j: center %f, scale %f', (kind, train, center, scale, expected) => {
    const sc = Scaler.fit({ columns: ['v'], values: train.map((v) => [v]) }, kind);
    expect(sc.center[0]).toBeCloseTo(center, 10);
    expect(sc.scale[0]).toBeCloseTo(scale, 10);
    const out = sc.transform({ columns: ['v'], values: [0, 2, 4, 10].map((v) => [v]) });
    out.values.forEach((row, i) => expect(row[0]).toBeCloseTo(expected[i], 10));
    expect(sc.inverse(out.values.map((r) => r[0]), 'v').map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 2, 4, 10]);
  });

  test('no leakage: statistics come from the training rows only, whatever follows', () => {
    const s = splitByTime(ramp(10), { train: 0.6, validation: 0.2 }); // train v = 0..5
    const sc = Scaler.fit(s.train, 'minmax');
    expect(sc.center).toEqual([0, 0]);
    expect(sc.scale).toEqual([5, 50]);
    // Changing validation and test data changes nothing in the scaler.
    const other = splitByTime({ columns: ['v', 'w'], values: ramp(10).values.map((r, i) => (i < 6 ? r : [1e6, -1e6])) }, { train: 0.6, validation: 0.2 });
    const sc2 = Scaler.fit(other.train, 'minmax');
    expect([sc2.center, sc2.scale]).toEqual([sc.center, sc.scale]);
    // Training values land in [0, 1]; later values may fall outside.
    expect(sc.transform(s.train).values.flat().every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(sc.transform(s.validation).values.map((r) => r[0])).toEqual([6 / 5, 7 / 5]);
  });

  test('only the chosen columns are scaled; missing values are refused', () => {
    const sc = Scaler.fit(ramp(3), 'minmax', ['w']);
    expect(sc.transform(ramp(3)).values).toEqual([[0, 0], [1, 0.5], [2, 1]]);
    expect(() => Scaler.fit({ columns: ['v'], values: [[1], [NaN]] })).toThrow('column "v" has missing or infinite values');
  });
});

describe('slidingWindows', () => {
  test.each<[string, number, WindowOptions, number[][][], number[][][]]>([
    // case | rows | options | x as [batch][time][feature] | y as [batch][horizon][target]
    ['look-back 3, horizon 1', 5, { lookBack: 3, targetColumns: ['v'] },
      [[[0, 0], [1, 10], [2, 20]], [[1, 10], [2, 20], [3, 30]]], [[[3]], [[4]]]],
    ['horizon 2', 5, { lookBack: 2, horizon: 2, inputColumns: ['v'], targetColumns: ['v'] },
      [[[0], [1]], [[1], [2]]], [[[2], [3]], [[3], [4]]]],
    ['stride 2', 7, { lookBack: 2, stride: 2, inputColumns: ['v'], targetColumns: ['w'] },
      [[[0], [1]], [[2], [3]], [[4], [5]]], [[[20]], [[40]], [[60]]]],
    ['stride 3 leaves a tail', 7, { lookBack: 2, stride: 3, inputColumns: ['v'], targetColumns: ['v'] },
      [[[0], [1]], [[3], [4]]], [[[2]], [[5]]]],
    ['targets by column, several', 4, { lookBack: 3, inputColumns: ['w'], targetColumns: ['w', 'v'] },
      [[[0], [10], [20]]], [[[30, 3]]]],
    ['too short: no window', 3, { lookBack: 3, targetColumns: ['v'] }, [], []],
  ])('%s', (_case, n, options, x, y) => {
    const w = slidingWindows(ramp(n), options);
    expect(nestWindows(w.x, w.xShape)).toEqual(x);
    expect(nestWindows(w.y, w.yShape)).toEqual(y);
    expect(w.xShape[0]).toBe(x.length);
  });

  test('windowing each split separately: no window reaches across the split', () => {
    const s = splitByTime(ramp(20), { train: 0.5, validation: 0.25 });
    const train = slidingWindows(s.train, { lookBack: 3, horizon: 2, targetColumns: ['v'] });
    const maxTrainTarget = Math.max(...Array.from(train.y));
    expect(maxTrainTarget).toBe(9); // the last training row; validation starts at 10
    const val = slidingWindows(s.validation, { lookBack: 3, horizon: 2, targetColumns: ['v'] });
    expect(Math.min(...Array.from(val.x).filter((_, i) => i % 2 === 0))).toBe(10);
  });

  test('maxStepMs skips the windows that contain a gap in the dates', () => {
    const dayMs = 86400e3;
    // days 0, 1, 2, 5, 6, 7, 8: a gap between rows 2 and 3
    const table: SeriesTable = { ...ramp(7), dates: [0, 1, 2, 5, 6, 7, 8].map((d) => new Date(d * dayMs)) };
    const w = slidingWindows(table, { lookBack: 2, targetColumns: ['v'], maxStepMs: dayMs });
    expect(w.starts).toEqual([0, 3, 4]);
    expect(nestWindows(w.y, w.yShape)).toEqual([[[2]], [[5]], [[6]]]);
    expect(slidingWindows(table, { lookBack: 2, targetColumns: ['v'] }).starts).toEqual([0, 1, 2, 3, 4]);
    expect(() => slidingWindows(ramp(5), { lookBack: 2, maxStepMs: dayMs })).toThrow('needs a table with dates');
  });

  test('bad options name the option; unknown columns list the table columns', () => {
    expect(() => slidingWindows(ramp(5), { lookBack: 0 })).toThrow('lookBack must be a positive integer');
    expect(() => slidingWindows(ramp(5), { lookBack: 2, targetColumns: ['z'] })).toThrow('no column "z"; the table has v, w');
  });

  test('tensors [batch, lookBack, features] and [batch, horizon, targets]', () => {
    const { x, y } = windowsToTensors(slidingWindows(ramp(10), { lookBack: 4, horizon: 2, targetColumns: ['v'] }));
    expect(x.shape).toEqual([5, 4, 2]);
    expect(y.shape).toEqual([5, 2, 1]);
    x.dispose();
    y.dispose();
  });

  test('tableFromFrame takes the numeric columns and the dates of a loader DataFrame', () => {
    const df = toDataFrame({ date: [new Date(0), new Date(86400e3)], a: [1, 2], tag: ['x', 'y'], filled: [0, 0] });
    const t = tableFromFrame(df);
    expect(t.columns).toEqual(['a']);
    expect(t.values).toEqual([[1], [2]]);
    expect(t.dates?.map((d) => d.toISOString().slice(0, 10))).toEqual(['1970-01-01', '1970-01-02']);
  });
});
