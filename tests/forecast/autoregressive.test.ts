/**
 * autoregressiveForecast: predictions fed back as inputs, checked against closed forms
 * (a linear recurrence), with the model's view of the window (every n-th step, last kept),
 * held and filled columns, and the errors it reports; persistence as seasonalNaive with period 1.
 */
import { autoregressiveForecast, seasonalNaive } from 'seqmodels';

/** Windows [batch, lookBack, features] from nested arrays. */
const flat = (w: number[][][]) => Float32Array.from(w.flat(2));

test('feeding back a linear one-step model gives the iterated recurrence', async () => {
  // Model: next = 0.5 · last + 1 (reads the last step of column 0).
  const predict = (x: Float32Array, [b, t, f]: [number, number, number]) =>
    Array.from({ length: b }, (_, i) => 0.5 * x[(i * t + t - 1) * f] + 1);
  const windows = [[[4], [8]], [[0], [-2]]]; // two windows, lookBack 2, one feature
  const out = await autoregressiveForecast(predict, flat(windows), [2, 2, 1], { horizon: 3, targets: [0] });
  // From 8: 5, 3.5, 2.75; from -2: 0, 1, 1.5.
  expect(out).toEqual([[[5], [3.5], [2.75]], [[0], [1], [1.5]]]);
});

test('the window slides by one step, the model reads every n-th step ending at the last', async () => {
  const seen: number[][] = [];
  const predict = (x: Float32Array, shape: [number, number, number]) => {
    expect(shape).toEqual([1, 3, 1]);
    seen.push(Array.from(x));
    return [100 + seen.length];
  };
  // lookBack 5, every 2: the model reads steps 0, 2, 4.
  await autoregressiveForecast(predict, flat([[[1], [2], [3], [4], [5]]]), [1, 5, 1], { horizon: 3, targets: [0], every: 2 });
  expect(seen).toEqual([
    [1, 3, 5],
    [2, 4, 101],      // window 2, 3, 4, 5, 101
    [3, 5, 102],      // window 3, 4, 5, 101, 102
  ]);
});

test('target columns are replaced, other columns held at their last value or filled', async () => {
  const rows: number[][] = [];
  const predict = (x: Float32Array, [b, t, f]: [number, number, number]) => {
    rows.push(Array.from(x.subarray((t - 1) * f, t * f))); // the last row the model sees
    expect(b).toBe(1);
    return [7, 70]; // predictions for columns 2 and 0, in that order
  };
  const w = [[[1, 10, 100, 0], [2, 20, 200, 0]]]; // 4 columns; column 3 is "known" (a calendar feature)
  const out = await autoregressiveForecast(predict, flat(w), [1, 2, 4], {
    horizon: 2, targets: [2, 0], fill: (sample, step, row) => { row[3] = 1000 * (step + 1) + sample; },
  });
  expect(out).toEqual([[[7, 70], [7, 70]]]);
  expect(rows).toEqual([[2, 20, 200, 0], [70, 20, 7, 1000]]); // col 1 held, col 3 filled
});

test('horizon 1 is one call of the model', async () => {
  let calls = 0;
  const out = await autoregressiveForecast(() => { calls++; return [3, 4]; }, flat([[[1]], [[2]]]), [2, 1, 1], { horizon: 1, targets: [0] });
  expect(calls).toBe(1);
  expect(out).toEqual([[[3]], [[4]]]);
});

test('errors name the option and the value', async () => {
  const p = () => [0];
  const x = flat([[[1], [2]]]);
  await expect(autoregressiveForecast(p, x, [1, 2, 1], { horizon: 0, targets: [0] })).rejects.toThrow(/horizon must be a positive integer, got 0/);
  await expect(autoregressiveForecast(p, x, [1, 2, 1], { horizon: 2, targets: [1] })).rejects.toThrow(/targets must be column indices from 0 to 0, got \[1\]/);
  await expect(autoregressiveForecast(p, x, [1, 2, 1], { horizon: 2, targets: [0], every: 3 })).rejects.toThrow(/every must be an integer from 1 to lookBack \(2\), got 3/);
  await expect(autoregressiveForecast(p, x, [1, 3, 1], { horizon: 2, targets: [0] })).rejects.toThrow(/x has 2 values, xShape \[1,3,1\] needs 3/);
  await expect(autoregressiveForecast(() => [1, 2], x, [1, 2, 1], { horizon: 2, targets: [0] })).rejects.toThrow(/returned 2 values, expected batch × targets = 1 × 1/);
});

test('seasonalNaive with period 1 is persistence: the last value held flat', () => {
  expect(seasonalNaive([5, 3], 3, 1)).toEqual([3, 3, 3]);
});
