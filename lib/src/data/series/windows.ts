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
 */
import type { Tensor3D } from '@tensorflow/tfjs';
import { columnPositions, SeriesTable } from './table';

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
  const xPos = columnPositions(table, options.inputColumns ?? table.columns);
  const yPos = columnPositions(table, options.targetColumns ?? table.columns);
  const n = table.values.length;
  const count = n < lookBack + horizon ? 0 : Math.floor((n - lookBack - horizon) / stride) + 1;
  const x = new Float32Array(count * lookBack * xPos.length);
  const y = new Float32Array(count * horizon * yPos.length);
  const starts: number[] = [];
  let xi = 0;
  let yi = 0;
  for (let i = 0; i < count; i++) {
    const s = i * stride;
    starts.push(s);
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
