/**
 * Forecast metrics, one hand-checked case per row (lib/src/forecast/metrics.ts).
 */
import {
  mae, rmse, mape, directionalAccuracy, forecastMetrics, improvementPercent, maeByStep, rmseByStep, intervalCoverage,
} from 'seqmodels';

type Row = [name: string, truth: number[], forecast: number[], expected: number];

describe('mae', () => {
  const rows: Row[] = [
    ['perfect forecast', [1, 2, 3], [1, 2, 3], 0],
    ['constant offset 1', [1, 2, 3], [2, 3, 4], 1],
    ['errors 1 and 3', [0, 0], [1, -3], 2],
    ['one value', [5], [2], 3],
  ];
  test.each(rows)('%s', (_, y, yHat, expected) => expect(mae(y, yHat)).toBeCloseTo(expected, 12));
});

describe('rmse', () => {
  const rows: Row[] = [
    ['perfect forecast', [1, 2, 3], [1, 2, 3], 0],
    ['errors 3 and 4: sqrt((9+16)/2)', [0, 0], [3, 4], Math.sqrt(12.5)],
    ['errors 1,1,1,1 -> 1', [1, 1, 1, 1], [0, 2, 0, 2], 1],
    ['one large miss: sqrt(100/4) = 5', [0, 0, 0, 0], [10, 0, 0, 0], 5],
  ];
  test.each(rows)('%s', (_, y, yHat, expected) => expect(rmse(y, yHat)).toBeCloseTo(expected, 12));
});

describe('mape (percent)', () => {
  const rows: Row[] = [
    ['10% off each', [100, 200], [110, 180], 10],
    ['50% and 0%', [2, 4], [1, 4], 25],
    ['zero truth skipped', [0, 10], [5, 9], 10],
    ['all zero truth -> NaN', [0, 0], [1, 1], NaN],
  ];
  test.each(rows)('%s', (_, y, yHat, expected) => {
    if (Number.isNaN(expected)) expect(mape(y, yHat)).toBeNaN();
    else expect(mape(y, yHat)).toBeCloseTo(expected, 10);
  });
});

describe('directionalAccuracy', () => {
  type DRow = [name: string, truth: number[], forecast: number[], reference: number[] | undefined, expected: number];
  const rows: DRow[] = [
    ['returns: signs agree 2 of 4', [0.1, -0.2, 0.3, -0.1], [0.5, 0.1, 0.2, 0.3], undefined, 0.5],
    ['returns: all right', [1, -1], [2, -3], undefined, 1],
    ['returns: truth 0 skipped', [0, 1, -1], [1, 1, 1], undefined, 0.5],
    ['returns: forecast 0 is never right', [1, -1], [0, 0], undefined, 0],
    ['prices vs yesterday: up right, down wrong', [11, 9], [10.5, 10.5], [10, 10], 0.5],
    ['prices: random walk (forecast = reference) scores 0', [11, 9], [10, 10], [10, 10], 0],
    ['every truth unchanged -> NaN', [10, 10], [11, 9], [10, 10], NaN],
  ];
  test.each(rows)('%s', (_, y, yHat, ref, expected) => {
    const got = directionalAccuracy(y, yHat, ref);
    if (Number.isNaN(expected)) expect(got).toBeNaN();
    else expect(got).toBeCloseTo(expected, 12);
  });
});

describe('improvementPercent', () => {
  const rows: [string, number, number, number][] = [
    ['model error 2.35 vs baseline 2.57', 2.57, 2.35, (100 * 0.22) / 2.57],
    ['half the error', 4, 2, 50],
    ['same error', 3, 3, 0],
    ['worse model', 2, 3, -50],
  ];
  test.each(rows)('%s', (_, base, model, expected) => expect(improvementPercent(base, model)).toBeCloseTo(expected, 10));
  test('a zero baseline error is refused', () => expect(() => improvementPercent(0, 1)).toThrow(/positive/));
});

describe('forecastMetrics and maeByStep', () => {
  test('MAE and RMSE always, MAPE and direction on request', () => {
    expect(forecastMetrics([100, 200], [110, 180])).toEqual({ mae: 15, rmse: Math.sqrt((100 + 400) / 2) });
    const m = forecastMetrics([110, 90], [105, 101], { mape: true, reference: [100, 100] });
    expect(m.mape).toBeCloseTo((100 * (5 / 110 + 11 / 90)) / 2, 10);
    expect(m.directionalAccuracy).toBe(0.5);
  });
  test('error per step ahead', () => {
    expect(maeByStep([[1, 2], [3, 4]], [[1, 0], [2, 8]])).toEqual([0.5, 3]);
  });
  test('misaligned inputs name both lengths', () => {
    expect(() => mae([1, 2], [1])).toThrow(/2 values.*has 1/);
    expect(() => maeByStep([[1, 2]], [[1]])).toThrow(/row 0/);
  });
});

describe('rmseByStep and intervalCoverage', () => {
  test('RMSE per step: errors (3, 4) at step 0 and (0, 0) at step 1', () => {
    const r = rmseByStep([[0, 1], [0, 1]], [[3, 1], [4, 1]]);
    expect(r[0]).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(r[1]).toBe(0);
  });
  const rows: [string, number[], number[], number[], number][] = [
    ['all inside', [1, 2], [0, 1], [2, 3], 1],
    ['edges count as inside', [1, 3], [1, 1], [2, 3], 1],
    ['one of four outside', [0, 5, 5, 5], [1, 4, 4, 4], [2, 6, 6, 6], 0.75],
  ];
  test.each(rows)('coverage: %s', (_, y, lo, hi, expected) => expect(intervalCoverage(y, lo, hi)).toBe(expected));
});
