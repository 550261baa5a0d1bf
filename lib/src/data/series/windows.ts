/**
 * Sliding windows over a time-series table for supervised forecasting.
 *
 * Window i starts at row s = i * stride. Its input is rows s .. s+lookBack-1 (the
 * `inputColumns`), its target rows s+lookBack .. s+lookBack+horizon-1 (the
 * `targetColumns`). Windows whose target would run past the end are not made, so
 * count = floor((n - lookBack - horizon) / stride) + 1 (0 if n < lookBack + horizon).
 * Shapes: x `[batch, lookBack, inputs]`, y `[batch, horizon, targets]`.
 *
 * Split first (splitByTime), then window each part: a window never spans two parts.
 *
 * Gaps in time: with `maxStepMs` and a table that has `dates`, a window is skipped
 * when two consecutive rows inside it (input and target) are further apart than
 * `maxStepMs` (e.g. one day for a daily series with absent days); the windows kept
 * keep their regular starts, so fewer windows than the count above come out.
 */
import type { Tensor3D } from '@tensorflow/tfjs';
import { checkTableDates, columnPositions, SeriesTable } from './table';

export interface WindowOptions {
  /** Time steps of input per window. */
  lookBack: number;
  /** Time steps to predict after the input. Default 1. */
  horizon?: number;
  /** Rows between the starts of consecutive windows. Default 1. */
  stride?: number;
  /** Input features. Default: every column. */
  inputColumns?: string[];
  /** Predicted features. Default: every column. */
  targetColumns?: string[];
  /** Skip windows containing a step between rows longer than this (needs `table.dates`). */
  maxStepMs?: number;
}

/** Windows as flat Float32Arrays in row-major order, with their shapes. */
export interface Windows {
  x: Float32Array;
  xShape: [number, number, number];
  y: Float32Array;
  yShape: [number, number, number];
  /** Row where each window's input starts. */
  starts: number[];
}

export function slidingWindows(table: SeriesTable, options: WindowOptions): Windows {
  const { lookBack } = options;
  const horizon = options.horizon ?? 1;
  const stride = options.stride ?? 1;
  for (const [k, v] of Object.entries({ lookBack, horizon, stride })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`slidingWindows: ${k} must be a positive integer, got ${v}`);
  }
  checkTableDates('slidingWindows', table);
  if (options.maxStepMs !== undefined && !(Number.isFinite(options.maxStepMs) && options.maxStepMs > 0)) {
    throw new Error(`slidingWindows: maxStepMs must be a finite number > 0 (ms), got ${options.maxStepMs}`);
  }
  const xPos = columnPositions(table, options.inputColumns ?? table.columns);
  const yPos = columnPositions(table, options.targetColumns ?? table.columns);
  const n = table.values.length;
  const span = lookBack + horizon;
  const candidates: number[] = [];
  for (let s = 0; s + span <= n; s += stride) candidates.push(s);
  let starts = candidates;
  if (options.maxStepMs !== undefined) {
    const dates = table.dates;
    if (!dates) throw new Error('slidingWindows: maxStepMs needs a table with dates');
    // breaks[i] = number of over-long steps among rows 0..i (step k joins rows k-1 and k)
    const breaks = new Int32Array(n);
    for (let k = 1; k < n; k++) breaks[k] = breaks[k - 1] + (dates[k].getTime() - dates[k - 1].getTime() > options.maxStepMs! ? 1 : 0);
    starts = candidates.filter((s) => breaks[s + span - 1] - breaks[s] === 0);
  }
  const count = starts.length;
  const x = new Float32Array(count * lookBack * xPos.length);
  const y = new Float32Array(count * horizon * yPos.length);
  let xi = 0;
  let yi = 0;
  for (const s of starts) {
    for (let t = 0; t < lookBack; t++) for (const j of xPos) x[xi++] = table.values[s + t][j];
    for (let t = 0; t < horizon; t++) for (const j of yPos) y[yi++] = table.values[s + lookBack + t][j];
  }
  return { x, xShape: [count, lookBack, xPos.length], y, yShape: [count, horizon, yPos.length], starts };
}

/** The windows as tfjs tensors: x `[batch, lookBack, inputs]`, y `[batch, horizon, targets]`. */
export function windowsToTensors(w: Windows): { x: Tensor3D; y: Tensor3D } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
  return { x: tf.tensor3d(w.x, w.xShape), y: tf.tensor3d(w.y, w.yShape) };
}

/** A flat window array as nested arrays `[batch][time][feature]` (for printing and tests). */
export function nestWindows(flat: Float32Array, shape: [number, number, number]): number[][][] {
  const [b, t, f] = shape;
  const out: number[][][] = [];
  for (let i = 0; i < b; i++) {
    const rows: number[][] = [];
    for (let j = 0; j < t; j++) rows.push(Array.from(flat.subarray((i * t + j) * f, (i * t + j + 1) * f)));
    out.push(rows);
  }
  return out;
}
